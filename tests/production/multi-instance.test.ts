// Two real app processes (`node src/main.ts`, HTTP mode) on one real redis-server and one fake Slack Web API, as
// behind a load balancer: a retried event is handled once whichever instance it lands on, nudge limits, model-call
// caps and settings hold across both, and when Redis goes away /tradeoff and DMs still answer (nudges pause, fail closed) and /healthz
// stays 200 with `store: "unreachable"`; when Redis returns, nudges resume without a restart.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelMessage, dmMessage } from '../helpers/app-harness.ts';
import { FLAGGED, NUDGED } from '../helpers/examples.ts';
import { FakeSlack } from '../helpers/fake-slack-api.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';
import { formBody, postSigned, SIGNING_SECRET, type SendOptions } from '../helpers/slack-signing.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

interface Instance {
  name: string;
  origin: string;
  child: ChildProcess;
  /** Log lines so far, parsed. */
  logs(): Record<string, any>[];
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    cwd: dir, // no stray .env
    env: { PATH: process.env.PATH ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const instance: Instance = {
    name,
    origin: `http://127.0.0.1:${port}`,
    child,
    logs: () => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line)),
  };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${output.slice(0, 2000)}`);
    if ((await health(instance)).status === 200) return instance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${name} was not healthy in time: ${output.slice(0, 2000)}`);
}

async function health(instance: Instance): Promise<{ status: number; body?: { ok: boolean; store: string } }> {
  try {
    const res = await fetch(`${instance.origin}/healthz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; store: string } };
  } catch {
    return { status: 0 };
  }
}

let eventCount = 0;

/** Sends a signed event and waits until that instance has finished with it (handled, or skipped as a duplicate). */
async function deliver(instance: Instance, event: Record<string, unknown>, options: SendOptions & { eventId?: string } = {}) {
  const eventId = options.eventId ?? `EvMulti${++eventCount}`;
  const body = JSON.stringify({
    token: 'legacy',
    team_id: 'T1',
    api_app_id: 'A1',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
  });
  const before = instance.logs().length;
  const res = await postSigned(`${instance.origin}/slack/events`, body, 'application/json', options);
  expect(res.status).toBe(200);
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    const done = instance.logs().slice(before).find((l) => l.eventId === eventId && /event handled|duplicate event skipped/.test(l.msg));
    if (done) return done.msg as string;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${instance.name} did not finish ${eventId}`);
}

function command(instance: Instance, text: string, fields: Record<string, string> = {}) {
  const body = formBody({
    command: '/tradeoff',
    text,
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    response_url: slack.responseUrl(),
    trigger_id: '1.2.3',
    ...fields,
  });
  return postSigned(`${instance.origin}/slack/events`, body, 'application/x-www-form-urlencoded');
}

const nudgesFor = (user: string) => slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);

/** An OpenAI-compatible endpoint that counts its calls and answers with a rewrite that passes the rules. */
let modelCalls = 0;
let model: Server;
const REWRITE = 'We can ship SSO by Friday or keep [what slips] on track, not both. Which matters more?';

let dir: string;
let redis: RedisServer;
let slack: FakeSlack;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tradeoff-multi-'));
  [redis, slack] = await Promise.all([startRedis(), FakeSlack.start()]);
  model = createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      modelCalls += 1;
      const content = JSON.stringify({ rewrite: REWRITE, assumptions: ['what slips'] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'c1', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }] }));
    });
  });
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve));
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-multi-instance-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    REDIS_URL: redis.url,
    DATA_DIR: join(dir, 'unused'),
    LOG_LEVEL: 'debug',
    NUDGE_COOLDOWN_SECONDS: '600',
    NUDGE_DAILY_CAP: '2',
    OPENAI_API_KEY: 'sk-multi-instance-not-real',
    OPENAI_BASE_URL: `http://127.0.0.1:${(model.address() as { port: number }).port}/v1`,
    LLM_USER_DAILY_CAP: '1',
    LLM_VERIFY_NUDGES: 'false', // this file counts nudges and rewrite calls; verification has its own tests
  };
  [a, b] = await Promise.all([startInstance('A', env), startInstance('B', env)]);
}, 30_000);

afterAll(async () => {
  for (const instance of [a, b]) {
    if (!instance || instance.child.exitCode !== null) continue;
    const exited = once(instance.child, 'exit');
    instance.child.kill('SIGTERM');
    await exited;
  }
  await redis?.stop();
  await slack?.close();
  await new Promise((resolve) => model?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('two instances on one Redis', () => {
  it('handles a retried event once, whichever instance it lands on', async () => {
    const dm = dmMessage('We should rewrite the billing service in Rust.', { user: 'U-retry' });
    expect(await deliver(a, dm, { eventId: 'EvRetryDm' })).toBe('event handled');
    expect(await deliver(b, dm, { eventId: 'EvRetryDm', retryNum: 1 })).toBe('duplicate event skipped');
    expect(await deliver(a, dm, { eventId: 'EvRetryDm', retryNum: 2 })).toBe('duplicate event skipped');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'D1')).toHaveLength(1);

    // The same delivery reaching both at the same moment.
    const nudge = channelMessage(NUDGED, { user: 'U-race' });
    const outcomes = await Promise.all([deliver(a, nudge, { eventId: 'EvRace' }), deliver(b, nudge, { eventId: 'EvRace' })]);
    expect(outcomes.sort()).toEqual(['duplicate event skipped', 'event handled']);
    expect(nudgesFor('U-race')).toHaveLength(1);
  });

  it('holds the cooldown per author per channel and the daily cap across both instances', async () => {
    const user = 'U-limits';
    await deliver(a, channelMessage(NUDGED, { user, channel: 'C1' })); // nudged
    await deliver(b, channelMessage(NUDGED, { user, channel: 'C1' })); // cooldown, though B never nudged them
    await deliver(b, channelMessage(NUDGED, { user, channel: 'C2' })); // nudged: 2 of 2 today
    await deliver(a, channelMessage(NUDGED, { user, channel: 'C3' })); // daily cap
    expect(nudgesFor(user).map((c) => c.args.channel)).toEqual(['C1', 'C2']);
  });

  it('holds the daily cap on model calls across both instances', async () => {
    const before = modelCalls;
    const replies = (count: number) => slack.waitFor('response_url', count);
    const start = slack.callsTo('response_url').length;
    await command(a, FLAGGED, { user_id: 'U-model' });
    await replies(start + 2); // the rules' answer, then the AI rewrite in its place
    await command(b, FLAGGED, { user_id: 'U-model' });
    const [, , first, second] = (await replies(start + 4)).slice(start);
    expect(modelCalls - before).toBe(1);
    expect(JSON.stringify(first!.args.blocks)).toContain('Refining');
    expect(JSON.stringify(second!.args.blocks)).toMatch(/Daily AI rewrite limit reached/);
  });

  it('applies settings made through one instance on the other', async () => {
    expect((await command(a, 'mute', { user_id: 'U-muted' })).status).toBe(200);
    expect((await command(b, 'nudges off', { channel_id: 'C-quiet' })).status).toBe(200);
    await slack.waitFor('response_url', 2);
    await deliver(b, channelMessage(NUDGED, { user: 'U-muted', channel: 'C1' }));
    await deliver(a, channelMessage(NUDGED, { user: 'U-in-quiet', channel: 'C-quiet' }));
    expect(nudgesFor('U-muted')).toEqual([]);
    expect(nudgesFor('U-in-quiet')).toEqual([]);
    // The same people elsewhere are nudged, so the silence above was the settings.
    await deliver(b, channelMessage(NUDGED, { user: 'U-in-quiet', channel: 'C1' }));
    expect(nudgesFor('U-in-quiet')).toHaveLength(1);
  });

  it('answers /tradeoff and DMs while Redis is down, pauses nudges, and resumes when Redis is back', async () => {
    await redis.stop();
    slack.reset();
    const modelCallsBefore = modelCalls;

    const replies = slack.callsTo('response_url').length;
    const started = performance.now();
    expect((await command(a, FLAGGED, { user_id: 'U-outage' })).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    expect((await command(b, 'mute', { user_id: 'U-outage' })).status).toBe(200);
    // The coaching reply, then the same reply updated (the model is skipped: its caps cannot be checked), and the setting.
    const answers = (await slack.waitFor('response_url', replies + 3)).slice(replies).map((r) => JSON.stringify(r.args.blocks));
    expect(answers.filter((answer) => answer.includes('Suggested rewrite'))).toHaveLength(2); // coached without the store
    expect(answers.filter((answer) => /AI rewrite is unavailable/.test(answer))).toHaveLength(1);
    expect(answers.filter((answer) => /went wrong/.test(answer))).toHaveLength(1); // the setting could not be saved, and they are told

    expect(await deliver(b, dmMessage('We should rewrite the billing service in Rust.', { user: 'U-outage' }))).toBe('event handled');
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);

    await deliver(a, channelMessage(NUDGED, { user: 'U-outage', channel: 'C1' }));
    expect(nudgesFor('U-outage')).toEqual([]); // fail closed: no limits to check, no nudge

    for (const instance of [a, b]) expect(await health(instance)).toEqual({ status: 200, body: { ok: true, store: 'unreachable' } });
    expect(modelCalls).toBe(modelCallsBefore);

    await redis.restart(); // a fresh, empty Redis on the same port
    const deadline = Date.now() + 10_000;
    while ((await health(b)).body?.store !== 'ok' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await health(b)).body?.store).toBe('ok');
    await deliver(b, channelMessage(NUDGED, { user: 'U-after', channel: 'C1' }));
    expect(nudgesFor('U-after')).toHaveLength(1);
    for (const instance of [a, b]) expect(instance.child.exitCode).toBeNull();
  }, 30_000);
});
