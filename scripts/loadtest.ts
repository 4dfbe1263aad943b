// Load and fault runs against a real instance (`node src/main.ts`, HTTP mode, Redis store) that this script starts,
// with a fake Slack Web API, a redis-server and (for one run) a model that never answers, all on 127.0.0.1.
// autocannon sends pre-signed slash commands and message events at a fixed rate; the script prints ack latency,
// errors, the app's RSS, and which replies reached the fake Slack, per run. Everything stops by itself.
//
//   npm run loadtest                                  # 200 requests/s for 30 s per run, all runs
//   npm run loadtest -- --seconds 5 --rate 50 --runs baseline,redis-outage
//   npm run loadtest -- --runs baseline --profile .cache/profile   # + what held the event loop: CPU profile, GC, loop delay
//
// With --profile the app runs with --cpu-prof, --trace-gc, a sampling heap profiler and scripts/loop-probe.ts, over the
// load window only; LOOP_PROBE_PROMOTED=1 samples only allocations that outlived a scavenge. LOADTEST_NODE_FLAGS
// passes extra flags to the app's node (e.g. "--max-semi-space-size=8") to compare settings.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { analyze } from '../src/engine/index.ts';
import { FakeSlack } from '../tests/helpers/fake-slack-api.ts';
import { formatSummary, summarize } from './cpuprofile-summary.ts';
import { startRedis, type RedisServer } from '../tests/helpers/redis.ts';
import { formBody, signature } from '../tests/helpers/slack-signing.ts';

// autocannon ships no types; this is the part used here.
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  overallRate: number;
  duration: number;
  timeout: number;
  ignoreCoordinatedOmission: boolean;
  requests: {
    setupRequest: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    onResponse: (status: number, body: string, context: Record<string, unknown>) => void;
  }[];
}) => Promise<AutocannonResult> & {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const RUNS = ['baseline', 'slack-errors', 'model-hang', 'redis-outage'] as const;
type Run = (typeof RUNS)[number];

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '200' },
    connections: { type: 'string', default: '20' },
    runs: { type: 'string', default: RUNS.join(',') },
    profile: { type: 'string' },
  },
});
const SECONDS = positive('seconds');
const RATE = positive('rate');
const CONNECTIONS = positive('connections');
const SELECTED = values.runs.split(',').map((name) => {
  if (!(RUNS as readonly string[]).includes(name)) usage(`unknown run "${name}"; choose from ${RUNS.join(', ')}`);
  return name as Run;
});

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./loop-probe.ts', import.meta.url));
/** With --profile: the app runs with --cpu-prof, --trace-gc and the loop probe, and each run's files go here. */
const PROFILE_DIR = values.profile ? resolve(values.profile) : undefined;
const SECRET = 'loadtest-signing-secret-0123456789';
/** How long replies may keep arriving after the load stops (the hung model times out after LLM_TIMEOUT_MS = 10 s). */
const DRAIN_MAX_MS = 20_000;

/** Realistic drafts: most need coaching (so they nudge and get a rewrite), some are clean. */
const DRAFTS = [
  "Sure, we'll try to squeeze SSO in by Friday.",
  "Let's go with Kafka for the event bus.",
  "It'll take 3 weeks.",
  'No idea, it depends on the platform team.',
  "I'll write our own feature-flag service this sprint.",
  'We should rewrite the billing service in Rust.',
  'Thanks, merged!',
  'Can you review my PR when you have a minute?',
];
const NUDGES = new Map(DRAFTS.map((text) => [text, analyze(text).nudge]));

type Kind = 'command' | 'nudge' | 'channel' | 'dm';
interface Prepared {
  kind: Kind;
  /** What identifies its reply at the fake Slack: the response_url id, the nudged user, or the DM channel. */
  replyKey: string;
  request: AutocannonRequest;
}

function positive(name: 'seconds' | 'rate' | 'connections'): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value <= 0) usage(`--${name} must be a positive number`);
  return value;
}

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run loadtest -- [--seconds 30] [--rate 200] [--connections 20] [--runs ${RUNS.join(',')}] [--profile <dir>]\n`);
  process.exit(2);
}

/** Pre-signs `count` requests numbered from `from`: half slash commands, the rest channel messages (unique authors) and DMs. */
function prepare(count: number, slack: FakeSlack, from = 0): Prepared[] {
  const timestamp = Math.floor(Date.now() / 1000); // signatures stay valid for 5 minutes, longer than a run
  const signed = (body: string, contentType: string): AutocannonRequest => ({
    method: 'POST',
    path: '/slack/events',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(SECRET, timestamp, body),
    },
    body,
  });
  return Array.from({ length: count }, (_, n): Prepared => {
    const i = from + n;
    const text = DRAFTS[i % DRAFTS.length]!;
    if (i % 2 === 0) {
      const responseUrl = slack.responseUrl();
      const body = formBody({
        command: '/tradeoff', text, team_id: 'T1', user_id: `UC${i}`, channel_id: 'C1',
        response_url: responseUrl, trigger_id: `${i}.1.1`,
      });
      return { kind: 'command', replyKey: responseUrl.split('/').pop()!, request: signed(body, 'application/x-www-form-urlencoded') };
    }
    const dm = i % 10 === 1;
    const user = `UM${i}`;
    const channel = dm ? `D${i}` : `C${i % 50}`;
    const event = { type: 'message', channel, channel_type: dm ? 'im' : 'channel', user, text, ts: `${timestamp}.${String(i).padStart(6, '0')}` };
    const body = JSON.stringify({
      team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `EvLoad${timestamp}x${i}`, event_time: timestamp, event,
      authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
    });
    const kind: Kind = dm ? 'dm' : NUDGES.get(text) ? 'nudge' : 'channel';
    return { kind, replyKey: dm ? channel : user, request: signed(body, 'application/json') };
  });
}

function rssMb(pid: number): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : undefined;
  } catch {
    return undefined; // not Linux
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** An OpenAI-compatible endpoint that accepts every request and never answers. */
async function startHungModel(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume(); // read the request, say nothing
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function waitHealthy(origin: string, exited: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && !exited()) {
    if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) return;
    await sleep(100);
  }
  throw new Error('the app did not become healthy within 15 s');
}

/** Waits until no new call has reached the fake Slack for `quietMs`, at most DRAIN_MAX_MS. */
async function drain(slack: FakeSlack, quietMs = 1500): Promise<void> {
  const deadline = Date.now() + DRAIN_MAX_MS;
  let last = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (slack.calls.length !== last) {
      last = slack.calls.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
    await sleep(100);
  }
}

/**
 * Ack latencies as autocannon measured them (request written to response read), with coordinated omission
 * corrected the way HdrHistogram does it: a response slower than the interval between two requests of its
 * connection (connections / rate) also stands for the requests that connection could not send meanwhile.
 */
function ackLatency() {
  const histogram = createHistogram();
  const intervalUs = (1e6 * CONNECTIONS) / RATE;
  let max = 0;
  return {
    record(ms: number) {
      const us = Math.max(1, Math.round(ms * 1000));
      max = Math.max(max, ms);
      histogram.record(us);
      for (let missed = us - intervalUs; missed >= intervalUs; missed -= intervalUs) histogram.record(Math.round(missed));
    },
    summary: () => ({ p50: round(histogram.percentile(50) / 1000), p99: round(histogram.percentile(99) / 1000), max: round(max) }),
  };
}

const round = (ms: number) => (ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10);

interface RunResult {
  run: Run;
  acks: AutocannonResult;
  /** Ack latency in ms (see ackLatency). */
  latency: { p50: number; p99: number; max: number };
  /** The load generator's own event loop delay in ms: how much of the latency may be the generator's. */
  generator: { p99: number; max: number };
  /** Acked requests per kind. */
  sent: Record<Kind, number>;
  delivered: Record<Kind, number>;
  /** Of the delivered command replies, how many were "Sorry, something went wrong" (the coaching reply was refused). */
  sorry: number;
  /** Replies updated in place after the first answer (the model's rewrite, or the rules' with a note). */
  updated: number;
  /** Nudges or DM replies that reached the same person twice. */
  duplicates: number;
  rss: { before?: number; peak?: number; after?: number };
  warnings: Map<string, number>;
  note: string;
  /** With --profile: the loop probe's figures over the load window (see scripts/loop-probe.ts). */
  probe?: ProbeWindow;
}

interface ProbeWindow {
  us: number;
  openUs: number;
  loopDelayMs: { p50: number; p99: number; max: number; mean: number };
  serverAckMs: { p50: number; p99: number; max: number; count: number };
  elu: number;
  gc: Record<string, { count: number; ms: number; maxMs: number }>;
}

/** Reads the loop probe's JSON lines from the app's stderr; next('open' | 'window') waits for the next one. */
function probeLines(stderr: NodeJS.ReadableStream) {
  const waiting = new Map<string, (fields: Record<string, any>) => void>();
  let openUs = 0;
  let pending = '';
  stderr.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{"probe"')) continue;
      const fields = JSON.parse(line) as Record<string, any>;
      if (fields.probe === 'open') openUs = fields.us;
      waiting.get(fields.probe)?.({ ...fields, openUs });
      waiting.delete(fields.probe);
    }
  });
  return {
    next<K extends 'open' | 'window'>(kind: K): Promise<K extends 'window' ? ProbeWindow : { us: number }> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the loop probe did not answer (${kind})`)), 5_000);
        waiting.set(kind, (fields) => {
          clearTimeout(timer);
          resolve(fields as never);
        });
      });
    },
  };
}

/** The app's CPU profile (written when it exits), cut to the probe's window. */
function profileReport(dir: string, window: ProbeWindow): string {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) return '  (no .cpuprofile written)';
  const summary = summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')), { from: window.openUs, to: window.us });
  return `${formatSummary(summary, '    ')}\n    files: ${join(dir, file)}, ${join(dir, 'gc-trace.txt')}`;
}

async function runOnce(run: Run): Promise<RunResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-loadtest-'));
  const redis: RedisServer = await startRedis();
  const slack = await FakeSlack.start();
  const model = run === 'model-hang' ? await startHungModel() : undefined;
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const profileDir = PROFILE_DIR && join(PROFILE_DIR, run);
  if (profileDir) {
    await rm(profileDir, { recursive: true, force: true });
    await mkdir(profileDir, { recursive: true });
  }
  const nodeArgs = [...(process.env.LOADTEST_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--trace-gc', '--import', PROBE] : [])];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-loadtest-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...(profileDir ? { LOOP_PROBE_HEAP_DIR: profileDir, LOOP_PROBE_PROMOTED: process.env.LOOP_PROBE_PROMOTED ?? '' } : {}),
      ...(model
        ? { OPENAI_API_KEY: 'sk-loadtest-not-real', OPENAI_BASE_URL: model.url, LLM_USER_DAILY_CAP: '1000000', LLM_TEAM_DAILY_CAP: '1000000' }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const warnings = new Map<string, number>();
  // --trace-gc lines share stdout with the app's JSON logs; with --profile they go to a file of their own.
  const gcTrace = profileDir ? createWriteStream(join(profileDir, 'gc-trace.txt')) : undefined;
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (gcTrace && !line.startsWith('{')) {
        gcTrace.write(`${line}\n`);
        continue;
      }
      const msg = (() => {
        try {
          return String(JSON.parse(line).msg);
        } catch {
          return line.slice(0, 80);
        }
      })();
      warnings.set(msg, (warnings.get(msg) ?? 0) + 1);
    }
  });
  const probe = probeLines(child.stderr!);

  try {
    await waitHealthy(origin, () => child.exitCode !== null);
    const pid = child.pid!;
    const rss: RunResult['rss'] = { before: rssMb(pid) };
    const pool = prepare(Math.ceil(RATE * SECONDS * 1.2) + CONNECTIONS * 2, slack);
    let next = 0;
    /** Requests whose ack came back within the run (one at a time per connection, so the context holds it). */
    const answered: Prepared[] = [];

    // The faults, on a timer relative to the run.
    const faults: NodeJS.Timeout[] = [];
    let note = '';
    const scripted: Record<string, number> = {};
    if (run === 'slack-errors') {
      // Roughly the first third of each method's calls get 429 + Retry-After: 1, the next third 500, then all is well.
      const third = (share: number) => Math.ceil((RATE * SECONDS * share) / 3);
      for (const [method, share] of [['chat.postEphemeral', 0.4], ['chat.postMessage', 0.05]] as const) {
        slack.failNext(method, { status: 429, retryAfter: 1 }, third(share));
        slack.failNext(method, { status: 500 }, third(share));
        scripted[method] = 2 * third(share);
      }
      slack.failNext('response_url', { status: 500 }, third(0.5));
      scripted['response_url'] = third(0.5);
      note = 'Slack answers 429 (Retry-After: 1) then 500 to the first two thirds of posts; response_urls get 500 for a third';
    }
    if (run === 'model-hang') note = 'OPENAI_BASE_URL accepts connections and never answers (LLM_TIMEOUT_MS 10 s)';
    if (run === 'redis-outage') {
      faults.push(setTimeout(() => void redis.stop(), (SECONDS * 1000) / 3));
      faults.push(setTimeout(() => void redis.restart(), (SECONDS * 2000) / 3));
      note = 'redis-server stopped at 1/3 of the run, a fresh one started at 2/3';
    }
    if (profileDir) {
      child.kill('SIGUSR2'); // the probe opens its window
      await probe.next('open');
    }
    const sampler = setInterval(() => {
      const now = rssMb(pid);
      if (now !== undefined) rss.peak = Math.max(rss.peak ?? 0, now);
    }, 250);

    const generatorDelay = monitorEventLoopDelay({ resolution: 2 });
    generatorDelay.enable();
    const latency = ackLatency();
    const load = autocannon({
      url: origin,
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: SECONDS,
      timeout: 10,
      // Corrected here instead (ackLatency): autocannon's correction assumes 1 ms between requests, not 1000 / rate.
      ignoreCoordinatedOmission: true,
      requests: [
        {
          setupRequest: (_request, context) => {
            // Never send a request twice: autocannon may send more than rate x seconds (a rate tick that lands just
            // before a late stop timer), and a re-sent event after the outage's fresh Redis was counted as a duplicate.
            if (next === pool.length) pool.push(...prepare(CONNECTIONS * 2, slack, pool.length));
            const item = pool[next++]!;
            context.item = item;
            return item.request;
          },
          onResponse: (status, _body, context) => {
            if (status >= 200 && status < 300) answered.push(context.item as Prepared);
          },
        },
      ],
    });
    load.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latency.record(ms);
    });
    const acks = await load;
    for (const timer of faults) clearTimeout(timer);
    generatorDelay.disable();
    if (profileDir) child.kill('SIGUSR2');
    const window = profileDir ? await probe.next('window') : undefined;
    // With the model hanging, the replies' in-place updates (rules' rewrite + a note) come after LLM_TIMEOUT_MS.
    await drain(slack, run === 'model-hang' ? 11_000 : 1_500);
    clearInterval(sampler);
    rss.after = rssMb(pid);
    const sent: Record<Kind, number> = { command: 0, nudge: 0, channel: 0, dm: 0 };
    for (const item of answered) sent[item.kind] += 1;
    const generator = { p99: round(generatorDelay.percentile(99) / 1e6), max: round(generatorDelay.max / 1e6) };
    return { run, acks, latency: latency.summary(), generator, sent, ...delivered(slack, answered, scripted), rss, warnings, note, probe: window };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(12_000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    gcTrace?.end();
    await redis.stop();
    await slack.close();
    await model?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Replies that reached the fake Slack and were accepted (a scripted 429/500 does not count), per kind of request. */
function delivered(
  slack: FakeSlack,
  answered: Prepared[],
  scripted: Record<string, number>,
): Pick<RunResult, 'delivered' | 'sorry' | 'updated' | 'duplicates'> {
  // The fake answers its scripted failures first, in order, so the accepted calls are the ones after them.
  const accepted = (method: string) => slack.callsTo(method).slice(scripted[method] ?? 0);
  const ok = new Set<string>();
  const sorry = new Set<string>();
  let updated = 0;
  const seen = new Set<string>();
  for (const call of accepted('response_url')) {
    const key = `command:${call.responseId}`;
    if (seen.has(key)) updated += 1;
    seen.add(key);
    if (/went wrong/.test(call.raw)) sorry.add(key);
    else ok.add(key);
  }
  let duplicates = 0;
  const add = (key: string) => (ok.has(key) ? (duplicates += 1) : ok.add(key));
  for (const call of accepted('chat.postEphemeral')) add(`nudge:${call.args.user}`);
  for (const call of accepted('chat.postMessage')) add(`dm:${call.args.channel}`);
  updated += accepted('chat.update').length;
  const counts: Record<Kind, number> = { command: 0, nudge: 0, channel: 0, dm: 0 };
  let sorryCount = 0;
  for (const item of answered) {
    const key = `${item.kind}:${item.replyKey}`;
    if (ok.has(key)) counts[item.kind] += 1;
    else if (sorry.has(key)) sorryCount += 1;
  }
  return { delivered: counts, sorry: sorryCount, updated, duplicates };
}

function print(result: RunResult): void {
  const { acks, sent, delivered: got, rss } = result;
  const total = sent.command + sent.nudge + sent.channel + sent.dm;
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
  console.log(`\n${result.run}${result.note ? `: ${result.note}` : ''}`);
  line('requests', `${total} acked in ${SECONDS} s (${sent.command} commands, ${sent.nudge + sent.channel} channel messages, ${sent.dm} DMs)`);
  line('acks', `${acks['2xx']} 2xx, ${acks.non2xx} non-2xx, ${acks.errors} errors, ${acks.timeouts} timeouts`);
  line('ack latency (ms)', `p50 ${result.latency.p50}, p99 ${result.latency.p99}, max ${result.latency.max}`);
  line('', `(the load generator's own event loop delay: p99 ${result.generator.p99}, max ${result.generator.max})`);
  const share = (kind: Kind) => `${got[kind]}/${sent[kind]}`;
  line('replies delivered', `commands ${share('command')}, nudges ${share('nudge')}, DMs ${share('dm')}`);
  if (result.sorry > 0) line('', `+ ${result.sorry} commands answered "sorry, something went wrong" (their coaching reply was refused)`);
  if (result.updated > 0) line('', `+ ${result.updated} replies updated in place after the model`);
  const lost = sent.command - got.command - result.sorry + (sent.nudge - got.nudge) + (sent.dm - got.dm);
  line('lost', `${lost} (and ${sent.channel} clean channel messages rightly got nothing)`);
  line('duplicates', `${result.duplicates} nudges or DM replies delivered twice`);
  line('RSS (MB)', `before ${rss.before ?? 'n/a'}, peak ${rss.peak ?? 'n/a'}, after ${rss.after ?? 'n/a'}`);
  const top = [...result.warnings].sort((a, b) => b[1] - a[1]).slice(0, 4);
  if (top.length > 0) line('app warnings', top.map(([msg, n]) => `${n}× "${msg.replace(/\s*\(url: .*$/, '').slice(0, 60)}"`).join('; '));
  if (result.probe) {
    const { loopDelayMs: d, serverAckMs: a, elu, gc } = result.probe;
    line('ack in the app (ms)', `p50 ${a.p50}, p99 ${a.p99}, max ${a.max} (${a.count} requests, request start to response finish)`);
    line('event loop delay (ms)', `p50 ${d.p50}, p99 ${d.p99}, max ${d.max}, mean ${d.mean}; utilisation ${elu}`);
    line('GC', Object.entries(gc).map(([kind, g]) => `${kind} ${g.count}× ${g.ms} ms (max ${g.maxMs})`).join(', ') || 'none');
  }
}

// Bounded: even if something hangs, the script ends.
const hardStop = setTimeout(() => {
  console.error('loadtest: time limit reached, stopping');
  process.exit(3);
}, SELECTED.length * (SECONDS * 1000 + DRAIN_MAX_MS + 60_000));
hardStop.unref();

console.log(`loadtest: ${RATE} requests/s for ${SECONDS} s per run, ${CONNECTIONS} connections, against node src/main.ts (HTTP, Redis) on 127.0.0.1`);
for (const run of SELECTED) {
  const result = await runOnce(run);
  print(result);
  if (PROFILE_DIR && result.probe) console.log(`  CPU profile of the app over the load window:\n${profileReport(join(PROFILE_DIR, run), result.probe)}`);
}
process.exit(0);
