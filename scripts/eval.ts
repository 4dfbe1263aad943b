// Per-rule precision/recall/F1, micro-F1, clean messages flagged and nudge precision on a labelled corpus.
// Usage: npm run eval [-- FILE] [--errors] [--json]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, rewrite, RULE_IDS, type RuleId } from '../src/engine/index.ts';
import { numbersIn } from '../src/engine/rewrite.ts';

export interface LabelledMessage {
  id: string;
  text: string;
  context?: string;
  expect: RuleId[];
}

export interface RuleScore { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface EvalReport {
  messages: number;
  perRule: Record<RuleId, RuleScore>;
  micro: RuleScore;
  cleanFlaggedShare: number;
  nudgePrecision: number;
  nudges: number;
  errors: { id: string; missed: RuleId[]; extra: RuleId[] }[];
  /** Every flagged message's rewrite must pass the rules and keep the draft's numbers. */
  rewrites: { checked: number; failures: { id: string; problem: string }[] };
}

export function readCorpus(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledMessage);
}

function score(tp: number, fp: number, fn: number): RuleScore {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function evaluate(corpus: LabelledMessage[]): EvalReport {
  const counts = Object.fromEntries(RULE_IDS.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<RuleId, { tp: number; fp: number; fn: number }>;
  let clean = 0;
  let cleanFlagged = 0;
  let nudges = 0;
  let nudgesRight = 0;
  const errors: EvalReport['errors'] = [];
  const rewrites: EvalReport['rewrites'] = { checked: 0, failures: [] };
  for (const m of corpus) {
    const result = analyze(m.text, m.context ? { context: m.context } : {});
    if (result.findings.length) {
      rewrites.checked++;
      const out = rewrite(m.text, result);
      const still = analyze(out).findings.map((f) => f.rule);
      if (still.length) rewrites.failures.push({ id: m.id, problem: `rewrite flagged ${still.join(',')}` });
      const kept = numbersIn(out);
      const lost = numbersIn(m.text).filter((n) => !kept.includes(n));
      if (lost.length) rewrites.failures.push({ id: m.id, problem: `rewrite lost ${lost.join(', ')}` });
    }
    const got = new Set(result.findings.map((f) => f.rule));
    const want = new Set(m.expect);
    for (const r of RULE_IDS) {
      if (got.has(r) && want.has(r)) counts[r].tp++;
      else if (got.has(r)) counts[r].fp++;
      else if (want.has(r)) counts[r].fn++;
    }
    if (want.size === 0) {
      clean++;
      if (got.size > 0) cleanFlagged++;
    }
    if (result.nudge) {
      nudges++;
      // A nudge is right when the message really needs coaching for a rule the nudge is about.
      if (result.findings.some((f) => want.has(f.rule))) nudgesRight++;
    }
    const missed = [...want].filter((r) => !got.has(r));
    const extra = [...got].filter((r) => !want.has(r));
    if (missed.length || extra.length) errors.push({ id: m.id, missed, extra });
  }
  const perRule = Object.fromEntries(RULE_IDS.map((r) => [r, score(counts[r].tp, counts[r].fp, counts[r].fn)])) as Record<RuleId, RuleScore>;
  const sum = (k: 'tp' | 'fp' | 'fn') => RULE_IDS.reduce((acc, r) => acc + counts[r][k], 0);
  return {
    messages: corpus.length,
    perRule,
    micro: score(sum('tp'), sum('fp'), sum('fn')),
    cleanFlaggedShare: clean ? cleanFlagged / clean : 0,
    nudgePrecision: nudges ? nudgesRight / nudges : 1,
    nudges,
    errors,
    rewrites,
  };
}

export const DEFAULT_CORPUS = new URL('../../shared/corpus/dev.jsonl', import.meta.url).pathname;

if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { errors: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: true });
  const file = positionals[0] ?? DEFAULT_CORPUS;
  const corpus = readCorpus(file);
  const report = evaluate(corpus);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
    console.log(`${report.messages} messages from ${file}\n`);
    console.log('rule                   precision  recall     F1   tp  fp  fn');
    for (const r of RULE_IDS) {
      const s = report.perRule[r];
      console.log(`${r.padEnd(22)} ${pct(s.precision)}   ${pct(s.recall)} ${s.f1.toFixed(3)} ${String(s.tp).padStart(4)}${String(s.fp).padStart(4)}${String(s.fn).padStart(4)}`);
    }
    const m = report.micro;
    console.log(`\nmicro                  ${pct(m.precision)}   ${pct(m.recall)} ${m.f1.toFixed(3)}`);
    console.log(`clean messages flagged ${pct(report.cleanFlaggedShare)}`);
    console.log(`nudge precision        ${pct(report.nudgePrecision)} (${report.nudges} nudges)`);
    const { checked, failures } = report.rewrites;
    console.log(`rewrites passing rules and keeping numbers ${checked - new Set(failures.map((f) => f.id)).size}/${checked}`);
    if (values.errors) {
      const byId = new Map(corpus.map((c) => [c.id, c]));
      console.log('\nerrors:');
      for (const e of report.errors) {
        const c = byId.get(e.id)!;
        const parts = [e.missed.length ? `missed ${e.missed.join(',')}` : '', e.extra.length ? `extra ${e.extra.join(',')}` : ''].filter(Boolean).join('; ');
        console.log(`- ${e.id} [${parts}] ${JSON.stringify(c.text.slice(0, 200))}${c.context ? ` (context: ${JSON.stringify(c.context.slice(0, 120))})` : ''}`);
      }
      for (const f of report.rewrites.failures) console.log(`- ${f.id} [${f.problem}]`);
    }
  }
}
