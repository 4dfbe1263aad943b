// How a person reads a rules rewrite, as checks a script can count and a test can assert: did the hedge the finding
// quoted go, how many [placeholders] are left to fill, are the draft's numbers and names all still there, does it
// contradict itself, is it short enough to send, and does it still read as a gap. Written apart from the rewrite's
// own word lists (src/engine/plan.ts), so a check never just repeats what the code under test believes.
import { analyze, type Analysis } from '../src/engine/index.ts';

/** Effort and hedge phrases a reader notices: a finding that quotes one must not leave it in the rewrite. */
const HEDGES: readonly RegExp[] = [
  /\b(?:i|we|you|i'll|we'll|will|gonna|can|could|going to)\s(?:try|trying)\b(?!\s(?:it|this|that|them|the|a|an|out|again)\b)/gi,
  /\btry(?:ing)?\s(?:to|and)\b/gi,
  /\b(?:do|doing|did|does)\s(?:my|our|his|her|their)\sbest\b/gi,
  /\bhopefully\b/gi,
  /\bhop(?:e|ing)\sto\b/gi,
  /\bfingers\scrossed\b/gi,
  /\bwith\s(?:any\s)?luck\b/gi,
  /\bif\sall\sgoes\swell\b/gi,
  /\bsqueez(?:e|ing)\b/gi,
  /\bsomehow\b/gi,
  /\bmake\s(?:it|this|that)\s(?:work|happen)\b/gi,
  /\bshould\sbe\s(?:doable|possible|able\sto)\b/gi,
  /\bdoable\b/gi,
  /\basap\b/gi,
  /\bas\ssoon\sas\s(?:possible|i\scan|we\scan)\b/gi,
  /\bno\spromises\b/gi,
  /\bcan(?:'|\u2019)?t\spromise\b/gi,
  /\bbest[-\s]effort\b/gi,
  /\bsee\swhat\s(?:i|we)\scan\sdo\b/gi,
  /\bsee\sif\s(?:i|we)\scan\b/gi,
  /\bgive\sit\sa\s(?:shot|go|try)\b/gi,
  /\btake\sa\s(?:stab|swing)\b/gi,
  /\bjust\sin\scase\b/gi,
  /\bto\sbe\s(?:safe|sure|on\sthe\ssafe\sside)\b/gi,
];

/** A placeholder the rewrite leaves for the writer to fill: "[what gets cut]". */
const PLACEHOLDER = /\[[^\][\n]{1,80}\]/g;
/** Placeholders that ask for the estimate or date itself: a contradiction when the draft already gives one. */
const ASKS_FOR_ESTIMATE = /\b(?:range|estimate|how long|eta|deadline|when it lands)\b/i;
const NUMBER = /\d+(?:[.,:]\d+)*/g;
/** The draft gives a time: a number with a unit, a weekday or month, a named period. */
const GIVES_TIME =
  /\b(?:\d+|a|an|one|two|three|four|five|six|ten|few|couple)\s(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|sprints?|months?)\b|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tomorrow|tonight|tmrw|eod|eow|next\sweek|this\sweek|end\sof)\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s\d/i;
/** Words that look like names but are chat, not facts (the rewrite may drop them with the filler). */
const NOT_NAMES = new Set(['I', 'OK', 'Ok', 'ASAP', 'Asap', 'IMO', 'IMHO', 'TBH', 'Tbh', 'FYI', 'LOL', 'Lol', 'NP', 'Np', 'IDK', 'Idk', 'BTW', 'Btw']);

export interface RewriteCheck {
  /** [placeholders] the rewrite added (brackets already in the draft do not count). */
  placeholders: number;
  /** Hedge or effort phrases a finding quoted that are still in the rewrite. */
  hedgesLeft: string[];
  numbersLost: string[];
  namesLost: string[];
  /** Placeholders asking for an estimate the draft gives, and numbers neither the draft nor its context said. */
  contradictions: string[];
  /** rewrite length / draft length */
  ratio: number;
  /** Longer than max(2 x draft, 280): the bound the AI rewrite is held to. */
  overLength: boolean;
  /** What the rules still find in the rewrite, at the report point, read beside the same context. */
  stillFlagged: string[];
}

export const lengthLimit = (draft: string) => Math.max(2 * draft.length, 280);

const count = (text: string, re: RegExp) => [...text.matchAll(re)].length;

/** Capitalised words past a sentence's first, tool-like words (a digit, dot or slash inside), code and mentions. */
export function namesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/`[^`\n]{1,80}`|<[@#][^<>\s]{1,40}>/g)) names.add(m[0]);
  for (const m of text.matchAll(/(?<=[^.!?\n:]\s)[A-Z][\w-]{1,30}\b|\b[a-zA-Z][\w-]{0,30}(?:[./]\w[\w-]{0,30}){1,3}\b|\b[a-zA-Z]{1,10}\d[\w]{0,10}\b/g)) {
    const word = m[0];
    if (!NOT_NAMES.has(word) && !/^I(?:'|\u2019)/.test(word)) names.add(word);
  }
  return [...names];
}

/** Reads one rewrite the way a person would, against its draft and the findings it answers. */
export function checkRewrite(draft: string, context: string | undefined, analysis: Analysis, out: string): RewriteCheck {
  const hedgesLeft: string[] = [];
  for (const re of HEDGES) {
    const inDraft = [...draft.matchAll(re)];
    // A finding with no cue of its own (evidence 'message') quotes its first sentence as a place, not as the gap.
    const quoted = inDraft.filter((m) => analysis.findings.some((f) => f.evidence !== 'message' && m.index < f.end && f.start < m.index + m[0].length)).length;
    if (quoted > 0 && count(out, re) > inDraft.length - quoted) hedgesLeft.push(inDraft[0]![0]);
  }
  const said = new Set([...(draft.match(NUMBER) ?? []), ...(context?.match(NUMBER) ?? [])]);
  const kept = new Set(out.match(NUMBER) ?? []);
  const contradictions = [...new Set(out.match(NUMBER) ?? [])].filter((n) => !said.has(n)).map((n) => `new number ${n}`);
  const added = (out.match(PLACEHOLDER) ?? []).filter((p) => !draft.includes(p));
  if (GIVES_TIME.test(draft)) contradictions.push(...added.filter((p) => ASKS_FOR_ESTIMATE.test(p)).map((p) => `asks for ${p}`));
  const lower = out.toLowerCase();
  const still = analyze(out, context ? { context } : {});
  return {
    placeholders: Math.max(0, count(out, PLACEHOLDER) - count(draft, PLACEHOLDER)),
    hedgesLeft,
    numbersLost: [...new Set(draft.match(NUMBER) ?? [])].filter((n) => !kept.has(n)),
    namesLost: namesIn(draft).filter((n) => !out.includes(n) && !(n.length > 3 && lower.includes(n.toLowerCase()))),
    contradictions,
    ratio: out.length / Math.max(1, draft.length),
    overLength: out.length > lengthLimit(draft),
    stillFlagged: still.findings.map((f) => `${f.rule}: ${f.quote}`),
  };
}
