// What the configured model is worth, before an operator turns it on: the same labelled corpus scored by the rules
// alone and by the rules plus the model's judgement (what a person sees with a model: the findings it kept, dropped
// and added), plus how often its rewrite passes our checks and, for the messages the rules would nudge, the nudge
// precision once the model verifies them. It sends every message (the draft and its context) to OPENAI_BASE_URL.
// Without OPENAI_API_KEY it sends nothing and says so.
// Usage: npm run eval:model [-- FILE ...] [--limit N] [--concurrency N] [--json]   (npm run eval -- --model dispatches here)
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadLlmConfig } from '../src/config.ts';
import { analyze, RULE_IDS, type RuleId } from '../src/engine/index.ts';
import { MAX_DRAFT_CHARS } from '../src/llm/messages.ts';
import { createOpenAiRewriter } from '../src/llm/openai-rewriter.ts';
import type { RewriteResult } from '../src/llm/types.ts';

export const DEFAULT_MODEL_CORPUS = new URL('../../shared/corpus/dev.jsonl', import.meta.url).pathname;

export interface LabelledMessage {
  id: string;
  text: string;
  context?: string | null;
  expect: RuleId[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ModelReport {
  model: string;
  messages: number;
  /** Longer than the model's input limit: the rules' answer only, in both columns. */
  tooLong: number;
  rules: { perRule: Record<RuleId, Score>; micro: Score; cleanFlagged: number };
  withModel: { perRule: Record<RuleId, Score>; micro: Score; cleanFlagged: number };
  /** What the model changed: rules' findings it dropped and gaps it added, right or wrong by the labels. */
  changes: { droppedRight: number; droppedWrong: number; addedRight: number; addedWrong: number; invalidQuotes: number };
  /** Model answers: judged, rewrites accepted, and why the rest fell back (outcome or refusing check). */
  answers: { judged: number; rewritesAccepted: number; rewritesNeeded: number; fallbacks: Record<string, number> };
  nudges: { byRules: number; rightByRules: number; confirmed: number; rightConfirmed: number };
  latencyMs: { p50: number; p95: number };
}

export function readLabelled(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledMessage);
}

function score({ tp, fp, fn }: Counts): Score {
  const precision = tp + fp ? tp / (tp + fp) : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  return { tp, fp, fn, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

class Tally {
  readonly perRule = Object.fromEntries(RULE_IDS.map((r) => [r, { tp: 0, fp: 0, fn: 0 }])) as Record<RuleId, Counts>;
  clean = 0;
  cleanFlagged = 0;
  add(got: ReadonlySet<RuleId>, want: ReadonlySet<RuleId>) {
    for (const r of RULE_IDS) {
      if (got.has(r) && want.has(r)) this.perRule[r].tp++;
      else if (got.has(r)) this.perRule[r].fp++;
      else if (want.has(r)) this.perRule[r].fn++;
    }
    if (want.size === 0) {
      this.clean++;
      if (got.size > 0) this.cleanFlagged++;
    }
  }
  report() {
    const all = Object.values(this.perRule).reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
    return {
      perRule: Object.fromEntries(RULE_IDS.map((r) => [r, score(this.perRule[r])])) as Record<RuleId, Score>,
      micro: score(all),
      cleanFlagged: this.clean ? this.cleanFlagged / this.clean : 0,
    };
  }
}

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);

export interface ModelJudge {
  model: string;
  rewrite: ReturnType<typeof createOpenAiRewriter>['rewrite'];
  verifyNudge: ReturnType<typeof createOpenAiRewriter>['verifyNudge'];
}

/** Scores the rules alone and the rules with the model's judgement on `corpus`, `concurrency` messages at a time. */
export async function scoreModel(corpus: LabelledMessage[], judge: ModelJudge, concurrency = 4, onProgress?: (done: number) => void): Promise<ModelReport> {
  const rules = new Tally();
  const withModel = new Tally();
  const changes = { droppedRight: 0, droppedWrong: 0, addedRight: 0, addedWrong: 0, invalidQuotes: 0 };
  const answers = { judged: 0, rewritesAccepted: 0, rewritesNeeded: 0, fallbacks: {} as Record<string, number> };
  const nudges = { byRules: 0, rightByRules: 0, confirmed: 0, rightConfirmed: 0 };
  const latencies: number[] = [];
  let tooLong = 0;
  let done = 0;

  async function one(m: LabelledMessage) {
    const context = m.context ?? undefined;
    const analysis = analyze(m.text, context ? { context } : {});
    const want = new Set(m.expect);
    const byRules = new Set(analysis.findings.map((f) => f.rule));
    rules.add(byRules, want);
    if (m.text.length > MAX_DRAFT_CHARS) {
      tooLong++;
      withModel.add(byRules, want);
      return;
    }
    const started = performance.now();
    const result: RewriteResult = await judge.rewrite({ draft: m.text, context, analysis });
    latencies.push(performance.now() - started);
    const { judgement } = result;
    if (judgement) {
      answers.judged++;
      for (const f of judgement.dropped) changes[want.has(f.rule) ? 'droppedWrong' : 'droppedRight']++;
      for (const f of judgement.findings) if (f.by === 'model') changes[want.has(f.rule) ? 'addedRight' : 'addedWrong']++;
      changes.invalidQuotes += judgement.ignored;
    }
    // What a person would see: the model's judgement when it gave one, else the rules'.
    withModel.add(judgement ? new Set(judgement.findings.map((f) => f.rule)) : byRules, want);
    const needsRewrite = (judgement ? judgement.findings.length : analysis.findings.length) > 0;
    if (needsRewrite) answers.rewritesNeeded++;
    if (needsRewrite && result.source === 'ai') answers.rewritesAccepted++;
    else if (needsRewrite || !judgement) {
      const why = result.rejected?.check ?? (result.note ? outcomeName(result.note) : 'no judgement');
      answers.fallbacks[why] = (answers.fallbacks[why] ?? 0) + 1;
    }
    if (analysis.nudge) {
      nudges.byRules++;
      const right = (rules: Iterable<RuleId>) => [...rules].some((r) => want.has(r));
      if (right(byRules)) nudges.rightByRules++;
      const confirmed = await judge.verifyNudge(m.text, analysis.findings, context);
      if (confirmed.length > 0) {
        nudges.confirmed++;
        if (right(confirmed.map((f) => f.rule))) nudges.rightConfirmed++;
      }
    }
  }

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      while (next < corpus.length) {
        await one(corpus[next++]!);
        onProgress?.(++done);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    model: judge.model,
    messages: corpus.length,
    tooLong,
    rules: rules.report(),
    withModel: withModel.report(),
    changes,
    answers,
    nudges,
    latencyMs: { p50: Math.round(quantile(latencies, 0.5)), p95: Math.round(quantile(latencies, 0.95)) },
  };
}

function outcomeName(note: string): string {
  if (/timed out/.test(note)) return 'timeout';
  if (/limit reached/.test(note)) return 'cap';
  if (/too long/.test(note)) return 'too long';
  return 'unavailable';
}

export function formatReport(r: ModelReport, files: readonly string[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  const row = (name: string, a: Score, b: Score) =>
    `${name.padEnd(22)} ${pct(a.precision)} ${pct(a.recall)} ${a.f1.toFixed(3)}   ${pct(b.precision)} ${pct(b.recall)} ${b.f1.toFixed(3)}`;
  const ratio = (a: number, b: number) => (b ? `${a}/${b} (${pct(a / b).trim()})` : '0/0');
  const lines = [
    `${r.messages} messages from ${files.join(', ')}; model ${r.model}${r.tooLong ? `; ${r.tooLong} over ${MAX_DRAFT_CHARS} characters (rules only)` : ''}`,
    '',
    `${''.padEnd(22)} ${'rules alone'.padEnd(21)}   rules + model`,
    `${'rule'.padEnd(22)} ${'prec'.padStart(6)} ${'recall'.padStart(6)}    F1   ${'prec'.padStart(6)} ${'recall'.padStart(6)}    F1`,
    ...RULE_IDS.map((rule) => row(rule, r.rules.perRule[rule], r.withModel.perRule[rule])),
    '',
    row('micro', r.rules.micro, r.withModel.micro),
    `clean messages flagged ${pct(r.rules.cleanFlagged)} -> ${pct(r.withModel.cleanFlagged)}`,
    `model's changes        dropped ${r.changes.droppedRight} rules findings rightly, ${r.changes.droppedWrong} wrongly; added ${r.changes.addedRight} missed gaps rightly, ${r.changes.addedWrong} wrongly; ${r.changes.invalidQuotes} findings ignored (a quote not in the draft or an unknown rule)`,
    `answers judged         ${ratio(r.answers.judged, r.messages - r.tooLong)}`,
    `rewrites accepted      ${ratio(r.answers.rewritesAccepted, r.answers.rewritesNeeded)}; fell back: ${Object.entries(r.answers.fallbacks).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    `nudge precision        rules ${ratio(r.nudges.rightByRules, r.nudges.byRules)}, verified by the model ${ratio(r.nudges.rightConfirmed, r.nudges.confirmed)} (${r.nudges.confirmed} of ${r.nudges.byRules} nudges kept)`,
    `latency per judgement  p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms`,
  ];
  return lines.join('\n');
}

/** The command line (`--model` is accepted and ignored, so `npm run eval -- --model ...` can hand its argv over). Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { limit: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' }, model: { type: 'boolean' } },
  });
  let llm;
  try {
    llm = loadLlmConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  if (!llm.apiKey) {
    console.log('model eval skipped: OPENAI_API_KEY is not set (set it, and OPENAI_BASE_URL / OPENAI_MODEL, to score your model; nothing was sent).');
    return 0;
  }
  const files = positionals.length ? positionals : [DEFAULT_MODEL_CORPUS];
  const limit = values.limit ? Number(values.limit) : Infinity;
  const corpus = files.flatMap(readLabelled).slice(0, limit);
  const rewriter = createOpenAiRewriter({ apiKey: llm.apiKey, baseURL: llm.baseUrl, model: llm.model, timeoutMs: llm.timeoutMs });
  process.stderr.write(`scoring ${llm.model} on ${corpus.length} messages (${corpus.length} judgements, plus one check per rules nudge)...\n`);
  const report = await scoreModel(corpus, { model: llm.model, ...rewriter }, Number(values.concurrency ?? 4), (done) => {
    if (done % 25 === 0) process.stderr.write(`  ${done}/${corpus.length}\n`);
  });
  console.log(values.json ? JSON.stringify(report) : formatReport(report, files));
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
