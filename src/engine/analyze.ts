import { lexicalFeatures, type Features } from './features.ts';
import { languageOf } from './language.ts';
import modelJson from './model.json' with { type: 'json' };
import { read, type Doc } from './nlp.ts';
import { situationFromDocs } from './plan.ts';
import { prepare } from './prepare.ts';
import type { Rule } from './rule.ts';
import { RULES } from './rules/index.ts';
import { probability, strongestEvidence, type Model } from './scorer.ts';
import { tipFor } from './shapes.ts';
import { DEMANDING_CONTEXT, signalsOf, type Signals } from './signals.ts';
import type { Analysis, AnalyzeOptions, Finding, OperatingPoint, RuleId } from './types.ts';

/** The trained scorer (`npm run train` writes model.json from ../shared/corpus). */
export const MODEL = modelJson as unknown as Model;

/** Per rule: the confidence at which a finding is reported, and at which it may nudge someone unasked. */
export const OPERATING_POINTS: Readonly<Record<RuleId, OperatingPoint>> = Object.fromEntries(
  Object.entries(MODEL.rules).map(([rule, m]) => [rule, { report: m.report, nudge: m.nudge }]),
) as Record<RuleId, OperatingPoint>;

/** What the scorer reads for one rule: the rule's own features and the message's words. */
function featuresFor(rule: Rule, doc: Doc, signals: Signals, words: readonly string[]): Features {
  const f = rule.features(doc, signals);
  for (const w of words) f.add(w);
  return f;
}

/** Every rule's features for one message. Training reads the same function, so both see the same thing. */
export function featuresOf(doc: Doc, signals: Signals): Map<RuleId, Features> {
  const words = lexicalFeatures(doc);
  return new Map(RULES.map((rule) => [rule.id, featuresFor(rule, doc, signals, words)]));
}

/** Enough prose to tell the language: it is decided on the message's start. */
const LANGUAGE_SAMPLE = 10_000;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeWith(MODEL, text, options);
}

export function analyzeWith(model: Model, text: string, options: AnalyzeOptions = {}): Analysis {
  const prepared = prepare(text);
  // The cues are English: a message in another language is not checked rather than found clean.
  if (languageOf(prepared.prose.slice(0, LANGUAGE_SAMPLE)) === 'other') return { findings: [], nudge: false, needsContext: false, language: 'other' };
  const doc = read(prepared);
  const context = options.context ? read(prepare(options.context)) : undefined;
  const signals = signalsOf(doc, context);
  const words = lexicalFeatures(doc);
  const findings: Finding[] = [];
  let nudge = false;
  for (const rule of RULES) {
    const m = model.rules[rule.id];
    const features = rule.features(doc, signals);
    const confidence = probability(m, features, words);
    if (confidence < m.report) continue;
    nudge ||= confidence >= m.nudge;
    const evidence = strongestEvidence(m, features);
    const span = evidence?.span ?? doc.sentences[0] ?? { start: 0, end: prepared.prose.length };
    const { start, end } = prepared.toOriginal(span.start, span.end);
    const quote = text.slice(start, end);
    const finding: Finding = { rule: rule.id, start, end, quote, confidence, message: rule.message(quote), tip: rule.tip, evidence: evidence?.feature ?? 'message' };
    findings.push({ ...finding, tip: tipFor(situationFromDocs(finding, doc, context)) });
  }
  findings.sort((a, b) => a.start - b.start);
  // Would a finding nudge under the most demanding reply-to? Then its thread parent is worth fetching. A parent
  // strengthens a gap the message already shows; it does not make one, so only reported rules are read again.
  const demanding = { ...signals, context: DEMANDING_CONTEXT };
  const reported = new Set(findings.map((f) => f.rule));
  const needsContext =
    !context &&
    !nudge &&
    RULES.some((rule) => reported.has(rule.id) && probability(model.rules[rule.id], rule.features(doc, demanding), words) >= model.rules[rule.id].nudge);
  return { findings, nudge, needsContext, language: 'en' };
}
