import { prepare } from './prepare.ts';
import { RULES } from './rules/index.ts';
import { RULE_IDS, type Analysis, type AnalyzeOptions, type Finding, type OperatingPoint, type RuleId } from './types.ts';

/** A finding must be at least this sure before we interrupt someone who did not ask (passive nudges). */
export const NUDGE_CONFIDENCE = 0.8;
/** Below this a finding is not reported at all. */
export const REPORT_CONFIDENCE = 0.5;
/** Per rule: the confidence at which a finding is reported, and at which it may nudge someone unasked. */
export const OPERATING_POINTS: Readonly<Record<RuleId, OperatingPoint>> = Object.fromEntries(
  RULE_IDS.map((rule) => [rule, { report: REPORT_CONFIDENCE, nudge: NUDGE_CONFIDENCE }]),
) as Record<RuleId, OperatingPoint>;
/** Replies this short lean on what they answer ("sure, will try", "no idea tbh"). */
const SHORT_REPLY_WORDS = 40;

export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const doc = prepare(text);
  const context = options.context ? prepare(options.context) : undefined;
  const findings: Finding[] = [];
  for (const rule of RULES) {
    // Keep the most confident hit per rule: one finding per gap keeps replies short.
    let best: { start: number; end: number; confidence: number } | undefined;
    for (const hit of rule.detect(doc, context)) {
      if (hit.confidence >= REPORT_CONFIDENCE && (!best || hit.confidence > best.confidence)) best = hit;
    }
    if (!best) continue;
    const span = doc.toOriginal(best.start, best.end);
    const quote = text.slice(span.start, span.end);
    findings.push({
      rule: rule.id,
      start: span.start,
      end: span.end,
      quote,
      confidence: best.confidence,
      message: rule.message(quote),
      tip: rule.tip,
    });
  }
  findings.sort((a, b) => a.start - b.start);
  const needsContext = !options.context && doc.prose.split(/\s+/, SHORT_REPLY_WORDS + 2).length <= SHORT_REPLY_WORDS;
  return { findings, nudge: findings.some((f) => f.confidence >= OPERATING_POINTS[f.rule].nudge), needsContext };
}
