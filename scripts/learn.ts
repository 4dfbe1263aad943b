// How the scorer is trained and judged: logistic regression per rule, Platt calibration on cross-validated logits,
// operating points chosen on held-out predictions, and grouped cross-validation. Deterministic: no randomness in
// fitting (full-batch Adam from zero), and the only random draws (bootstrap intervals) use a fixed seed.
import { featuresOf } from '../src/engine/analyze.ts';
import type { Features } from '../src/engine/features.ts';
import { read } from '../src/engine/nlp.ts';
import { prepare } from '../src/engine/prepare.ts';
import { RULES } from '../src/engine/rules/index.ts';
import { sigmoid, type Model, type RuleModel } from '../src/engine/scorer.ts';
import { signalsOf } from '../src/engine/signals.ts';
import { RULE_IDS, type RuleId } from '../src/engine/types.ts';
import { assignFolds, FOLDS, type LabelledMessage } from './corpus.ts';

export const SETTINGS = {
  /** L2 penalty on the weights (not the bias), per message. */
  l2: 0.01,
  epochs: 600,
  learningRate: 0.05,
  /** A feature must fire in this many training messages to get a weight. */
  minCount: 2,
  /** Nudge point: precision on held-out stream messages (and on all held-out messages) at or above it. */
  nudgePrecision: 0.95,
  innerFolds: 4,
  /** Which lexical features the scorer may weigh: none, words (w:), or words and neighbour pairs (w:, b:). */
  lexical: 'words' as 'none' | 'words' | 'words+pairs',
  /** Weights smaller than this are dropped from model.json (they change no decision and cost memory). */
  minWeight: 0.01,
};

function allowed(name: string, s: typeof SETTINGS): boolean {
  if (name.startsWith('b:')) return s.lexical === 'words+pairs';
  if (name.startsWith('w:')) return s.lexical !== 'none';
  return true;
}

export interface Row {
  message: LabelledMessage;
  features: Map<RuleId, Features>;
  fold: number;
}

export function extract(messages: readonly LabelledMessage[]): Row[] {
  const folds = assignFolds(messages);
  return messages.map((message, i) => {
    const doc = read(prepare(message.text));
    const context = message.context ? read(prepare(message.context)) : undefined;
    return { message, features: featuresOf(doc, signalsOf(doc, context)), fold: folds[i]! };
  });
}

interface Fit {
  bias: number;
  weights: Record<string, number>;
}

/** L2-regularised logistic regression, full-batch Adam from zero: the same data gives the same weights. */
export function fitLogistic(xs: readonly Features[], ys: readonly number[], s = SETTINGS): Fit {
  const counts = new Map<string, number>();
  for (const x of xs) for (const name of x.values.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([n, c]) => c >= s.minCount && allowed(n, s)).map(([n]) => n).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows = xs.map((x) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [n, v] of x.values) {
      const i = index.get(n);
      if (i !== undefined) idx.push(i), val.push(v);
    }
    return { idx, val };
  });
  const k = names.length + 1; // last slot: bias
  const w = new Float64Array(k);
  const m = new Float64Array(k);
  const v = new Float64Array(k);
  const g = new Float64Array(k);
  const n = rows.length;
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  for (let epoch = 1; epoch <= s.epochs; epoch++) {
    g.fill(0);
    for (let r = 0; r < n; r++) {
      const { idx, val } = rows[r]!;
      let z = w[k - 1]!;
      for (let j = 0; j < idx.length; j++) z += w[idx[j]!]! * val[j]!;
      const err = (sigmoid(z) - ys[r]!) / n;
      for (let j = 0; j < idx.length; j++) g[idx[j]!]! += err * val[j]!;
      g[k - 1]! += err;
    }
    for (let i = 0; i < k - 1; i++) g[i]! += s.l2 * w[i]!;
    for (let i = 0; i < k; i++) {
      m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
      v[i] = b2 * v[i]! + (1 - b2) * g[i]! * g[i]!;
      w[i]! -= (s.learningRate * (m[i]! / (1 - b1 ** epoch))) / (Math.sqrt(v[i]! / (1 - b2 ** epoch)) + eps);
    }
  }
  const weights: Record<string, number> = {};
  names.forEach((name, i) => {
    const value = round(w[i]!);
    if (Math.abs(value) >= s.minWeight) weights[name] = value;
  });
  return { bias: round(w[k - 1]!), weights };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function rawLogit(fit: Fit, x: Features): number {
  let z = fit.bias;
  for (const [name, value] of x.values) z += (fit.weights[name] ?? 0) * value;
  return z;
}

/** Platt scaling: a 1-D logistic regression of the labels on held-out logits (Newton's method, from a=1, b=0). */
export function fitPlatt(logits: readonly number[], ys: readonly number[]): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    let [ga, gb, haa, hab, hbb] = [0, 0, 1e-6, 0, 1e-6];
    for (let i = 0; i < logits.length; i++) {
      const p = sigmoid(a * logits[i]! + b);
      const d = p - ys[i]!;
      const h = p * (1 - p);
      ga += d * logits[i]!;
      gb += d;
      haa += h * logits[i]! * logits[i]!;
      hab += h * logits[i]!;
      hbb += h;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-9) break;
  }
  return { a: round(a), b: round(b) };
}

interface Scored {
  p: number;
  y: number;
  stream: boolean;
}

/** Midway between a chosen probability and the next lower one, so the point does not sit on a training example. */
function between(sorted: readonly Scored[], i: number): number {
  const next = sorted[i + 1];
  return round(next ? (sorted[i]!.p + next.p) / 2 : sorted[i]!.p / 2);
}

/** report: best F1 on held-out predictions. nudge: the lowest point with precision >= target above it, on stream and overall. */
export function choosePoints(scored: readonly Scored[], s = SETTINGS): { report: number; nudge: number } {
  const sorted = [...scored].sort((x, y) => y.p - x.p || x.y - y.y);
  const positives = sorted.filter((x) => x.y).length;
  let tp = 0;
  let bestF1 = 0;
  let report = 0.5;
  sorted.forEach((x, i) => {
    tp += x.y;
    const f1 = (2 * tp) / (i + 1 + positives);
    if (f1 > bestF1 && sorted[i + 1]?.p !== x.p) [bestF1, report] = [f1, between(sorted, i)];
  });
  let nudge = 1.01;
  const counts = { tp: 0, fp: 0, streamTp: 0, streamFp: 0 };
  for (let i = 0; i < sorted.length; i++) {
    const x = sorted[i]!;
    counts.tp += x.y;
    counts.fp += 1 - x.y;
    if (x.stream) x.y ? counts.streamTp++ : counts.streamFp++;
    const precise = counts.tp >= s.nudgePrecision * (counts.tp + counts.fp) && counts.streamTp >= s.nudgePrecision * (counts.streamTp + counts.streamFp);
    if (!precise) break;
    if (sorted[i + 1]?.p !== x.p) nudge = between(sorted, i);
  }
  return { report, nudge: Math.max(nudge, report) };
}

const labelOf = (row: Row, rule: RuleId) => (row.message.expect.includes(rule) ? 1 : 0);

/** One rule's model from training rows: inner grouped CV for calibration and operating points, then a fit on all. */
export function trainRule(rows: readonly Row[], rule: RuleId, s = SETTINGS): RuleModel {
  const inner = assignFolds(rows.map((r) => r.message), s.innerFolds);
  const logits = new Array<number>(rows.length);
  for (let k = 0; k < s.innerFolds; k++) {
    const train = rows.filter((_, i) => inner[i] !== k);
    const fit = fitLogistic(train.map((r) => r.features.get(rule)!), train.map((r) => labelOf(r, rule)), s);
    rows.forEach((r, i) => inner[i] === k && (logits[i] = rawLogit(fit, r.features.get(rule)!)));
  }
  const ys = rows.map((r) => labelOf(r, rule));
  const calibration = fitPlatt(logits, ys);
  const scored = rows.map((r, i) => ({ p: sigmoid(calibration.a * logits[i]! + calibration.b), y: ys[i]!, stream: r.message.how === 'stream' }));
  const fit = fitLogistic(rows.map((r) => r.features.get(rule)!), ys, s);
  return { ...fit, calibration, ...choosePoints(scored, s) };
}

export function trainModel(rows: readonly Row[], s = SETTINGS): Model {
  const rules = Object.fromEntries(RULE_IDS.map((rule) => [rule, trainRule(rows, rule, s)])) as Record<RuleId, RuleModel>;
  return { trainedOn: { messages: rows.length, settings: s }, rules };
}

export interface Prediction {
  row: Row;
  /** rule -> calibrated probability */
  p: Record<RuleId, number>;
  reported: RuleId[];
  nudged: RuleId[];
}

export function predict(model: Model, row: Row): Prediction {
  const p = {} as Record<RuleId, number>;
  const reported: RuleId[] = [];
  const nudged: RuleId[] = [];
  for (const rule of RULES) {
    const m = model.rules[rule.id];
    const prob = sigmoid(m.calibration.a * rawLogit(m, row.features.get(rule.id)!) + m.calibration.b);
    p[rule.id] = prob;
    if (prob >= m.report) reported.push(rule.id);
    if (prob >= m.nudge) nudged.push(rule.id);
  }
  return { row, p, reported, nudged };
}

/** Grouped k-fold cross-validation: each fold predicted by a model trained (with its own inner CV) on the others. */
export function crossValidate(rows: readonly Row[], s = SETTINGS, folds = FOLDS): { predictions: Prediction[]; models: Model[] } {
  const predictions: Prediction[] = [];
  const models: Model[] = [];
  for (let k = 0; k < folds; k++) {
    const model = trainModel(rows.filter((r) => r.fold !== k), s);
    models.push(model);
    for (const row of rows) if (row.fold === k) predictions.push(predict(model, row));
  }
  return { predictions, models };
}

