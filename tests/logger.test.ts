import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censorKeys, createLogger, toBoltLogger } from '../src/logger.ts';
import type { LogLevelName } from '../src/config.ts';

const MESSAGE_TEXT = 'we will try to ship the migration by Friday';
const BOT_TOKEN = 'xoxb-1111-2222-abcdefSECRET';

/** A logger whose JSON lines are collected (pino writes to any object with write()). */
function capture(level: LogLevelName = 'debug') {
  const raw: string[] = [];
  const log = createLogger({ level }, { write: (line: string) => void raw.push(line) });
  const lines = () => raw.map((line) => JSON.parse(line) as Record<string, any>);
  return { log, raw, lines };
}

describe('createLogger', () => {
  it('writes JSON lines at the configured level', () => {
    const { log, lines } = capture('info');
    log.debug('hidden');
    log.info({ team: 'T1' }, 'started');
    expect(lines()).toEqual([expect.objectContaining({ level: 30, team: 'T1', msg: 'started' })]);
  });

  it('redacts tokens, secrets, authorization headers and text-bearing fields in logged objects', () => {
    const { log, raw, lines } = capture();
    log.info({
      token: BOT_TOKEN,
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
      installation: { bot: { token: BOT_TOKEN } },
      signingSecret: 'signing-secret-value',
      event: { type: 'message', user: 'U1', text: MESSAGE_TEXT },
      draft: MESSAGE_TEXT,
    });
    const [line] = lines();
    expect(line?.event).toEqual({ type: 'message', user: 'U1', text: '[redacted]' });
    expect(line?.headers).toEqual({ authorization: '[redacted]' });
    expect(raw.join('')).not.toContain('SECRET');
    expect(raw.join('')).not.toContain('signing-secret-value');
    expect(raw.join('')).not.toContain(MESSAGE_TEXT);
  });
});

describe('censorKeys (the logger\'s redaction)', () => {
  it("censors a child logger's bindings too, and leaves objects with nothing to censor untouched", () => {
    const { log, raw } = capture();
    log.child({ surface: 'command', context: { text: MESSAGE_TEXT } }).info({ rules: ['sure-well-try'] }, 'coaching');
    expect(raw.join('')).not.toContain(MESSAGE_TEXT);
    const plain = { team: 'T1', ids: { user: 'U1' } };
    expect(censorKeys(plain)).toBe(plain);
    expect(censorKeys({ a: { b: { text: 'x' } } })).toEqual({ a: { b: { text: '[redacted]' } } });
  });
});

describe('toBoltLogger', () => {
  it('keeps an Error passed after the message, with its stack and Slack error code', () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'channel_not_found' },
    });
    toBoltLogger(log).error('Slack API error: channel_not_found', error);
    const [line] = lines();
    expect(line?.level).toBe(50);
    expect(line?.msg).toBe('Slack API error: channel_not_found');
    expect(line?.err).toMatchObject({
      type: 'Error',
      message: 'An API error occurred: channel_not_found',
      code: 'slack_webapi_platform_error',
      slackError: 'channel_not_found',
    });
    expect(line?.err.stack).toContain('logger.test.ts');
  });

  it('keeps an Error passed alone, and every Error when there are several', () => {
    const { log, lines } = capture();
    const bolt = toBoltLogger(log);
    bolt.error(new Error('first'));
    bolt.warn('two things failed', new Error('a'), new Error('b'));
    const [alone, both] = lines();
    expect(alone?.err.message).toBe('first');
    expect(both?.err.message).toBe('a');
    expect(both?.errors).toEqual([expect.objectContaining({ message: 'b' })]);
  });

  it("drops what a web-api error drags along (the request with its token and text), keeping the error's cause", () => {
    const { log, raw } = capture();
    const request = { headers: { Authorization: `Bearer ${BOT_TOKEN}` }, data: `text=${encodeURIComponent(MESSAGE_TEXT)}` };
    const error = Object.assign(new Error('A request error occurred: socket hang up', { cause: new Error('ECONNRESET') }), {
      code: 'slack_webapi_request_error',
      original: Object.assign(new Error('socket hang up'), { config: request }),
    });
    toBoltLogger(log).error(error);
    expect(raw.join('')).toContain('ECONNRESET');
    expect(raw.join('')).not.toContain('SECRET');
    expect(raw.join('')).not.toContain('migration');
  });

  it('joins several string and number arguments into the message', () => {
    const { log, lines } = capture();
    toBoltLogger(log).info('listening on port', 3000);
    expect(lines()[0]?.msg).toBe('listening on port 3000');
  });

  it('scrubs tokens that appear inside strings', () => {
    const { log, raw } = capture();
    toBoltLogger(log).warn(`token rejected: ${BOT_TOKEN}`);
    toBoltLogger(log).info('Unhandled HTTP request (GET) made to /slack/oauth_redirect?code=123.456.SECRET&state=s1');
    expect(raw.join('')).not.toContain('SECRET');
    expect(raw.join('')).toContain('state=s1');
  });

  it("leaves no message text in the debug lines Bolt and socket-mode write for a Slack payload", () => {
    const { log, raw, lines } = capture();
    const bolt = toBoltLogger(log);
    const body = { token: 'verification', team_id: 'T1', event: { type: 'message', user: 'U1', channel: 'C1', text: MESSAGE_TEXT } };
    // The shapes of bolt-js App.processEvent (developerMode), HTTPResponseAck and SocketModeClient debug lines.
    bolt.debug(JSON.stringify(body));
    bolt.debug(`ack() call begins (body: ${MESSAGE_TEXT})`);
    bolt.debug(`Received a message on the WebSocket: ${JSON.stringify({ envelope_id: 'e1', payload: body })}`);
    bolt.debug('Calling ack() - type: events_api, envelope_id: e1, data: {"text":"' + MESSAGE_TEXT + '"}');
    bolt.debug({ body }, 'event body');
    // HTTPReceiver at warn: V8 quotes the start of a malformed JSON body in the parse error.
    const parseError = (() => {
      try {
        JSON.parse(MESSAGE_TEXT);
      } catch (error) {
        return error as Error;
      }
    })();
    bolt.warn(`Failed to parse the request body: ${parseError?.message}`);
    bolt.error('An unhandled error occurred while Bolt processed an event', parseError);
    expect(lines()).toHaveLength(7);
    expect(raw.join('')).not.toMatch(/migration|Friday/);
    expect(lines()[1]?.msg).toMatch(/^ack\(\) call begins \(body: \[\d+ chars omitted\]$/);
  });

  it('maps and changes levels as Bolt expects, and names lines with setName', () => {
    const { log, lines } = capture('info');
    const bolt = toBoltLogger(log);
    expect(bolt.getLevel()).toBe('info');
    bolt.setLevel('debug' as Parameters<typeof bolt.setLevel>[0]);
    expect(bolt.getLevel()).toBe('debug');
    bolt.setName('web-api:WebClient:0');
    bolt.debug('now visible');
    bolt.setLevel('error' as Parameters<typeof bolt.setLevel>[0]);
    bolt.warn('hidden');
    expect(lines()).toEqual([expect.objectContaining({ level: 20, name: 'web-api:WebClient:0', msg: 'now visible' })]);
  });
});

describe('toBoltLogger with a real WebClient at debug level', () => {
  let server: Server;
  let apiUrl: string;
  beforeAll(async () => {
    // A fake Slack Web API at the network edge: every method answers ok and echoes the message like Slack does.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const params = new URLSearchParams(body);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ok: true, message_ts: '1.2', message: { text: params.get('text') } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('logs the call without the token or the text of the request and the response', async () => {
    const { log, raw, lines } = capture('debug');
    const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: apiUrl, logger: toBoltLogger(log) });
    await client.chat.postMessage({ channel: 'C1', text: MESSAGE_TEXT });
    expect(lines().some((line) => String(line.msg).includes("apiCall('chat.postMessage')"))).toBe(true);
    expect(lines().some((line) => String(line.msg).includes('http request body'))).toBe(true);
    expect(raw.join('')).not.toMatch(/migration|Friday|SECRET/);
  });
});

describe('error serialization', () => {
  it('scrubs the message in the stack too, and keeps frames that contain brackets', () => {
    const { log, raw, lines } = capture();
    const listeners = {
      handler: function parseBody() {
        JSON.parse(MESSAGE_TEXT);
      },
    };
    let parseError: unknown;
    try {
      listeners.handler();
    } catch (error) {
      parseError = error;
    }
    log.error({ err: parseError }, 'bad body');
    expect(raw.join('')).not.toMatch(/migration|Friday/);
    const stack = lines()[0]?.err.stack as string;
    expect(stack).toMatch(/^SyntaxError: .*chars omitted\]\n\s+at /);
    expect(stack).toContain('parseBody [as handler]');
  });

  it('survives an error that is its own cause', () => {
    const { log, lines } = capture();
    const loop: Error = new Error('loop');
    loop.cause = loop;
    log.error({ err: loop }, 'cyclic');
    expect(lines()[0]?.err.cause.cause.cause.message).toBe('loop');
  });
});
