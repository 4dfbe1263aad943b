// How good the engine is on text it was not trained on: 5-fold cross-validation on ../shared/corpus (train + dev),
// folds grouped by source thread, each fold scored by a model trained without it (calibration and operating points
// included). The set-aside fold is printed as figures only: its messages are never listed.
// Usage: npm run eval [-- --errors] [--json]      cross-validated figures (the ones the README and the test bars quote)
//        npm run eval -- FILE [--errors]            the shipped model on any corpus in the same format
//        npm run eval -- --model [FILE]             the configured LLM's judgement beside the rules' (needs a key)
import { parseArgs } from 'node:util';
import { analyze, rewrite, RULE_IDS, type RuleId } from '../src/engine/index.ts';
import { numbersIn } from '../src/engine/rewrite.ts';
import { groupOf, readCorpus, readSharedCorpus, SEALED_FOLD, type LabelledMessage } from './corpus.ts';
import { crossValidate, extract, type Prediction } from './learn.ts';

export interface RuleScore { tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }

export interface Scores {
  messages: number;
  perRule: Record<RuleId, RuleScore>;
  micro: RuleScore;
  /** share of clean messages with any finding at the report point */
  cleanFlagged: number;
  nudges: number;
  nudgePrecision: number;
  streamNudges: number;
  streamNudgePrecision: number;
  /** share of clean stream messages that would get a nudge */
  streamCleanNudged: number;
}

/** What one message got: the rules reported and the rules that would nudge. */
export interface Outcome {
  message: LabelledMessage;
  reported: readonly RuleId[];
  nudged: readonly RuleId[];
}

function score(tp: number, fp: number, fn: number): RuleScore {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

export function scoresOf(outcomes: readonly Outcome[]): Scores {
  const counts = Object.fromEntries(RULE_IDS.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<RuleId, { tp: number; fp: number; fn: number }>;
  let [clean, cleanFlagged, nudges, nudgesRight, streamNudges, streamRight, streamClean, streamCleanNudged] = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const { message, reported, nudged } of outcomes) {
    const want = new Set(message.expect);
    for (const r of RULE_IDS) {
      const got = reported.includes(r);
      if (got && want.has(r)) counts[r].tp++;
      else if (got) counts[r].fp++;
      else if (want.has(r)) counts[r].fn++;
    }
    if (!want.size) (clean++, reported.length && cleanFlagged++);
    if (nudged.length) {
      const right = nudged.some((r) => want.has(r));
      nudges++;
      if (right) nudgesRight++;
      if (message.how === 'stream') (streamNudges++, right && streamRight++);
    }
    if (message.how === 'stream' && !want.size) (streamClean++, nudged.length && streamCleanNudged++);
  }
  const sum = (k: 'tp' | 'fp' | 'fn') => RULE_IDS.reduce((acc, r) => acc + counts[r][k], 0);
  return {
    messages: outcomes.length,
    perRule: Object.fromEntries(RULE_IDS.map((r) => [r, score(counts[r].tp, counts[r].fp, counts[r].fn)])) as Record<RuleId, RuleScore>,
    micro: score(sum('tp'), sum('fp'), sum('fn')),
    cleanFlagged: clean ? cleanFlagged / clean : 0,
    nudges,
    nudgePrecision: nudges ? nudgesRight / nudges : 1,
    streamNudges,
    streamNudgePrecision: streamNudges ? streamRight / streamNudges : 1,
    streamCleanNudged: streamClean ? streamCleanNudged / streamClean : 0,
  };
}

/** 95% intervals by resampling whole threads (seeded, so the same data prints the same interval). */
export function intervals(outcomes: readonly Outcome[], pick: (s: Scores) => number, draws = 1000): [number, number] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(groupOf(o.message), [...(groups.get(groupOf(o.message)) ?? []), o]);
  const list = [...groups.values()];
  let seed = 0x9e3779b9;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const values: number[] = [];
  for (let d = 0; d < draws; d++) {
    const sample: Outcome[] = [];
    for (let i = 0; i < list.length; i++) sample.push(...list[Math.floor(random() * list.length)]!);
    values.push(pick(scoresOf(sample)));
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(draws * 0.025)]!, values[Math.floor(draws * 0.975)]!];
}

export interface CrossValidated {
  all: Scores;
  sealed: Scores;
  open: Outcome[];
  outcomes: Outcome[];
  predictions: Prediction[];
}

export function crossValidated(messages: readonly LabelledMessage[]): CrossValidated {
  const { predictions } = crossValidate(extract(messages));
  const outcomes = predictions.map((p) => ({ message: p.row.message, reported: p.reported, nudged: p.nudged }));
  const sealed = predictions.filter((p) => p.row.fold === SEALED_FOLD);
  return {
    all: scoresOf(outcomes),
    sealed: scoresOf(sealed.map((p) => ({ message: p.row.message, reported: p.reported, nudged: p.nudged }))),
    open: outcomes.filter((_, i) => predictions[i]!.row.fold !== SEALED_FOLD),
    outcomes,
    predictions,
  };
}

/** Every flagged message's rewrite must pass the rules and keep the draft's numbers. */
export function rewriteFailures(messages: readonly LabelledMessage[]): { checked: number; failures: { id: string; problem: string }[] } {
  let checked = 0;
  const failures: { id: string; problem: string }[] = [];
  for (const m of messages) {
    const result = analyze(m.text, m.context ? { context: m.context } : {});
    if (!result.findings.length) continue;
    checked++;
    const out = rewrite(m.text, result);
    const still = analyze(out).findings.map((f) => f.rule);
    if (still.length) failures.push({ id: m.id, problem: `rewrite flagged ${still.join(',')}` });
    const kept = numbersIn(out);
    const lost = numbersIn(m.text).filter((n) => !kept.includes(n));
    if (lost.length) failures.push({ id: m.id, problem: `rewrite lost ${lost.join(', ')}` });
  }
  return { checked, failures };
}

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';
const range = ([lo, hi]: [number, number], f = (x: number) => x.toFixed(3)) => `[${f(lo)}, ${f(hi)}]`;

function printScores(s: Scores): void {
  console.log('rule                   precision  recall     F1   tp  fp  fn');
  for (const r of RULE_IDS) {
    const x = s.perRule[r];
    console.log(`${r.padEnd(22)} ${pct(x.precision)}   ${pct(x.recall)} ${x.f1.toFixed(3)} ${String(x.tp).padStart(4)}${String(x.fp).padStart(4)}${String(x.fn).padStart(4)}`);
  }
  console.log(`${'micro'.padEnd(22)} ${pct(s.micro.precision)}   ${pct(s.micro.recall)} ${s.micro.f1.toFixed(3)}`);
}

function printErrors(outcomes: readonly Outcome[], probabilities?: Map<string, Record<RuleId, number>>): void {
  console.log('\nerrors:');
  for (const o of outcomes) {
    const missed = o.message.expect.filter((r) => !o.reported.includes(r));
    const extra = o.reported.filter((r) => !o.message.expect.includes(r));
    if (!missed.length && !extra.length) continue;
    const p = probabilities?.get(o.message.id);
    const detail = (rs: RuleId[]) => rs.map((r) => (p ? `${r} ${p[r].toFixed(2)}` : r)).join(',');
    const parts = [missed.length ? `missed ${detail(missed)}` : '', extra.length ? `extra ${detail(extra)}` : ''].filter(Boolean).join('; ');
    const ctx = o.message.context ? ` (context: ${JSON.stringify(o.message.context.slice(0, 120))})` : '';
    console.log(`- ${o.message.id} [${parts}]${o.nudged.length ? ' NUDGE' : ''} ${JSON.stringify(o.message.text.slice(0, 200))}${ctx}`);
  }
}

if (import.meta.main) {
  // `npm run eval -- --model`: the configured model's judgement beside the rules' (scripts/eval-model.ts).
  if (process.argv.includes('--model')) process.exit(await (await import('./eval-model.ts')).main(process.argv.slice(2)));
  const { values, positionals } = parseArgs({ options: { errors: { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals[0]) {
    const corpus = readCorpus(positionals[0]);
    const outcomes = corpus.map((message) => {
      const a = analyze(message.text, message.context ? { context: message.context } : {});
      return { message, reported: a.findings.map((f) => f.rule), nudged: a.nudge ? a.findings.map((f) => f.rule) : [] };
    });
    const s = scoresOf(outcomes);
    if (values.json) console.log(JSON.stringify(s));
    else {
      console.log(`${s.messages} messages from ${positionals[0]}, scored by the shipped model (in-sample if it was trained on them)\n`);
      printScores(s);
      console.log(`clean messages flagged ${pct(s.cleanFlagged)}\nnudge precision        ${pct(s.nudgePrecision)} (${s.nudges} nudges)`);
      const rw = rewriteFailures(corpus);
      console.log(`rewrites passing rules and keeping numbers ${rw.checked - new Set(rw.failures.map((f) => f.id)).size}/${rw.checked}`);
      if (values.errors) printErrors(outcomes);
    }
  } else {
    const { messages, missing } = readSharedCorpus();
    if (missing.length) {
      console.error(`missing ${missing.join(', ')}: the labelled corpus comes with ../shared beside the project`);
      process.exit(2);
    }
    const cv = crossValidated(messages);
    if (values.json) {
      console.log(JSON.stringify({ all: cv.all, sealed: cv.sealed }));
    } else {
      const s = cv.all;
      const streamCount = messages.filter((m) => m.how === 'stream').length;
      console.log(`5-fold cross-validation, folds grouped by source thread: ${s.messages} messages (train + dev), ${streamCount} from real streams\n`);
      printScores(s);
      console.log(`micro-F1 95% interval   ${range(intervals(cv.outcomes, (x) => x.micro.f1))}`);
      console.log(`clean messages flagged ${pct(s.cleanFlagged)} ${range(intervals(cv.outcomes, (x) => x.cleanFlagged), pct)}`);
      console.log(`nudge precision        ${pct(s.nudgePrecision)} ${range(intervals(cv.outcomes, (x) => x.nudgePrecision), pct)} (${s.nudges} nudges)`);
      console.log(`  on stream messages   ${pct(s.streamNudgePrecision)} ${range(intervals(cv.outcomes, (x) => x.streamNudgePrecision), pct)} (${s.streamNudges} nudges; clean stream messages nudged ${pct(s.streamCleanNudged)})`);
      const kinds = [['curated (dev.jsonl)', (m: LabelledMessage) => !m.how], ['real, selected', (m: LabelledMessage) => m.how === 'selected'], ['real, stream', (m: LabelledMessage) => m.how === 'stream']] as const;
      console.log('\nby kind                 micro-F1  clean flagged  nudge precision');
      for (const [name, test] of kinds) {
        const k = scoresOf(cv.outcomes.filter((o) => test(o.message)));
        console.log(`${name.padEnd(22)}  ${k.micro.f1.toFixed(3)}     ${pct(k.cleanFlagged)}        ${pct(k.nudgePrecision)} (${k.nudges})`);
      }
      const z = cv.sealed;
      console.log(
        `\nset-aside fold ${SEALED_FOLD} (${z.messages} messages, figures only): micro-F1 ${z.micro.f1.toFixed(3)}, clean flagged ${pct(z.cleanFlagged).trim()}, ` +
          `nudge precision ${pct(z.nudgePrecision).trim()} (${z.nudges}), stream ${pct(z.streamNudgePrecision).trim()} (${z.streamNudges}), clean stream nudged ${pct(z.streamCleanNudged).trim()}`,
      );
      if (values.errors) printErrors(cv.open, new Map(cv.predictions.map((p) => [p.row.message.id, p.p])));
    }
  }
}
