// Cold start, idle memory and the first reply of the app in the default configuration (HTTP mode, SQLite, no model),
// against the fake Slack Web API, for each ENGINE_LOAD (when the engine is loaded: src/engine-loader.ts):
//
// - time to the first 200 on /healthz, and the CPU the process used by then;
// - RSS once idle (IDLE_MS after the 200), then the first /tradeoff: its ack, its reply at the response_url, and
//   RSS after it;
// - the first /tradeoff sent the moment /healthz says 200 (what a rolling deploy's first request meets).
//
// As `npm start` and the Docker image run it (APP_NODE_FLAGS, NODE_COMPILE_CACHE set): the first start of each
// ENGINE_LOAD has an empty compile cache (a fresh container), the others the cache it left (a restart). Then a plain
// `node src/main.ts` for comparison, and what each part costs to import, so an engine change can be re-measured on
// its own. The machine's load average is printed with the figures: on a shared machine they are noisy, and the CPU
// times are the steadier ones. `npm run loadtest` prints all this first; it also runs alone:
//
//   node scripts/startup.ts [--runs 5]
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { ENGINE_LOADS, type EngineLoad } from '../src/config.ts';
import { FakeSlack } from '../tests/helpers/fake-slack-api.ts';
import { formBody, postSigned, SIGNING_SECRET } from '../tests/helpers/slack-signing.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'src/main.ts');
/** How long a started app is left alone before its RSS is read (ENGINE_LOAD=after-start loads the engine meanwhile). */
const IDLE_MS = 5_000;
/** The draft of the first /tradeoff: one that gets findings and a rewrite. */
const FIRST_DRAFT = "Sure, we'll try to squeeze SSO in by Friday.";
/**
 * The flags `npm start` and the Dockerfile's CMD give node (the footprint test keeps the three equal): V8's young
 * generation otherwise grows to 64 MiB per semi-space under load, for longer scavenges and 60 MiB more RSS (issue 10).
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=4'];
/** Extra flags for the app's node (LOADTEST_NODE_FLAGS), to compare V8 settings. */
const EXTRA_FLAGS = process.env.LOADTEST_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
/** How the load script and the figures below start the app: as shipped. */
export const NODE_FLAGS = [...APP_NODE_FLAGS, ...EXTRA_FLAGS];
/** ENGINE_LOAD's default (src/config.ts), listed first. */
const DEFAULT_ENGINE_LOAD: EngineLoad = 'first-use';

interface FirstReply {
  /** ms from sending the signed /tradeoff to its 200. */
  ackMs: number;
  /** ms from sending it to the coaching reply reaching the response_url. */
  replyMs: number;
}

interface Start {
  /** Wall-clock ms from spawn to the first 200 on /healthz, and the CPU ms the process used by then. */
  ms: number;
  cpuMs: number;
  /** After IDLE_MS of nothing, then the first /tradeoff; or that /tradeoff at once (idleRss undefined). */
  idleRss?: number;
  reply: FirstReply;
  /** RSS in MiB a second after the first reply. */
  rssAfter: number;
}

interface Starts {
  /** Waiting IDLE_MS before the first /tradeoff; the first of them with an empty compile cache. */
  idle: Start[];
  /** The first /tradeoff sent as soon as /healthz says 200 (compile cache warm). */
  atOnce: Start[];
}

export interface StartupFigures {
  loadAverage: number[];
  cores: number;
  byEngineLoad: { engineLoad: EngineLoad; starts: Starts }[];
  plain: Starts;
  /** Per module: cost with the compile cache warm (a restart) and without any cache (TypeScript stripped, compiled). */
  imports: { label: string; warm: Cost; uncached: Cost }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

function procStat(pid: number): { cpuMs: number; rssMiB: number } {
  // utime and stime are fields 14 and 15, in clock ticks (100 per second on Linux).
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return { cpuMs: (Number(fields[11]) + Number(fields[12])) * 10, rssMiB: Math.round(rssKb / 1024) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Sends a signed /tradeoff and times its ack and the reply's arrival at the fake Slack. */
async function firstTradeoff(slack: FakeSlack, origin: string): Promise<FirstReply> {
  const responseUrl = slack.responseUrl();
  const id = responseUrl.split('/').pop();
  const body = formBody({
    command: '/tradeoff', text: FIRST_DRAFT, team_id: 'T1', user_id: 'U1', channel_id: 'C1', response_url: responseUrl, trigger_id: '1.1.1',
  });
  const sent = performance.now();
  const response = await postSigned(`${origin}/slack/events`, body, 'application/x-www-form-urlencoded');
  const ackMs = Math.round(performance.now() - sent);
  if (!response.ok) throw new Error(`the first /tradeoff got HTTP ${response.status}`);
  const deadline = sent + 15_000;
  while (!slack.callsTo('response_url').some((call) => call.responseId === id)) {
    if (performance.now() > deadline) throw new Error('no reply to the first /tradeoff within 15 s');
    await sleep(2);
  }
  return { ackMs, replyMs: Math.round(performance.now() - sent) };
}

/** One start: spawn, poll /healthz every 5 ms, read the CPU used, idle (or not), the first /tradeoff, RSS, stop. */
async function startOnce(slack: FakeSlack, flags: string[], env: Record<string, string>, idle: boolean): Promise<Start> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-startup-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, MAIN], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-startup-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: 'ignore',
  });
  try {
    const deadline = started + 15_000;
    for (;;) {
      if (child.exitCode !== null || performance.now() > deadline) throw new Error('the app did not become healthy within 15 s');
      if (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) break;
      await sleep(5);
    }
    const ms = Math.round(performance.now() - started);
    const { cpuMs } = procStat(child.pid!);
    let idleRss: number | undefined;
    if (idle) {
      await sleep(IDLE_MS);
      idleRss = procStat(child.pid!).rssMiB;
    }
    const reply = await firstTradeoff(slack, origin);
    await sleep(1_000);
    return { ms, cpuMs, idleRss, reply, rssAfter: procStat(child.pid!).rssMiB };
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000)]);
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Cost {
  ms: number;
  rssMiB: number;
}

/** Median import time and RSS of one module in a fresh process, with `compileCache` warm, or with none at all. */
async function importCost(specifier: string | undefined, compileCache: string | undefined, runs = 3): Promise<Cost> {
  const script = `const t = performance.now(); ${specifier ? `await import(${JSON.stringify(specifier)});` : ''}
    console.log(JSON.stringify({ ms: performance.now() - t, rss: process.memoryUsage().rss }));`;
  const samples: { ms: number; rssMiB: number }[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [...NODE_FLAGS, '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: compileCache ? { ...process.env, NODE_COMPILE_CACHE: compileCache } : { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' },
    });
    const { ms, rss } = JSON.parse(stdout) as { ms: number; rss: number };
    if (i > 0 || !compileCache) samples.push({ ms, rssMiB: rss / 2 ** 20 }); // the first one fills the cache
  }
  return { ms: Math.round(median(samples.map((s) => s.ms))), rssMiB: Math.round(median(samples.map((s) => s.rssMiB))) };
}

/** `idleRuns` starts that idle first (the first with an empty compile cache), then `atOnceRuns` that do not. */
async function starts(slack: FakeSlack, variant: 'shipped' | 'plain', engineLoad: EngineLoad, idleRuns: number, atOnceRuns: number): Promise<Starts> {
  const compileCache = await mkdtemp(join(tmpdir(), 'tradeoff-compile-cache-'));
  const flags = variant === 'shipped' ? NODE_FLAGS : EXTRA_FLAGS;
  // Plain: main.ts finds its cache in the OS temp dir, here a fresh one (main.ts itself is stripped every time).
  const env = { ENGINE_LOAD: engineLoad, ...(variant === 'shipped' ? { NODE_COMPILE_CACHE: compileCache } : { TMPDIR: compileCache }) };
  try {
    const result: Starts = { idle: [], atOnce: [] };
    for (let i = 0; i < idleRuns; i++) result.idle.push(await startOnce(slack, flags, env, true));
    for (let i = 0; i < atOnceRuns; i++) result.atOnce.push(await startOnce(slack, flags, env, false));
    return result;
  } finally {
    await rm(compileCache, { recursive: true, force: true });
  }
}

export async function measureStartup(runs = 5): Promise<StartupFigures> {
  const loadAverage = loadavg();
  const slack = await FakeSlack.start();
  const compileCache = await mkdtemp(join(tmpdir(), 'tradeoff-compile-cache-'));
  try {
    const byEngineLoad = [];
    for (const engineLoad of [DEFAULT_ENGINE_LOAD, ...ENGINE_LOADS.filter((e) => e !== DEFAULT_ENGINE_LOAD)]) {
      byEngineLoad.push({ engineLoad, starts: await starts(slack, 'shipped', engineLoad, runs, Math.max(2, Math.ceil(runs / 2))) });
    }
    const plain = await starts(slack, 'plain', DEFAULT_ENGINE_LOAD, 2, 0);
    const imports = [];
    for (const [label, specifier] of [
      ['node, nothing imported', undefined],
      ['an empty .ts file (the TypeScript stripper)', './scripts/empty.ts'],
      ['the engine (src/engine/index.ts)', './src/engine/index.ts'],
      ['@slack/bolt', '@slack/bolt'],
      ['the app without the engine (src/app.ts)', './src/app.ts'],
    ] as const) {
      imports.push({ label, warm: await importCost(specifier, compileCache), uncached: await importCost(specifier, undefined) });
    }
    return { loadAverage: loadAverage.map((l, i) => Math.max(l, loadavg()[i]!)), cores: availableParallelism(), byEngineLoad, plain, imports };
  } finally {
    await slack.close();
    await rm(compileCache, { recursive: true, force: true });
  }
}

export function formatStartup(figures: StartupFigures): string {
  const { byEngineLoad, plain, imports } = figures;
  const bare = imports[0]!;
  const list = (values: number[]) => values.join(', ');

  const describe = ({ idle, atOnce }: Starts) => {
    const [first, ...restarts] = idle;
    const lines = [
      `      to 200 on /healthz   first start (empty compile cache) ${first!.ms} ms (${first!.cpuMs} ms CPU); ` +
        `restarts: median ${median(restarts.map((r) => r.ms))} ms (${median(restarts.map((r) => r.cpuMs))} ms CPU) of ${list(restarts.map((r) => r.ms))}`,
      `      idle RSS (MiB)       median ${median(idle.map((s) => s.idleRss!))} of ${list(idle.map((s) => s.idleRss!))}, ${IDLE_MS / 1000} s after the 200`,
      `      then a /tradeoff     ack median ${median(idle.map((s) => s.reply.ackMs))} ms, reply median ${median(idle.map((s) => s.reply.replyMs))} ms of ` +
        `${list(idle.map((s) => s.reply.replyMs))}; RSS after it median ${median(idle.map((s) => s.rssAfter))} MiB`,
    ];
    if (atOnce.length > 0) {
      lines.push(
        `      a /tradeoff at the 200  ack median ${median(atOnce.map((s) => s.reply.ackMs))} ms of ${list(atOnce.map((s) => s.reply.ackMs))}, ` +
          `reply median ${median(atOnce.map((s) => s.reply.replyMs))} ms of ${list(atOnce.map((s) => s.reply.replyMs))}`,
      );
    }
    return lines;
  };
  const lines = [
    `startup: the default configuration (HTTP, SQLite, no model), load average ${figures.loadAverage.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min, highest seen) on ${figures.cores} cores`,
    `  as npm start and the image run it (node ${NODE_FLAGS.join(' ')} src/main.ts, NODE_COMPILE_CACHE set), per ENGINE_LOAD:`,
  ];
  for (const { engineLoad, starts } of byEngineLoad) {
    lines.push(`    ENGINE_LOAD=${engineLoad}${engineLoad === DEFAULT_ENGINE_LOAD ? ' (the default)' : ''}`, ...describe(starts));
  }
  lines.push(
    `  plain node ${EXTRA_FLAGS.length ? `${EXTRA_FLAGS.join(' ')} ` : ''}src/main.ts (ENGINE_LOAD=${DEFAULT_ENGINE_LOAD}; V8's default young generation; main.ts itself is type-stripped on every start)`,
    ...describe(plain),
    `  import cost (fresh process, node ${NODE_FLAGS.join(' ')}, median of 3, RSS over node alone: ${bare.warm.rssMiB} MiB)`,
    `    ${''.padEnd(44)} compile cache warm   no compile cache`,
  );
  const cost = ({ ms, rssMiB }: Cost, base: Cost) => `${String(ms).padStart(4)} ms +${String(rssMiB - base.rssMiB).padStart(2)} MiB`;
  for (const { label, warm, uncached } of imports.slice(1)) {
    lines.push(`    ${label.padEnd(44)} ${cost(warm, bare.warm)}     ${cost(uncached, bare.uncached)}`);
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  console.log(formatStartup(await measureStartup(Math.max(2, Number(values.runs) || 5))));
}
