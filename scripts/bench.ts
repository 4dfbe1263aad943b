// Speed and memory of the engine as a user feels them, printed (never asserted in tests: timing on a shared machine
// is noisy, so figures are CPU time and medians):
//   1. analyze() per message on the corpora: p50 / p99, and messages per CPU-second (floor: 2,000)
//   2. one 40,000-character message (a pasted document; bar: <= 20 ms) - bench-worst.ts covers adversarial ones
//   3. loading the engine (wink-nlp's model and the scorer's weights) and the RSS of the engine alone, in a fresh process
// Usage: npm run bench (after bench-worst.ts), or node scripts/bench.ts [--runs N]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze } from '../src/engine/index.ts';
import { MAX_READ_CHARS } from '../src/engine/nlp.ts';
import { DEV_CORPUS, readCorpus, TRAIN_CORPUS } from './corpus.ts';

const FLOOR_PER_CPU_SECOND = 2_000;
const BIG = 40_000;
const BAR_MS = 20;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/** Messages per CPU-second over the whole list, repeated for at least `minMs`. */
function throughput(texts: readonly string[], minMs = 300): number {
  let done = 0;
  const start = cpuMs();
  do {
    for (const t of texts) analyze(t);
    done += texts.length;
  } while (cpuMs() - start < minMs);
  return done / ((cpuMs() - start) / 1000);
}

/** A fresh process: RSS before and after importing the engine, its import time, and RSS after analysing `file`. */
const PROBE = `
const rss = () => process.memoryUsage().rss / 2 ** 20;
const before = rss();
const t0 = performance.now();
const { analyze } = await import(${JSON.stringify(new URL('../src/engine/index.ts', import.meta.url).href)});
const loadMs = performance.now() - t0;
analyze('warm up: we will try to ship it by Friday');
globalThis.gc?.();
const loaded = rss();
const { readFileSync } = await import('node:fs');
const file = process.argv[1];
if (file) for (const line of readFileSync(file, 'utf8').split('\\n')) if (line.trim()) analyze(JSON.parse(line).text);
globalThis.gc?.();
console.log(JSON.stringify({ before, loadMs, loaded, used: rss() }));
`;

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Math.max(3, Number(values.runs) || 7);
  const files = [TRAIN_CORPUS, DEV_CORPUS].filter(existsSync);
  const texts = files.flatMap((f) => readCorpus(f).map((m) => m.text));
  if (!texts.length) console.log('(no ../shared corpus beside the project: per-message figures skipped)');
  else {
    for (const t of texts) analyze(t); // warm up
    const per: number[] = [];
    for (const t of texts) {
      const s = performance.now();
      analyze(t);
      per.push(performance.now() - s);
    }
    const rates = Array.from({ length: runs }, () => throughput(texts));
    const rate = median(rates);
    console.log(`analyze() on ${texts.length} corpus messages (median ${median(texts.map((t) => t.length))} characters)`);
    console.log(`  per message        p50 ${percentile(per, 0.5).toFixed(2)} ms   p99 ${percentile(per, 0.99).toFixed(2)} ms   max ${Math.max(...per).toFixed(2)} ms`);
    console.log(`  throughput         ${Math.round(rate).toLocaleString('en-US')} messages per CPU-second (median of ${runs}; floor ${FLOOR_PER_CPU_SECOND.toLocaleString('en-US')}) ${rate >= FLOOR_PER_CPU_SECOND ? 'ok' : 'BELOW FLOOR'}`);
    const doc = texts.join('\n\n').slice(0, BIG);
    analyze(doc);
    const big = Array.from({ length: runs }, () => {
      const s = cpuMs();
      analyze(doc);
      return cpuMs() - s;
    });
    console.log(`  ${BIG.toLocaleString('en-US')}-char message  ${median(big).toFixed(1)} ms CPU median, ${Math.max(...big).toFixed(1)} worst (bar ${BAR_MS} ms on the median; only the first ${MAX_READ_CHARS.toLocaleString('en-US')} characters of prose are read) ${median(big) <= BAR_MS ? 'ok' : 'ABOVE BAR'}`);
  }
  const probes = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', PROBE, files[0] ?? ''], { encoding: 'utf8' })));
  const m = (k: string) => median(probes.map((p) => p[k] as number));
  console.log(`\nengine alone, fresh process (median of 3)`);
  console.log(`  load               ${m('loadMs').toFixed(0)} ms to import (wink-nlp model + scorer weights)`);
  console.log(`  RSS                ${m('before').toFixed(0)} MiB bare Node -> ${m('loaded').toFixed(0)} MiB loaded (+${(m('loaded') - m('before')).toFixed(0)}) -> ${m('used').toFixed(0)} MiB after the corpus`);
}
