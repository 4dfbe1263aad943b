// Summarises a V8 CPU profile (node --cpu-prof): where the time went, by package and by function, self and total.
// The load script calls it on the app's profile, cut to the load window; it also runs on its own:
//
//   node scripts/cpuprofile-summary.ts CPU.20250101.123456.123.0.001.cpuprofile [--from <us>] [--to <us>] [--top 15]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time in the window, ms. */
  totalMs: number;
  /** Self time per package or area ("@slack/bolt", "src/engine", "node internals", "(garbage collector)", ...), ms. */
  byArea: [string, number][];
  /** Top functions by self time: [name (file:line), self ms, total ms]. */
  bySelf: [string, number, number][];
  /** Top functions of ours (src/) by total time, callees included. */
  oursByTotal: [string, number][];
}

/** Which package or part of the app a script URL belongs to. */
export function areaOf(url: string): string {
  if (url === '') return 'native / V8';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(src\/[^/]+|scripts|tests)\//.exec(url);
  if (ours) return ours[1]!;
  if (/\/src\/[^/]+\.ts$/.test(url)) return 'src';
  return url;
}

export function summarize(profile: CpuProfile, window: { from?: number; to?: number } = {}, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(src|scripts|tests)\//, '$1/');
    return url ? `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})` : functionName || '(anonymous)';
  };

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let time = profile.startTime;
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    if ((window.from !== undefined && time < window.from) || (window.to !== undefined && time > window.to)) continue;
    const node = byId.get(profile.samples[i]!)!;
    if (node.callFrame.functionName === '(idle)') continue;
    totalUs += us;
    add(self, label(node), us);
    add(areas, node.callFrame.functionName.startsWith('(') && !node.callFrame.url ? node.callFrame.functionName : areaOf(node.callFrame.url), us);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!;
      if (!frame.callFrame.url.includes('/src/')) continue;
      const key = label(frame);
      if (!seen.has(key)) add(total, key, us);
      seen.add(key);
    }
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  // Total time for the top self-time entries that are ours; others (library frames) get their self time repeated.
  return {
    totalMs: ms(totalUs),
    byArea: sorted(areas).slice(0, top).map(([area, us]) => [area, ms(us)]),
    bySelf: sorted(self).slice(0, top).map(([name, us]) => [name, ms(us), ms(total.get(name) ?? us)]),
    oursByTotal: sorted(total).slice(0, top).map(([name, us]) => [name, ms(us)]),
  };
}

export function formatSummary(summary: ProfileSummary, indent = '  '): string {
  const pct = (ms: number) => `${((100 * ms) / Math.max(summary.totalMs, 0.001)).toFixed(1).padStart(5)}%`;
  const lines = [`${indent}CPU busy ${summary.totalMs} ms in the window (idle excluded); self time by area:`];
  for (const [area, ms] of summary.byArea) lines.push(`${indent}  ${pct(ms)} ${String(ms).padStart(8)} ms  ${area}`);
  lines.push(`${indent}top functions by self time:`);
  for (const [name, ms] of summary.bySelf) lines.push(`${indent}  ${pct(ms)} ${String(ms).padStart(8)} ms  ${name}`);
  lines.push(`${indent}our functions by total time (callees included):`);
  for (const [name, ms] of summary.oursByTotal) lines.push(`${indent}  ${pct(ms)} ${String(ms).padStart(8)} ms  ${name}`);
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { from: { type: 'string' }, to: { type: 'string' }, top: { type: 'string', default: '15' } },
  });
  if (positionals.length !== 1) {
    process.stderr.write('usage: node scripts/cpuprofile-summary.ts <file.cpuprofile> [--from <us>] [--to <us>] [--top 15]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as CpuProfile;
  const window = { from: values.from ? Number(values.from) : undefined, to: values.to ? Number(values.to) : undefined };
  console.log(formatSummary(summarize(profile, window, Number(values.top))));
}
