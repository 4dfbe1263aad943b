// Load and fault runs against a real instance (`node src/main.ts`, HTTP mode, Redis store) that this script starts,
// with a fake Slack Web API, a redis-server and (for one run) a model that never answers, all on 127.0.0.1.
// autocannon sends pre-signed slash commands and message events at a fixed rate (after a 2 s warm-up at that rate,
// reported apart: a fresh process compiles as the first requests come); the script prints ack latency, errors, the
// app's RSS, and which replies reached the fake Slack (and which never could, by reason), per run.
// A full run starts with the app's cold start and idle memory (scripts/startup.ts). Everything stops by itself.
//
//   npm run loadtest                                  # startup figures, then 200 requests/s for 30 s per run, all runs
//   npm run loadtest -- --seconds 5 --rate 50 --runs baseline,redis-outage
//   npm run loadtest -- --seconds 300 --runs baseline # soak: RSS every 30 s, and whether it levelled off
//   npm run loadtest -- --store sqlite --runs baseline,slack-errors   # the default store instead of Redis
//   npm run loadtest -- --runs baseline --profile .cache/profile   # + what held the event loop: CPU profile, GC, loop delay
//
// With --profile the app runs with --cpu-prof, --trace-gc, a sampling heap profiler and scripts/loop-probe.ts, over the
// load window only; LOOP_PROBE_PROMOTED=1 samples only allocations that outlived a scavenge. LOADTEST_NODE_FLAGS
// passes extra flags to the app's node, after the ones it ships with (scripts/startup.ts), to compare settings.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { analyze } from '../src/engine/index.ts';
import { FakeSlack, type SlackCall } from '../tests/helpers/fake-slack-api.ts';
import { formatSummary, summarize } from './cpuprofile-summary.ts';
import { formatStartup, measureStartup, NODE_FLAGS } from './startup.ts';
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
    store: { type: 'string', default: 'redis' },
    startup: { type: 'boolean' },
    warmup: { type: 'string', default: '2' },
  },
});
const SECONDS = positive('seconds');
const RATE = positive('rate');
const CONNECTIONS = positive('connections');
const SELECTED = values.runs.split(',').map((name) => {
  if (!(RUNS as readonly string[]).includes(name)) usage(`unknown run "${name}"; choose from ${RUNS.join(', ')}`);
  return name as Run;
});
if (values.store !== 'redis' && values.store !== 'sqlite') usage('--store must be redis or sqlite');
if (values.store === 'sqlite' && SELECTED.includes('redis-outage')) usage('the redis-outage run needs --store redis');
const STORE = values.store;
/** Seconds of load before each measured run, at the same rate (0: none). */
const WARMUP = Number(values.warmup);
if (!Number.isFinite(WARMUP) || WARMUP < 0) usage('--warmup must be 0 or more seconds');
/** The cold start and idle figures come first in a full run (no --runs), or with --startup. */
const STARTUP = values.startup ?? !process.argv.some((arg) => arg.startsWith('--runs'));
/** How long the app idles after its first 200 on /healthz before the RSS "before" is read and the load starts. */
const IDLE_MS = 3_000;
/** Runs of a minute or more print RSS every 30 s: a soak shows whether memory levels off. */
const SOAK_SAMPLE_MS = 30_000;

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PROBE = fileURLToPath(new URL('./loop-probe.ts', import.meta.url));
/** With --profile: the app runs with --cpu-prof, --trace-gc and the loop probe, and each run's files go here. */
const PROFILE_DIR = values.profile ? resolve(values.profile) : undefined;
const SECRET = 'loadtest-signing-secret-0123456789';
/**
 * How long replies may keep arriving after the load stops: the hung model times out after LLM_TIMEOUT_MS (10 s), and
 * replies Slack refused everywhere are retried in the background (1-2 s, then 2-4 s, ...).
 */
const DRAIN_MAX_MS = 60_000;

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
  /** Who sent it (a command's reply may fall back to chat.postEphemeral or the DM, addressed to this user). */
  user: string;
  request: AutocannonRequest;
}

function positive(name: 'seconds' | 'rate' | 'connections'): number {
  const value = Number(values[name]);
  if (!Number.isFinite(value) || value <= 0) usage(`--${name} must be a positive number`);
  return value;
}

function usage(problem: string): never {
  process.stderr.write(`${problem}\nusage: npm run loadtest -- [--seconds 30] [--rate 200] [--connections 20] [--runs ${RUNS.join(',')}] [--store redis|sqlite] [--warmup 2] [--startup] [--profile <dir>]\n`);
  process.exit(2);
}

/** Pre-signs `count` requests numbered from `from`: half slash commands, the rest channel messages (unique authors) and DMs. */
function prepare(count: number, slack: FakeSlack, from = 0): Prepared[] {
  const timestamp = Math.floor(Date.now() / 1000); // signatures stay valid for 5 minutes; fresh() renews older ones
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
      return { kind: 'command', replyKey: responseUrl.split('/').pop()!, user: `UC${i}`, request: signed(body, 'application/x-www-form-urlencoded') };
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
    return { kind, replyKey: dm ? channel : user, user, request: signed(body, 'application/json') };
  });
}

/** Slack refuses a signature older than 5 minutes: a soak re-signs requests signed more than 4 minutes ago. */
function fresh(request: AutocannonRequest): AutocannonRequest {
  const now = Math.floor(Date.now() / 1000);
  if (now - Number(request.headers['x-slack-request-timestamp']) < 240) return request;
  request.headers['x-slack-request-timestamp'] = String(now);
  request.headers['x-slack-signature'] = signature(SECRET, now, request.body);
  return request;
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
  /** The same over the warm-up, not counted in the run. */
  warmup?: { p50: number; p99: number; max: number };
  /** The load generator's own event loop delay in ms: how much of the latency may be the generator's. */
  generator: { p99: number; max: number };
  /** The machine's 1-minute load average at the end of the run (others' work on the same cores shows here). */
  loadAverage: number;
  /** Acked requests per kind. */
  sent: Record<Kind, number>;
  delivered: Record<Kind, number>;
  /** How the delivered command replies got there. */
  commandRoutes: Record<'response_url' | 'chat.postEphemeral' | 'DM', number>;
  /** The app's "reply undeliverable" log lines, by why and reason. */
  undeliverable: Map<string, number>;
  /** With a soak: [seconds into the run, RSS MiB] every 30 s. */
  rssSeries: [number, number][];
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

/** The heap left after each major GC (--trace-gc): flat over a soak means no leak, whatever RSS does. */
function liveHeapReport(dir: string): string {
  let trace = '';
  try {
    trace = readFileSync(join(dir, 'gc-trace.txt'), 'utf8');
  } catch {
    return '';
  }
  const after = [...trace.matchAll(/Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)].map((m) => Number(m[1]));
  if (after.length === 0) return '';
  const round = (mb: number) => Math.round(mb);
  return `  live heap after each of ${after.length} major GCs (MB): first ${round(after[0]!)}, last ${round(after.at(-1)!)}, min ${round(Math.min(...after))}, max ${round(Math.max(...after))} (start-up included)`;
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
  const nodeArgs = [...NODE_FLAGS, ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '--trace-gc', '--import', PROBE] : [])];
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      SLACK_BOT_TOKEN: 'xoxb-loadtest-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      ...(STORE === 'redis' ? { REDIS_URL: redis.url } : {}),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_COMPILE_CACHE: join(tmpdir(), 'tradeoff-loadtest-compile-cache'), // as the image runs it
      ...(profileDir ? { LOOP_PROBE_HEAP_DIR: profileDir, LOOP_PROBE_PROMOTED: process.env.LOOP_PROBE_PROMOTED ?? '' } : {}),
      ...(model
        ? { OPENAI_API_KEY: 'sk-loadtest-not-real', OPENAI_BASE_URL: model.url, LLM_USER_DAILY_CAP: '1000000', LLM_TEAM_DAILY_CAP: '1000000' }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const warnings = new Map<string, number>();
  const undeliverable = new Map<string, number>();
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
      const entry = (() => {
        try {
          return JSON.parse(line) as { msg?: unknown; why?: string; reason?: string };
        } catch {
          return { msg: line.slice(0, 80) };
        }
      })();
      const msg = String(entry.msg);
      warnings.set(msg, (warnings.get(msg) ?? 0) + 1);
      if (msg === 'reply undeliverable') {
        const key = `${entry.why}: ${entry.reason}`;
        undeliverable.set(key, (undeliverable.get(key) ?? 0) + 1);
      }
    }
  });
  const probe = probeLines(child.stderr!);

  try {
    await waitHealthy(origin, () => child.exitCode !== null);
    const pid = child.pid!;
    // Idle first (with ENGINE_LOAD=after-start the engine loads meanwhile; by default the warm-up's first request loads it).
    await sleep(IDLE_MS);
    const rss: RunResult['rss'] = { before: rssMb(pid) };
    const pool = prepare(Math.ceil(RATE * (SECONDS + WARMUP) * 1.2) + CONNECTIONS * 2, slack);
    let next = 0;
    /** Requests whose ack came back within the run (one at a time per connection, so the context holds it). */
    const answered: Prepared[] = [];
    /** autocannon at RATE for `seconds`, each request a fresh one from the pool. */
    const fire = (seconds: number, latency: ReturnType<typeof ackLatency>, acked?: Prepared[]) => {
      const load = autocannon({
        url: origin,
        connections: CONNECTIONS,
        overallRate: RATE,
        duration: seconds,
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
              return fresh(item.request);
            },
            onResponse: (status, _body, context) => {
              if (status >= 200 && status < 300) acked?.push(context.item as Prepared);
            },
          },
        ],
      });
      load.on('response', (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) latency.record(ms);
      });
      return load;
    };

    // A fresh process compiles and optimises as the first requests arrive: those come before the measured run.
    const warmup = ackLatency();
    if (WARMUP > 0) {
      await fire(WARMUP, warmup);
      await drain(slack, 1_000);
      slack.reset();
    }

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
    const rssSeries: [number, number][] = [];
    const loadStart = Date.now();
    const soak =
      SECONDS * 1000 >= 2 * SOAK_SAMPLE_MS
        ? setInterval(() => {
            const now = rssMb(pid);
            const at = Math.round((Date.now() - loadStart) / 1000);
            if (now === undefined) return;
            rssSeries.push([at, now]);
            console.log(`  ${run}: RSS ${now} MiB at ${at} s`);
          }, SOAK_SAMPLE_MS)
        : undefined;

    const generatorDelay = monitorEventLoopDelay({ resolution: 2 });
    generatorDelay.enable();
    const latency = ackLatency();
    const acks = await fire(SECONDS, latency, answered);
    clearInterval(soak);
    for (const timer of faults) clearTimeout(timer);
    generatorDelay.disable();
    if (profileDir) child.kill('SIGUSR2');
    const window = profileDir ? await probe.next('window') : undefined;
    // With the model hanging, the replies' in-place updates (rules' rewrite + a note) come after LLM_TIMEOUT_MS.
    await drain(slack, run === 'model-hang' ? 11_000 : run === 'slack-errors' ? 6_000 : 1_500);
    clearInterval(sampler);
    rss.after = rssMb(pid);
    const sent: Record<Kind, number> = { command: 0, nudge: 0, channel: 0, dm: 0 };
    for (const item of answered) sent[item.kind] += 1;
    const generator = { p99: round(generatorDelay.percentile(99) / 1e6), max: round(generatorDelay.max / 1e6) };
    const loadAverage = loadavg()[0]!;
    const replies = delivered(slack, answered, scripted);
    return { run, acks, latency: latency.summary(), warmup: WARMUP > 0 ? warmup.summary() : undefined, generator, loadAverage, sent, ...replies, undeliverable, rssSeries, rss, warnings, note, probe: window };
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

/**
 * Replies that reached the fake Slack and were accepted (a scripted 429/500 does not count), per kind of request. A
 * command's reply counts wherever it landed: its response_url, or (a fallback) chat.postEphemeral or the DM.
 */
function delivered(
  slack: FakeSlack,
  answered: Prepared[],
  scripted: Record<string, number>,
): Pick<RunResult, 'delivered' | 'commandRoutes' | 'sorry' | 'updated' | 'duplicates'> {
  // The fake answers its scripted failures first, in order, so the accepted calls are the ones after them.
  const accepted = (method: string) => slack.callsTo(method).slice(scripted[method] ?? 0);
  const countBy = (calls: SlackCall[], key: (call: SlackCall) => string) => {
    const counts = new Map<string, number>();
    for (const call of calls) counts.set(key(call), (counts.get(key(call)) ?? 0) + 1);
    return counts;
  };
  const viaResponseUrl = new Map<string, string[]>();
  for (const call of accepted('response_url')) viaResponseUrl.set(call.responseId!, [...(viaResponseUrl.get(call.responseId!) ?? []), call.raw]);
  const ephemeralTo = countBy(accepted('chat.postEphemeral'), (call) => String(call.args.user));
  const messageTo = countBy(accepted('chat.postMessage'), (call) => String(call.args.channel));

  const counts: Record<Kind, number> = { command: 0, nudge: 0, channel: 0, dm: 0 };
  const commandRoutes: RunResult['commandRoutes'] = { response_url: 0, 'chat.postEphemeral': 0, DM: 0 };
  let sorry = 0;
  let updated = accepted('chat.update').length;
  let duplicates = 0;
  for (const item of answered) {
    if (item.kind === 'command') {
      const posts = viaResponseUrl.get(item.replyKey) ?? [];
      updated += Math.max(0, posts.length - 1);
      const route = posts.some((raw) => !/went wrong/.test(raw))
        ? 'response_url'
        : ephemeralTo.has(item.user)
          ? 'chat.postEphemeral'
          : messageTo.has(item.user)
            ? 'DM'
            : undefined;
      if (route) {
        counts.command += 1;
        commandRoutes[route] += 1;
      } else if (posts.length > 0) sorry += 1;
      continue;
    }
    const times = item.kind === 'dm' ? (messageTo.get(item.replyKey) ?? 0) : (ephemeralTo.get(item.replyKey) ?? 0);
    if (times > 0) counts[item.kind] += 1;
    duplicates += Math.max(0, times - 1);
  }
  return { delivered: counts, commandRoutes, sorry, updated, duplicates };
}

function print(result: RunResult): void {
  const { acks, sent, delivered: got, rss } = result;
  const total = sent.command + sent.nudge + sent.channel + sent.dm;
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)} ${value}`);
  console.log(`\n${result.run}${result.note ? `: ${result.note}` : ''}`);
  line('requests', `${total} acked in ${SECONDS} s (${sent.command} commands, ${sent.nudge + sent.channel} channel messages, ${sent.dm} DMs)`);
  line('acks', `${acks['2xx']} 2xx, ${acks.non2xx} non-2xx, ${acks.errors} errors, ${acks.timeouts} timeouts`);
  line('ack latency (ms)', `p50 ${result.latency.p50}, p99 ${result.latency.p99}, max ${result.latency.max}`);
  const w = result.warmup;
  line('', `(warm-up before it, not counted: p50 ${w ? `${w.p50}, p99 ${w.p99}, max ${w.max}` : 'none'}; the load generator's own event loop delay: p99 ${result.generator.p99}, max ${result.generator.max}; load average ${result.loadAverage.toFixed(1)} on ${availableParallelism()} cores)`);
  const share = (kind: Kind) => `${got[kind]}/${sent[kind]}`;
  line('replies delivered', `commands ${share('command')}, nudges ${share('nudge')}, DMs ${share('dm')}`);
  const routes = result.commandRoutes;
  if (routes['chat.postEphemeral'] + routes.DM > 0) {
    line('', `commands by route: ${routes.response_url} response_url, ${routes['chat.postEphemeral']} chat.postEphemeral, ${routes.DM} DM`);
  }
  if (result.sorry > 0) line('', `+ ${result.sorry} commands answered "sorry, something went wrong" (their coaching reply was refused)`);
  if (result.updated > 0) line('', `+ ${result.updated} replies updated in place after the model`);
  // Replies answer someone who asked; a nudge is unsolicited, retried only briefly (late, it is noise), and skipped
  // on purpose while its limits cannot be checked (Redis down).
  const lost = sent.command - got.command - result.sorry + (sent.dm - got.dm);
  line('lost', `${lost} replies (and ${sent.channel} clean channel messages rightly got nothing)`);
  if (sent.nudge > got.nudge) line('nudges not sent', `${sent.nudge - got.nudge} (see the app warnings for why)`);
  line('duplicates', `${result.duplicates} nudges or DM replies delivered twice`);
  const refused = [...result.undeliverable].sort((a, b) => b[1] - a[1]);
  line('undeliverable', refused.length === 0 ? '0 replies given up' : refused.map(([why, n]) => `${n}× ${why}`).join('; '));
  if (result.rssSeries.length > 0) {
    const series = result.rssSeries;
    line('RSS every 30 s (MB)', series.map(([at, mb]) => `${at}s ${mb}`).join(', '));
    const half = series.slice(Math.floor(series.length / 2));
    const slope = half.length > 1 ? ((half.at(-1)![1] - half[0]![1]) / (half.at(-1)![0] - half[0]![0])) * 60 : 0;
    line('', `second half: ${slope >= 0 ? '+' : ''}${slope.toFixed(1)} MB/min, ${Math.abs(slope) < 1 ? 'levelled off' : 'still moving'}`);
  }
  line('RSS (MB)', `idle before ${rss.before ?? 'n/a'}, peak ${rss.peak ?? 'n/a'}, after ${rss.after ?? 'n/a'}`);
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
}, SELECTED.length * ((SECONDS + WARMUP) * 1000 + IDLE_MS + 2 * DRAIN_MAX_MS + 60_000) + (STARTUP ? 600_000 : 0));
hardStop.unref();

if (STARTUP) console.log(`${formatStartup(await measureStartup())}\n`);
console.log(`loadtest: ${RATE} requests/s for ${SECONDS} s per run, ${CONNECTIONS} connections, against node src/main.ts (HTTP, ${STORE === 'redis' ? 'Redis' : 'SQLite'}, LOG_LEVEL=warn) on 127.0.0.1${NODE_FLAGS.length ? ` with node ${NODE_FLAGS.join(' ')}` : ''}`);
console.log(`  machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) before the runs; the generator, the fake Slack and Redis share these cores`);
for (const run of SELECTED) {
  const result = await runOnce(run);
  print(result);
  if (PROFILE_DIR && result.probe) {
    const heap = liveHeapReport(join(PROFILE_DIR, run));
    if (heap) console.log(heap);
    console.log(`  CPU profile of the app over the load window:\n${profileReport(join(PROFILE_DIR, run), result.probe)}`);
  }
}
process.exit(0);
