// The trained scorer: per rule, a logistic regression over the rule's named features, calibrated on held-out
// predictions, with two operating points. `npm run train` writes the weights (model.json) from ../shared/corpus.
import type { Features, Span } from './features.ts';
import type { OperatingPoint, RuleId } from './types.ts';

export interface RuleModel extends OperatingPoint {
  bias: number;
  weights: Record<string, number>;
  /** Platt scaling fitted on cross-validated logits: probability = sigmoid(a * logit + b). */
  calibration: { a: number; b: number };
}

export interface Model {
  /** How the weights were made: data, folds, seed, settings (for the record; not read by the engine). */
  trainedOn: Record<string, unknown>;
  rules: Record<RuleId, RuleModel>;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Weights as a Map, built once per model: thousands of word keys make a plain object's lookups slow. */
const weightMaps = new WeakMap<object, Map<string, number>>();
function weightsOf(m: Pick<RuleModel, 'weights'>): Map<string, number> {
  let map = weightMaps.get(m.weights);
  if (!map) weightMaps.set(m.weights, (map = new Map(Object.entries(m.weights))));
  return map;
}

/** The rule's features' part of the score. */
export function logit(m: Pick<RuleModel, 'bias' | 'weights'>, f: Features): number {
  const w = weightsOf(m);
  let z = m.bias;
  for (const [name, value] of f.values) z += (w.get(name) ?? 0) * value;
  return z;
}

/** The words' part of the score (lexical features are worth 1 when present). */
export function wordsLogit(m: Pick<RuleModel, 'weights'>, words: readonly string[]): number {
  const w = weightsOf(m);
  let z = 0;
  for (const word of words) z += w.get(word) ?? 0;
  return z;
}

/** Calibrated probability from the rule's features and the message's words (or features that already hold them). */
export function probability(m: RuleModel, f: Features, words: readonly string[] = []): number {
  return sigmoid(m.calibration.a * (logit(m, f) + wordsLogit(m, words)) + m.calibration.b);
}

/** The feature with a span that pushed the score up the most: what the finding quotes, and why. */
export function strongestEvidence(m: RuleModel, f: Features): { feature: string; span: Span } | undefined {
  let best: { feature: string; span: Span } | undefined;
  let bestPush = 0;
  for (const [feature, span] of f.spans) {
    const push = (weightsOf(m).get(feature) ?? 0) * (f.values.get(feature) ?? 0);
    if (push > bestPush) [best, bestPush] = [{ feature, span }, push];
  }
  return best;
}
