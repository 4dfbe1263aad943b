// Sentence helpers shared by the rules: pure string tests over prepared prose (see prepare.ts).
// Every pattern here is linear (no nested quantifiers) and listed in TEXT_PATTERNS for the ReDoS test;
// a rule that calls a helper should spread TEXT_PATTERNS into its own `patterns`.
import type { PreparedText, Sentence } from './prepare.ts';

// Words that open a question even when chat style drops the "?".
const QUESTION_OPENER =
  /^(?:so |and |but |ok |okay |hmm+ |hey |also )?(?:why not|how about|what about|what if|what's|whats|how come|why (?:do|does|did|is|are|would|should|can't|don't|not|we|would)|what (?:is|are|do|does|did|should|would|could|can|will)|how (?:do|does|did|should|would|can|could|long|much|many|is|are|will)|when (?:is|are|do|does|did|will|can|should|would)|who (?:is|owns|knows(?! *(?:[,.!;:]|$|tbh|honestly|lol|really|at this point))|can|should|would|wrote|did|has)|where (?:is|are|do|does|can|should)|which (?:one|is|are|do|should|would)|should (?:we|i)|shall (?:we|i)|could (?:we|you|i)|can (?:we|you|i|someone|anyone)|would (?:it|you|we)|do (?:we|you|i)|(?:does|did) (?:anyone|someone|we|you|it|this|that)|is (?:it|this|that|there|anyone)|are (?:we|you|there)|any (?:reason|chance|idea|objections?)|anyone|has anyone|have (?:we|you))\b/i;
const QUESTION_MARK = /\?\s*(?:\p{Extended_Pictographic}\s*)*$/u;

// A negator shortly before a trigger, within its clause ("I don't think we should just try").
const NEGATOR =
  /\b(?:not|never|no|nor|don't|dont|doesn't|didn't|won't|wouldn't|shouldn't|can't|cannot|isn't|aren't|wasn't|weren't|nobody|nothing|without|instead of|rather than)\b/i;
// "no" that is not a negation of what follows.
const NOT_A_NEGATOR = /\bno (?:problem|prob|probs|worries|worry|sweat|biggie|doubt)\b/gi;
const CLAUSE_BREAK = /[,;:()\-–—]|\b(?:but|and|so|then|though|although)\b/gi;

const FIRST_PERSON = /\b(?:i|i'm|im|i'll|ill|i'd|i've|me|my|we|we'll|we're|we'd|we've|us|our|lemme|let's|lets|gonna|imma)\b/i;

// Reported or quoted words of someone else: "Dana said", "PM says", "according to". "I said we'd ..." is the writer's own.
const REPORTED_SPEECH =
  /\b(?:said|says|saying|told|tells|claims?|claimed|according to|asked|asks|wants to know|wrote|mentioned|thinks|reckons|insists?)\b(?:\s+(?:me|us)\b)?/gi;
// No subject (clause start) or a first-person one before the verb: the writer is speaking.
const OWN_SPEAKER = /(?:^\s*|[,;:(-]\s*|\b(?:i|we|i've|we've|i'd|we'd|and|then|just|also|already|so|fyi|ok|yeah|yes)\s+)$/i;
const OTHERS_BY_FORM = /^according|\s(?:me|us)$/i;

// Hedges and effort words.
const HEDGE =
  /\b(?:hopefully|hope(?:fully)?|maybe|probably|prob|likely|should be|might|may|try|trying|tried|fingers crossed|with luck|best effort|do my best|do our best|somehow)\b/i;

// A range or a loose range: "2-3 days", "2 to 3", "between X and Y", "a month or two", "4-6 days".
const RANGE =
  /\b\d+(?:\.\d+)?\s?(?:-|–|to|or)\s?\d+(?:\.\d+)?\b|\bbetween\b[^.;]{1,40}\band\b|\b(?:minute|hour|day|week|month|sprint|quarter|year|couple)s? or (?:two|three|so|more)\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten) (?:or|to) (?:two|three|four|five|six|seven|eight|nine|ten|twelve)\b|\b(?:low|high) end\b|\bgive or take\b|\bplus or minus\b|±/i;
// "Tuesday or Wednesday", "end of January or early February": a loose range of dates.
const DATE_RANGE =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|this week|next week) or (?:early |late |mid-?|the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4]|next week|the week after|the following week)\b/i;

// A stated assumption, condition or named risk.
const ASSUMPTION =
  /\b(?:assuming|assumes?|assumption|provided (?:that )?|as long as|if|unless|depends on|depending on|given (?:that|the)|based on|barring|contingent|risks?|risky|unknowns?|caveat|worst case|best case|otherwise|as things stand)\b/i;

// A next step: how to find out, who to ask, when to report back, or what happens meanwhile.
// Three small patterns rather than one big one: each stays obviously linear.
const NEXT_STEP_PLAN =
  /\b(?:i'll|ill|i will|we'll|we will|going to|gonna|let me|lemme|let's|i'd|i would|will|i can|we can) (?:[a-z]+ ){0,2}?(?:check|dig|look|find out|figure out|investigate|ask|ping|reach out|follow up|test|reproduce|repro|profile|measure|debug|read|grab|compare|diff|bisect|add|write up|report|update|post|get back|circle back|loop|sync|confirm|verify|review|open|file|escalate|chase|nudge|reopen|rerun|re-run|roll back|revert|pair|spike|prototype|timebox|trace|instrument|benchmark|load-test|pick (?:it|this|that) up|pick up|resume|revisit|restart|kick off|come back|share|schedule|retest|re-test|clear|rebuild|redeploy)\b/i;
const NEXT_STEP_ONGOING =
  /(?:\b(?:i'm|im|i am|we're|we are|currently|now) (?:[a-z]+ )?|(?:^|[-,;:.]) ?)(?:checking|looking into|digging|investigating|debugging|testing|bisecting|profiling|tracing|reaching out|asking|re-running|rerunning)\b/i;
const NEXT_STEP_PHRASE =
  /\b(?:then (?:i'll|we'll|i will|we will|i can|we can|i'd|[a-z]+ing)|trying to (?:reproduce|repro|reach|get in touch|find out|figure out|narrow)|report back|get back to you|keep you posted|post (?:an )?updates?|updates? (?:here|to follow|in this channel|in this thread)|update (?:here|the ticket|you)|next steps?|in the meantime|meanwhile|i've asked|i asked|asked [a-z]+ to|pinged|reached out|i'll know|will know|should know by|know more|once i (?:can|have|hear|get)|so i (?:started|moved|switched|picked up|began)|(?:this|it) adds (?:logging|metrics|tracing|a test)|added (?:logging|metrics|tracing))\b/i;

// A plan that waits on a condition ("once that's released we'll bump it") or an alternative offered meanwhile
// ("alternatively we add a flag now", "I'd lean toward the flag") is a way forward too.
const NEXT_STEP_CONDITIONAL = /\b(?:once|as soon as|when|after) (?:[a-z']+,? ){1,5}?(?:we'll|i'll|we will|i will|we can|i can|we'd|i'd)\b/i;
const NEXT_STEP_ALTERNATIVE =
  /\b(?:alternatively|another option|other option|the alternative|instead,? (?:we|i) (?:could|can)|(?:we|i) could (?:also )?(?:[a-z]+ )?(?:add|use|ship|go|try|switch|work around|patch|pin|fork|vendor|mock|stub|skip|start|build|do|ask|check)|i'd (?:lean|suggest|propose|recommend|go with)|workaround|work around)\b|(?:^|[,;:.\-] ?)(?:ask|ping|check with|talk to|try asking|reach out to) (?:the |[a-z]+\b)/i;

// A named cost or what gets cut: "but it pushes X", "not both", "at the cost of".
const NAMED_COST =
  /\b(?:not both|at the (?:cost|expense) of|costs?|trade-?off|downside|pushes|push(?:es)? back|slips?|slip|delays?|would (?:mean|need)|means (?:dropping|cutting|pushing|moving|delaying)|instead of|cut|cutting|drop|dropping|defer|deferring|descope|de-scope|in exchange)\b/i;

export const TEXT_PATTERNS: readonly RegExp[] = [
  QUESTION_OPENER,
  QUESTION_MARK,
  NEGATOR,
  NOT_A_NEGATOR,
  CLAUSE_BREAK,
  FIRST_PERSON,
  REPORTED_SPEECH,
  OWN_SPEAKER,
  OTHERS_BY_FORM,
  HEDGE,
  RANGE,
  DATE_RANGE,
  ASSUMPTION,
  NEXT_STEP_PLAN,
  NEXT_STEP_ONGOING,
  NEXT_STEP_PHRASE,
  NEXT_STEP_CONDITIONAL,
  NEXT_STEP_ALTERNATIVE,
  NAMED_COST,
];

/** A question, also a suggestion phrased as one ("why not use ES?") and chat questions without "?". */
export function isQuestion(sentence: string): boolean {
  const s = sentence.trim();
  return QUESTION_MARK.test(s) || QUESTION_OPENER.test(s);
}

/** The clause of `text` that ends at `index`: from the last comma, dash or conjunction before it. */
export function clauseBefore(text: string, index: number, maxChars = 80): string {
  const from = Math.max(0, index - maxChars);
  const window = text.slice(from, index);
  let cut = 0;
  // exec/lastIndex, not matchAll: matchAll clones the regex on every call, which dominates on short texts.
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(window); m; m = CLAUSE_BREAK.exec(window)) cut = m.index + m[0].length;
  return window.slice(cut);
}

/** A negator in the same clause shortly before `index` ("I don't think we should just try"). */
export function isNegatedAt(text: string, index: number): boolean {
  const clause = clauseBefore(text, index, 50).replace(NOT_A_NEGATOR, ' ');
  return NEGATOR.test(clause);
}

/** The writer speaks for themselves or their team. */
export function isFirstPerson(text: string): boolean {
  return FIRST_PERSON.test(text);
}

/**
 * The words before `index` (same sentence, a short window) report someone else's speech, or `index` sits inside
 * "double quotes". "Dana said we'd ..." and "they told me ..." are others' words; "I said we'd ..." is the writer's.
 */
export function isOthersWords(sentence: string, index: number): boolean {
  if (isInsideQuotes(sentence, index)) return true;
  const from = Math.max(0, index - 100);
  const window = sentence.slice(from, index);
  let last: RegExpExecArray | undefined;
  REPORTED_SPEECH.lastIndex = 0;
  for (let m = REPORTED_SPEECH.exec(window); m; m = REPORTED_SPEECH.exec(window)) last = m;
  if (!last) return false;
  if (OTHERS_BY_FORM.test(last[0])) return true;
  // Who is speaking: the words just before the verb. No subject or a first-person one means the writer.
  const before = window.slice(Math.max(0, last.index - 20), last.index);
  return !OWN_SPEAKER.test(before);
}

/** `index` falls between an odd number of double quotes before it (and a closing one after), within a short window. */
export function isInsideQuotes(text: string, index: number): boolean {
  const from = Math.max(0, index - 300);
  let open = -1;
  for (let i = from; i < index; i++) if (text.charCodeAt(i) === 34) open = open === -1 ? i : -1;
  return open !== -1 && text.indexOf('"', index) !== -1;
}

export function hasHedge(text: string): boolean {
  return HEDGE.test(text);
}

/** "2-3 days", "between Sunday and Tuesday", "a month or two". A tilde or "about" is not a range. */
export function hasRange(text: string): boolean {
  return RANGE.test(text) || DATE_RANGE.test(text);
}

/** "assuming ...", "if ...", "provided ...", "depends on whether ...", a named risk. */
export function hasAssumption(text: string): boolean {
  return ASSUMPTION.test(text);
}

/** How the writer will find out or move on: "I'll check the logs", "report back by 3", "I've asked Jana". */
export function hasNextStep(text: string): boolean {
  return (
    NEXT_STEP_PLAN.test(text) ||
    NEXT_STEP_ONGOING.test(text) ||
    NEXT_STEP_PHRASE.test(text) ||
    NEXT_STEP_CONDITIONAL.test(text) ||
    NEXT_STEP_ALTERNATIVE.test(text)
  );
}

/** A cost or what gets cut: "but it pushes billing by two weeks", "A or B, not both". */
export function hasNamedCost(text: string): boolean {
  return NAMED_COST.test(text);
}

/** The sentence of `doc` that contains prose offset `index` (or the last one before it). */
export function sentenceAt(doc: PreparedText, index: number): Sentence | undefined {
  // Binary search: sentences are sorted by start.
  const list = doc.sentences;
  let lo = 0;
  let hi = list.length - 1;
  let found: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= index) {
      found = list[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// A condition opening the clause: "unless the customer is blocked on it", "if we're stuck".
const HYPOTHETICAL = /\b(?:if|unless|whether|in case|once|when|whenever|otherwise|so that)\b/i;

/** The clause before `index` is conditional, so what follows is not a statement of fact. */
export function isHypotheticalAt(text: string, index: number): boolean {
  return HYPOTHETICAL.test(clauseBefore(text, index, 60));
}

export const TEXT_CONDITION_PATTERNS: readonly RegExp[] = [HYPOTHETICAL];

/** A match of a pattern over the whole prose, located in its sentence (`index` is relative to the sentence). */
export interface SentenceMatch {
  sentence: Sentence;
  index: number;
  text: string;
  /** The name of the capture group that matched, for patterns built with `unionOf`. */
  kind?: string;
}

/**
 * Every match of a global `pattern` over the prose, with its sentence, at most `limit` of them (do not use the same
 * regex inside a loop over the result's producer: it runs on the regex's lastIndex, not a clone). Scanning the prose
 * once per pattern (rather than once per sentence) keeps the common case, no match at all, cheap.
 */
export function matchesIn(doc: PreparedText, pattern: RegExp, limit = 64): SentenceMatch[] {
  const out: SentenceMatch[] = [];
  const prose = doc.prose;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(prose); m; m = pattern.exec(prose)) {
    if (m[0].length === 0) pattern.lastIndex++;
    const sentence = sentenceAt(doc, m.index);
    if (!sentence || m.index >= sentence.end) continue;
    const kind = m.groups ? Object.keys(m.groups).find((k) => m.groups![k] !== undefined) : partOf(pattern, doc.prose, m.index, m[0].length);
    out.push({ sentence, index: m.index - sentence.start, text: m[0], ...(kind ? { kind } : {}) });
    if (out.length >= limit) break;
  }
  return out;
}

// The parts each union was built from, so a match can say which part it is (see `matchesIn`).
const UNION_PARTS = new WeakMap<RegExp, readonly (readonly [string, RegExp])[]>();

/**
 * One global regex that finds any of several named patterns in a single pass over the text (a match says which
 * one in `kind`, via `matchesIn`). One pass instead of one per pattern keeps analysis fast. The union uses plain
 * (non-capturing) groups: the ReDoS checker analyses it far faster than named groups.
 */
export function unionOf(parts: Record<string, RegExp>, flags = 'gi'): RegExp {
  const union = new RegExp(
    Object.values(parts)
      .map((re) => `(?:${re.source})`)
      .join('|'),
    flags,
  );
  UNION_PARTS.set(union, Object.entries(parts));
  return union;
}

/**
 * Which part of a union matched at `index` (the first that matches the same span, as the union's alternation
 * would). Tried on the span plus one character either side, so word boundaries read as they did in the text.
 */
function partOf(union: RegExp, text: string, index: number, length: number): string | undefined {
  const from = Math.max(0, index - 1);
  const around = text.slice(from, index + length + 1);
  for (const [name, part] of UNION_PARTS.get(union) ?? []) {
    part.lastIndex = 0;
    const m = part.exec(around);
    part.lastIndex = 0;
    if (m && from + m.index === index && m[0].length === length) return name;
  }
  return undefined;
}

/**
 * The first `limit` matches of a global (`g`) regex in `text`, lazily. Uses exec/lastIndex rather than matchAll,
 * which clones the regex on every call (several times slower on the hot path); the limit bounds the work on huge inputs.
 * Do not use the same regex again inside the loop body.
 */
export function* boundedMatches(re: RegExp, text: string, limit = 40): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m && limit-- > 0; m = re.exec(text)) {
    yield m;
    if (m[0].length === 0) re.lastIndex++;
  }
}
