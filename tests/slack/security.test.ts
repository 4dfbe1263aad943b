// The HTTP edge: signature checks (nothing happens without a valid one), malformed and huge bodies, URL
// verification, /healthz, keep-alive, and no tokens or message text in the logs.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { BOT_TOKEN, channelMessage, useHarness, type Harness } from '../helpers/app-harness.ts';
import { FLAGGED, NUDGED } from '../helpers/examples.ts';
import { postSigned, signature, SIGNING_SECRET } from '../helpers/slack-signing.ts';

const SECRET_WORDS = 'Zanzibar-quokka-memo';

let h: Harness;
useHarness((harness) => (h = harness));

const now = () => Math.floor(Date.now() / 1000);

describe('request signatures', () => {
  it.each([
    ['a wrong signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['the wrong secret', { secret: 'not-the-signing-secret-at-all' }],
    ['no signature', { signature: null }],
    ['a stale timestamp (301 s)', { timestamp: now() - 301 }],
    ['a non-numeric timestamp', { timestamp: Number.NaN }],
  ])('answers 401 to %s and does nothing', async (_name, options) => {
    const command = await h.command(FLAGGED, {}, options);
    const event = await h.event(channelMessage(NUDGED, { user: 'U-sig' }), options);
    expect(command.status).toBe(401);
    expect(event.status).toBe(401);
    await h.idle();
    expect(h.slack.effects).toEqual([]);
  });

  it('rejects a body changed after signing', async () => {
    const body = 'command=%2Ftradeoff&text=hello&user_id=U1&team_id=T1';
    const ts = now();
    const res = await fetch(`${h.origin}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': signature(SIGNING_SECRET, ts, body),
      },
      body: `${body}x`,
    });
    expect(res.status).toBe(401);
  });

  it('accepts a timestamp just inside the five-minute window', async () => {
    const res = await h.command('help', {}, { timestamp: now() - 290 });
    expect(res.status).toBe(200);
    await h.slack.waitFor('response_url');
  });

  it('accepts a future timestamp (pinned: Bolt rejects only stale ones; a future one can only be signed with the secret)', async () => {
    const res = await h.command('help', {}, { timestamp: now() + 400 });
    expect(res.status).toBe(200);
    await h.slack.waitFor('response_url');
  });

  it('does not let an unsigned ssl_check smuggle an event in', async () => {
    const body = `ssl_check=1&payload=${encodeURIComponent(JSON.stringify({ type: 'event_callback', event: channelMessage(NUDGED) }))}`;
    const res = await postSigned(`${h.origin}/slack/events`, body, 'application/x-www-form-urlencoded', { signature: null });
    expect(res.status).toBeLessThan(500);
    await h.idle();
    expect(h.slack.effects).toEqual([]);
  });
});

describe('bodies', () => {
  it('answers url_verification with the challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'chal-123', token: 't' });
    const res = await postSigned(`${h.origin}/slack/events`, body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'chal-123' });
  });

  it('answers 4xx to a signed but malformed JSON body and keeps serving', async () => {
    const res = await postSigned(`${h.origin}/slack/events`, '{"type": "event_callback", ', 'application/json');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
  });

  it('answers 4xx to a signed interaction whose payload is not JSON', async () => {
    const res = await postSigned(`${h.origin}/slack/events`, 'payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('refuses a body over 1 MiB with 413 before reading it all', async () => {
    // Its own connection: the server answers before the upload ends, so that socket is not reusable.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${h.origin}/slack/events`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end('x'.repeat(2 * 1024 * 1024));
    });
    expect(status).toBe(413);
  });

  it('answers a 40,000-character message, and the process stays up', async () => {
    const huge = `${FLAGGED} ${'word '.repeat(8_000)}`.slice(0, 40_000);
    const res = await h.command(huge);
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor('response_url');
    expect(JSON.stringify(reply!.args)).toContain('first 4,000 characters');
    expect(h.slack.violations).toEqual([]);
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
  });

  it('coaches a 40,000-character DM too', async () => {
    const huge = `${FLAGGED} ${'word '.repeat(8_000)}`.slice(0, 40_000);
    expect((await h.event(channelMessage(huge, { channel: 'D1', channel_type: 'im', user: 'U-huge' }))).status).toBe(200);
    const [post] = await h.slack.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe('D1');
    expect(h.slack.violations).toEqual([]);
  });

  it('gives 404 to unknown paths and GETs on /slack/events', async () => {
    expect((await fetch(`${h.origin}/nope`)).status).toBe(404);
    expect((await fetch(`${h.origin}/slack/events`)).status).toBe(404);
  });
});

describe('server', () => {
  it('answers /healthz with 200 once ready, without calling Slack', async () => {
    const res = await fetch(`${h.origin}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, store: 'ok' });
    expect(h.slack.effects).toEqual([]);
  });

  it('keeps idle connections longer than a load balancer does (> 65 s)', async () => {
    const header = await new Promise<string>((resolve, reject) => {
      const req = request(`${h.origin}/healthz`, (res) => {
        res.resume();
        resolve(String(res.headers['keep-alive']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(Number(/timeout=(\d+)/.exec(header)?.[1])).toBeGreaterThan(65);
  });
});

describe('logs', () => {
  it('never hold the bot token or message text', async () => {
    await h.command(`${FLAGGED} ${SECRET_WORDS}`);
    await h.event(channelMessage(`${NUDGED} ${SECRET_WORDS}`, { user: 'U-logs' }));
    await h.slack.waitFor('response_url');
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    const logs = h.logText();
    expect(logs).toContain('coaching'); // the app did log
    expect(logs).not.toContain(SECRET_WORDS);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
