// Who speaks, when, and how: the structural conditions every rule reads around a cue.
// A cue counts as the writer's own present or future commitment only when it is not a question, not a
// past event, not someone else's words, and not inside an "if".
import type { Sentence, Token } from './nlp.ts';

export type Voice = 'self' | 'you' | 'other' | 'thing' | 'none';
export type Tense = 'future' | 'modal' | 'past' | 'present';

const SELF = new Set(['i', 'we', 'myself', 'ourselves']);
const YOU = new Set(['you', 'u', 'y\'all', 'yall']);
const OTHER = new Set(['he', 'she', 'they', 'someone', 'somebody', 'everyone', 'nobody', 'people', 'folks', 'anyone']);
/** Object pronouns are not a subject ("send them the logs", "ping me"), except after "let" ("let me check"). */
const LET_OBJECT = new Set(['me', 'us']);
const THING = new Set(['it', 'this', 'that', 'which', 'there']);

const FUTURE = new Set(['will', 'shall', 'gonna', "'ll"]);
const MODAL = new Set(['should', 'could', 'would', 'might', 'may', 'must', 'can', "'d", 'ought']);
/** Past and perfect auxiliaries ("was", "did", "have built"). */
const PAST_AUX = new Set(['was', 'were', 'did', 'had']);
const PERFECT_AUX = new Set(['have', 'has']);
/** Present forms wink gives a different lemma: never past. */
const PRESENT = new Set(['am', 'is', 'are', 'does', 'has', 'have', 'do', 'be', 'being', 'been']);
const IF = new Set(['if', 'unless', 'whether', 'once']);
const QUESTION_AUX = new Set(['do', 'does', 'did', 'can', 'could', 'would', 'should', 'will', 'shall', 'is', 'are', 'was', 'were', 'have', 'has', 'may', 'might', 'any']);
const WH = new Set(['what', 'why', 'how', 'when', 'where', 'who', 'which', 'whats', "what's", 'hows']);
const REPORTING = new Set(['say', 'ask', 'tell', 'suggest', 'mention', 'claim', 'promise', 'propose', 'recommend', 'want', 'request', 'expect', 'note', 'report', 'write']);
/** Words that end a clause: a cue's subject and tense are looked for inside its clause only. */
const CLAUSE_BREAK = new Set([',', ';', ':', '(', ')', '-', '–', '—', 'but', 'because', 'since', 'though', 'although', 'while', 'whereas', 'so', 'however', 'and']);

/** Token range [from, to) of the clause holding token i. */
export function clauseOf(s: Sentence, i: number): [number, number] {
  let from = i;
  while (from > 0 && !CLAUSE_BREAK.has(s.tokens[from - 1]!.norm)) from--;
  let to = i + 1;
  while (to < s.tokens.length && !CLAUSE_BREAK.has(s.tokens[to]!.norm)) to++;
  return [from, to];
}

/** The nearest subject before token i in its clause; 'none' for an imperative or a fragment ("will do", "switch to X"). */
export function voiceAt(s: Sentence, i: number): Voice {
  const [from] = clauseOf(s, i);
  for (let k = i - 1; k >= from; k--) {
    const w = s.tokens[k]!.norm;
    if (SELF.has(w) || w === "let's" || (LET_OBJECT.has(w) && s.tokens[k - 1]?.norm === 'let')) return 'self';
    if (YOU.has(w)) return 'you';
    if (OTHER.has(w)) return 'other';
    if (THING.has(w)) return 'thing';
  }
  // A noun subject ("the migration will ...", "Redux adds ..."): the work or a tool, not a person we can tell apart.
  for (let k = from; k < i; k++) if (s.tokens[k]!.pos === 'NOUN' || s.tokens[k]!.pos === 'PROPN') return 'thing';
  return 'none';
}

const isPastForm = (t: Token, prev: Token | undefined) =>
  t.pos === 'VERB' &&
  t.norm !== t.lemma &&
  !PRESENT.has(t.norm) &&
  !t.norm.endsWith('ing') &&
  !(t.norm.endsWith('s') && !t.norm.endsWith('ss')) &&
  !(prev && (FUTURE.has(prev.norm) || MODAL.has(prev.norm) || prev.norm === 'to' || prev.norm === 'be' || prev.lemma === 'be'));

/** The tense of the verb group governing token i: the first marker found from the clause start up to the cue. */
export function tenseAt(s: Sentence, from: number, to: number): Tense {
  const [start] = clauseOf(s, from);
  for (let k = start; k < to; k++) {
    const t = s.tokens[k]!;
    const next = s.tokens[k + 1];
    if (FUTURE.has(t.norm) || (t.norm === 'going' && next?.norm === 'to') || t.norm === 'gonna') return 'future';
    if (MODAL.has(t.norm)) return 'modal';
    if (PAST_AUX.has(t.norm) && t.pos === 'AUX') return 'past';
    if (PERFECT_AUX.has(t.norm) && t.pos === 'AUX' && next && isPastForm(next, undefined)) return 'past';
    if (isPastForm(t, s.tokens[k - 1])) return 'past';
  }
  return 'present';
}

export function isQuestion(s: Sentence): boolean {
  const t = s.tokens;
  if (t.at(-1)?.norm === '?') return true;
  const first = t[0]?.norm ?? '';
  const second = t[1];
  if (QUESTION_AUX.has(first) && second && (second.pos === 'PRON' || second.norm === 'there')) return true;
  // "what do you think", "when will it land"; not "what we need is ..." (a clause, not a question)
  return WH.has(first) && second?.pos === 'AUX';
}

/** Inside an "if ..." (or "unless", "whether") clause before token i. */
export function isConditional(s: Sentence, i: number): boolean {
  const [from] = clauseOf(s, i);
  for (let k = from; k < i; k++) if (IF.has(s.tokens[k]!.norm)) return true;
  // "if" opening the sentence governs the clause after its comma too: "if it's slow, we'll add a cache" is not.
  return IF.has(s.tokens[0]?.norm ?? '') && i > 0;
}

/** Someone else's words: "Dana asked if we could ...", "the docs recommend X". The writer's own "I said" is theirs. */
export function isReported(s: Sentence, i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    const t = s.tokens[k]!;
    if (t.pos === 'VERB' && REPORTING.has(t.lemma)) {
      const v = voiceAt(s, k);
      if (v === 'other' || v === 'you' || v === 'thing') return true;
      // "the PM said ...", "Dana asked ...": a named or nominal subject right before the verb
      const [from] = clauseOf(s, k);
      return v === 'none' && s.tokens.slice(from, k).some((x) => x.pos === 'PROPN' || (x.pos === 'NOUN' && !FUTURE.has(x.norm)));
    }
  }
  return false;
}

export const anyNegated = (s: Sentence, from: number, to: number) => s.tokens.slice(from, to).some((t) => t.negated);

/** Verbs that are not actions: stating a plan to "know", "be" or "try" is not a way forward. */
const NOT_ACTIONS = new Set(['be', 'know', 'try', 'hope', 'think', 'guess', 'do', 'see', 'wish', 'want', 'need', 'like', 'love', 'happen', 'seem', 'wait']);
const WILL = new Set(['will', 'shall', 'would', 'should', 'must']);
const BE_NOW = new Set(['am', 'are', 'is', 'be']);

/**
 * The writer's own next actions: "I'll check the logs", "going to grab a heap dump", "I'd bisect", "let me ask",
 * "I'm re-running the jobs now". Found by structure (a future or progressive verb group in the writer's voice),
 * not by a list of verbs. Returns token indices of the action verbs.
 */
export function plannedActions(s: Sentence): number[] {
  if (isQuestion(s)) return [];
  const found: number[] = [];
  const t = s.tokens;
  for (let k = 0; k < t.length; k++) {
    const v = t[k]!;
    if (v.pos !== 'VERB' || v.negated || NOT_ACTIONS.has(v.lemma)) continue;
    const [from] = clauseOf(s, k);
    let planned = false;
    for (let j = k - 1; j >= Math.max(from, k - 3); j--) {
      const w = t[j]!;
      if (WILL.has(w.norm) || (w.norm === 'to' && t[j - 1]?.norm === 'going') || (w.norm === 'us' && t[j - 1]?.norm === 'let') || (w.norm === 'me' && t[j - 1]?.norm === 'let')) planned = true;
      if (BE_NOW.has(w.norm) && v.norm.endsWith('ing') && j === k - 1) planned = true;
    }
    if (k === 0 && t.length > 2 && v.norm !== v.lemma && v.norm.endsWith('ing')) planned = true; // "re-running the jobs now"
    if (!planned || isConditional(s, k)) continue;
    const voice = voiceAt(s, k);
    if (voice === 'self' || voice === 'none') found.push(k);
  }
  return found;
}
