// Cold start and idle memory of the app in the default configuration (HTTP mode, SQLite, no model), against the
// fake Slack Web API: time to the first 200 on /healthz, the CPU it took, and RSS once idle. Twice: as `npm start`
// and the Docker image run it (APP_NODE_FLAGS, NODE_COMPILE_CACHE set), and as a plain `node src/main.ts`. The first
// start of each has an empty compile cache (a fresh container), the others the cache it left (a restart). Then what
// each part costs to import, so an engine change can be re-measured on its own. `npm run loadtest` prints it first;
// it also runs alone:
//
//   node scripts/startup.ts [--runs 5]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { FakeSlack } from '../tests/helpers/fake-slack-api.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'src/main.ts');
/** How long a started app is left alone before its RSS is read. */
const IDLE_MS = 3_000;
/**
 * The flags `npm start` and the Dockerfile's CMD give node (the footprint test keeps the three equal): V8's young
 * generation otherwise grows to 64 MiB per semi-space under load, for longer scavenges and 60 MiB more RSS (issue 10).
 */
export const APP_NODE_FLAGS = ['--max-semi-space-size=4'];
/** Extra flags for the app's node (LOADTEST_NODE_FLAGS), to compare V8 settings. */
const EXTRA_FLAGS = process.env.LOADTEST_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
/** How the load script and the figures below start the app: as shipped. */
export const NODE_FLAGS = [...APP_NODE_FLAGS, ...EXTRA_FLAGS];

type Variant = 'shipped' | 'plain';

interface Starts {
  /** Wall-clock ms from spawn to the first 200 on /healthz, and the CPU ms the process used by then. */
  first: { ms: number; cpuMs: number };
  restarts: { ms: number; cpuMs: number }[];
  /** RSS in MiB after IDLE_MS, per start. */
  idleRss: number[];
}

export interface StartupFigures {
  shipped: Starts;
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

/** One start: spawn, poll /healthz every 5 ms, read the CPU used, idle, read RSS, stop. */
async function startOnce(slack: FakeSlack, variant: Variant, compileCache: string): Promise<{ ms: number; cpuMs: number; rssMiB: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-startup-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(variant === 'shipped' ? NODE_FLAGS : EXTRA_FLAGS), MAIN], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-startup-token',
      SLACK_SIGNING_SECRET: 'startup-signing-secret',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Plain: main.ts finds its cache in the OS temp dir, here a fresh one (main.ts itself is stripped every time).
      ...(variant === 'shipped' ? { NODE_COMPILE_CACHE: compileCache } : { TMPDIR: compileCache }),
    },
    stdio: 'ignore',
  });
  try {
    const deadline = started + 15_000;
    for (;;) {
      if (child.exitCode !== null || performance.now() > deadline) throw new Error('the app did not become healthy within 15 s');
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
      await sleep(5);
    }
    const ms = Math.round(performance.now() - started);
    const { cpuMs } = procStat(child.pid!);
    await sleep(IDLE_MS);
    return { ms, cpuMs, rssMiB: procStat(child.pid!).rssMiB };
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

async function starts(slack: FakeSlack, variant: Variant, runs: number): Promise<Starts> {
  const compileCache = await mkdtemp(join(tmpdir(), 'tradeoff-compile-cache-'));
  try {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await startOnce(slack, variant, compileCache));
    return {
      first: { ms: all[0]!.ms, cpuMs: all[0]!.cpuMs },
      restarts: all.slice(1).map(({ ms, cpuMs }) => ({ ms, cpuMs })),
      idleRss: all.map((s) => s.rssMiB),
    };
  } finally {
    await rm(compileCache, { recursive: true, force: true });
  }
}

export async function measureStartup(runs = 5): Promise<StartupFigures> {
  const slack = await FakeSlack.start();
  const compileCache = await mkdtemp(join(tmpdir(), 'tradeoff-compile-cache-'));
  try {
    const shipped = await starts(slack, 'shipped', runs);
    const plain = await starts(slack, 'plain', Math.max(2, Math.ceil(runs / 2)));
    const imports = [];
    for (const [label, specifier] of [
      ['node, nothing imported', undefined],
      ['an empty .ts file (the TypeScript stripper)', './scripts/empty.ts'],
      ['the engine (src/engine/index.ts)', './src/engine/index.ts'],
      ['@slack/bolt', '@slack/bolt'],
      ['the whole app (src/app.ts)', './src/app.ts'],
    ] as const) {
      imports.push({ label, warm: await importCost(specifier, compileCache), uncached: await importCost(specifier, undefined) });
    }
    return { shipped, plain, imports };
  } finally {
    await slack.close();
    await rm(compileCache, { recursive: true, force: true });
  }
}

export function formatStartup(figures: StartupFigures): string {
  const { shipped, plain, imports } = figures;
  const bare = imports[0]!;

  const describe = ({ first, restarts, idleRss }: Starts) => [
    `    to 200 on /healthz   first start (empty compile cache) ${first.ms} ms (${first.cpuMs} ms CPU); restarts: median ${median(restarts.map((r) => r.ms))} ms (${median(restarts.map((r) => r.cpuMs))} ms CPU) of ${restarts.map((r) => r.ms).join(', ')}`,
    `    idle RSS (MiB)       median ${median(idleRss)} of ${idleRss.join(', ')}, ${IDLE_MS / 1000} s after start`,
  ];
  const lines = [
    'startup: the default configuration (HTTP, SQLite, no model)',
    `  as npm start and the image run it (node ${NODE_FLAGS.join(' ')} src/main.ts, NODE_COMPILE_CACHE set)`,
    ...describe(shipped),
    `  plain node ${EXTRA_FLAGS.length ? `${EXTRA_FLAGS.join(' ')} ` : ''}src/main.ts (V8's default young generation; main.ts itself is type-stripped on every start)`,
    ...describe(plain),
    `  import cost (fresh process, node ${NODE_FLAGS.join(' ')}, median of 3, RSS over node alone: ${bare.warm.rssMiB} MiB)`,
    `    ${''.padEnd(44)} compile cache warm   no compile cache`,
  ];
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
