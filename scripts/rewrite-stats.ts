// The rules rewrite's properties over every flagged message of ../shared/corpus (train.jsonl + dev.jsonl), as a
// reader sees them (scripts/rewrite-checks.ts): placeholders per rewrite, quoted hedges that survive, length against
// the draft, numbers and names lost, contradictions, and rewrites the rules still flag.
// Usage: node scripts/rewrite-stats.ts [--show N] [corpus.jsonl ...]
import { parseArgs } from 'node:util';
import { analyze, rewrite } from '../src/engine/index.ts';
import { readCorpus, readSharedCorpus, type LabelledMessage } from './corpus.ts';
import { checkRewrite, type RewriteCheck } from './rewrite-checks.ts';

const quantile = (xs: readonly number[], q: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))]!;
};
const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const pct = (n: number, of: number) => `${n} (${((100 * n) / Math.max(1, of)).toFixed(1)}%)`;

export interface RewriteStats {
  flagged: number;
  checks: { id: string; draft: string; out: string; check: RewriteCheck }[];
}

export function rewriteStats(messages: readonly LabelledMessage[]): RewriteStats {
  const checks: RewriteStats['checks'] = [];
  for (const m of messages) {
    const analysis = analyze(m.text, m.context ? { context: m.context } : {});
    if (!analysis.findings.length) continue;
    // An older rewrite(text, analysis) ignores the third argument, so this prints "before" figures too.
    const out = rewrite(m.text, analysis, m.context ? { context: m.context } : {});
    checks.push({ id: m.id, draft: m.text, out, check: checkRewrite(m.text, m.context, analysis, out) });
  }
  return { flagged: checks.length, checks };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { show: { type: 'string', default: '0' } }, allowPositionals: true });
  const { messages, missing } = positionals.length ? { messages: positionals.flatMap(readCorpus), missing: [] } : readSharedCorpus();
  if (missing.length) {
    console.error(`missing ${missing.join(', ')}: the corpus lives in ../shared beside the repo`);
    process.exit(2);
  }
  const { flagged, checks } = rewriteStats(messages);
  const c = checks.map((x) => x.check);
  const placeholders = c.map((x) => x.placeholders);
  const ratios = c.map((x) => x.ratio);
  console.log(`${messages.length} messages, ${flagged} flagged at the report point: their rules rewrites`);
  console.log(`placeholders per rewrite   mean ${mean(placeholders).toFixed(2)}  median ${quantile(placeholders, 0.5)}  max ${Math.max(0, ...placeholders)}  over 3: ${pct(placeholders.filter((p) => p > 3).length, flagged)}`);
  console.log(`quoted hedges surviving    ${pct(c.filter((x) => x.hedgesLeft.length).length, flagged)} rewrites`);
  console.log(`length ratio (rewrite/draft) median ${quantile(ratios, 0.5).toFixed(2)}  p90 ${quantile(ratios, 0.9).toFixed(2)}  max ${Math.max(0, ...ratios).toFixed(2)}  over max(2x, 280 chars): ${pct(c.filter((x) => x.overLength).length, flagged)}`);
  console.log(`still flagged by the rules ${pct(c.filter((x) => x.stillFlagged.length).length, flagged)}`);
  console.log(`numbers lost               ${pct(c.filter((x) => x.numbersLost.length).length, flagged)}`);
  console.log(`names lost                 ${pct(c.filter((x) => x.namesLost.length).length, flagged)}`);
  console.log(`contradictions             ${pct(c.filter((x) => x.contradictions.length).length, flagged)}`);
  const show = Number(values.show) || 0;
  const bad = checks.filter(({ check: x }) => x.placeholders > 3 || x.hedgesLeft.length || x.overLength || x.stillFlagged.length || x.numbersLost.length || x.namesLost.length || x.contradictions.length);
  for (const b of bad.slice(0, show)) {
    const { ratio: _r, ...problems } = b.check;
    console.log(`\n${b.id}: ${JSON.stringify(Object.fromEntries(Object.entries(problems).filter(([, v]) => (Array.isArray(v) ? v.length : v))))}`);
    console.log(`  draft:   ${JSON.stringify(b.draft.slice(0, 300))}`);
    console.log(`  rewrite: ${JSON.stringify(b.out.slice(0, 500))}`);
  }
}
