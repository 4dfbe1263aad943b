// Turns the model's findings (rule, quote, why) into a judgement of the draft beside the rules' findings: which of
// the rules' findings it kept, which gaps it added, which it dropped. A finding whose quote is not in the draft, or
// whose rule is not one of ours, is dropped: the model may only point at words the author wrote. Pure and linear in
// the draft (the answer is cut to ANSWER_LIMITS before this runs).
import type { Finding, RuleId } from '../engine/index.ts';
import { RULE_IDS } from '../engine/types.ts';
import type { JudgedFinding, Judgement } from './types.ts';

export interface ModelFinding {
  rule: string;
  quote: string;
  why: string;
}

const RULES = new Set<string>(RULE_IDS);
// Typographic quotes the model may straighten (or curl); each maps one character to one, so offsets stay valid.
const TYPOGRAPHIC: Record<string, string> = { '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"' };
const straighten = (text: string) => text.replace(/[\u2018\u2019\u201C\u201D]/g, (c) => TYPOGRAPHIC[c]!);

/** Every offset where `quote` starts in `draft`: exactly, or else with typographic quotes made plain on both sides. */
function occurrences(draft: string, quote: string): number[] {
  for (const [text, q] of [[draft, quote], [straighten(draft), straighten(quote)]] as const) {
    const found: number[] = [];
    for (let at = text.indexOf(q); at !== -1; at = text.indexOf(q, at + 1)) found.push(at);
    if (found.length > 0) return found;
  }
  return [];
}

/** Two spans of one rule are one gap when they overlap or share a sentence. */
function sameGap(draft: string, a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  const between = draft.slice(Math.min(a.end, b.end), Math.max(a.start, b.start));
  return !/[.!?\n]/.test(between);
}

export function judge(
  draft: string,
  rulesFindings: readonly Finding[],
  modelFindings: readonly ModelFinding[],
): Judgement {
  const kept = new Map<Finding, JudgedFinding>();
  const added: JudgedFinding[] = [];
  let invalid = 0;
  for (const m of modelFindings) {
    const quote = m.quote.trim();
    if (!RULES.has(m.rule) || quote === '' || quote.length > draft.length) {
      invalid++;
      continue;
    }
    const rule = m.rule as RuleId;
    const starts = occurrences(draft, quote);
    if (starts.length === 0) {
      invalid++;
      continue;
    }
    const spans = starts.map((start) => ({ start, end: start + quote.length }));
    const why = m.why.trim();
    // Prefer the occurrence that is a gap the rules also found.
    let match: Finding | undefined;
    let span = spans[0]!;
    for (const s of spans) {
      match = rulesFindings.find((f) => f.rule === rule && sameGap(draft, f, s));
      if (match) {
        span = s;
        break;
      }
    }
    if (match) {
      if (!kept.has(match)) kept.set(match, { rule, start: match.start, end: match.end, quote: match.quote, why, by: 'rules' });
      continue;
    }
    if (added.some((a) => a.rule === rule && sameGap(draft, a, span))) continue;
    added.push({ rule, ...span, quote: draft.slice(span.start, span.end), why, by: 'model' });
  }
  const findings = [...kept.values(), ...added].sort((a, b) => a.start - b.start || a.end - b.end);
  const dropped = rulesFindings.filter((f) => !kept.has(f));
  return { findings, dropped, ignored: invalid };
}
