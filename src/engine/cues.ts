// Cue phrases, written as plain words, matched against a sentence's tokens by word or lemma.
//   "do my|our best"   alternatives with |, one word each ("did our best" matches too: "did" has the lemma "do")
//   "squeeze * in"     * is any one token     ("squeeze SSO in")
//   "get it done asap?" a trailing ? makes a word optional
//   "make ** work"     ** is up to three tokens ("make the new flow work")
//   "in-house"         a hyphenated word, as wink reads it: "in", an optional "-", "house"
// Matching walks tokens, never characters: linear in the sentence, with no regular expression to go wrong.
import type { Sentence, Token } from './nlp.ts';

interface Step {
  /** undefined: any token */
  words?: ReadonlySet<string>;
  optional: boolean;
  /** ** : how many tokens may be skipped here */
  gap: number;
}

export interface CueHit {
  cue: string;
  sentence: Sentence;
  /** token indices, [from, to) */
  from: number;
  to: number;
}

export interface CueList {
  readonly cues: readonly string[];
  find(sentence: Sentence): CueHit[];
}

const MAX_GAP = 3;

function compile(cue: string): Step[] {
  return cue
    .trim()
    .split(/\s+/)
    // wink reads "in-house" as three tokens: so does the cue, with the hyphen optional ("in house" matches too)
    .flatMap((part) => (/^[a-z]+(-[a-z]+)+$/i.test(part) ? part.split('-').flatMap((w, i) => (i ? ['-?', w] : [w])) : [part]))
    .map((part) => {
      if (part === '**') return { optional: true, gap: MAX_GAP };
      const optional = part.endsWith('?') && part.length > 1;
      const body = optional ? part.slice(0, -1) : part;
      return body === '*' ? { optional, gap: 0 } : { words: new Set(body.toLowerCase().split('|')), optional, gap: 0 };
    });
}

const matches = (step: Step, token: Token | undefined) =>
  token !== undefined && (!step.words || step.words.has(token.norm) || step.words.has(token.lemma));

/** Where the steps from `s` match starting at token `t`: the end index, or -1. Gaps are bounded, so this is too. */
function matchFrom(steps: readonly Step[], s: number, tokens: readonly Token[], t: number): number {
  if (s === steps.length) return t;
  const step = steps[s]!;
  if (step.gap) {
    for (let skip = 0; skip <= step.gap && t + skip <= tokens.length; skip++) {
      const end = matchFrom(steps, s + 1, tokens, t + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (matches(step, tokens[t])) {
    const end = matchFrom(steps, s + 1, tokens, t + 1);
    if (end >= 0) return end;
  }
  return step.optional ? matchFrom(steps, s + 1, tokens, t) : -1;
}

export function cueList(cues: readonly string[]): CueList {
  const compiled = cues.map((cue) => ({ cue, steps: compile(cue) }));
  // Index by the words a cue can start with, so a sentence only tries the cues its tokens could begin.
  const byFirst = new Map<string, typeof compiled>();
  const anyStart: typeof compiled = [];
  for (const c of compiled) {
    const first = c.steps[0]!;
    if (!first.words || first.optional) anyStart.push(c);
    else for (const w of first.words) byFirst.set(w, [...(byFirst.get(w) ?? []), c]);
  }
  // A cue that starts with a word matches only where that word is: the index above finds those.
  return {
    cues,
    find(sentence) {
      const hits: CueHit[] = [];
      const tokens = sentence.tokens;
      const tryAll = (candidates: typeof compiled | undefined, t: number) => {
        if (!candidates) return;
        for (const c of candidates) {
          const end = matchFrom(c.steps, 0, tokens, t);
          if (end > t) hits.push({ cue: c.cue, sentence, from: t, to: end });
        }
      };
      for (let t = 0; t < tokens.length; t++) {
        const tok = tokens[t]!;
        tryAll(byFirst.get(tok.norm), t);
        if (tok.lemma !== tok.norm) tryAll(byFirst.get(tok.lemma), t);
        tryAll(anyStart, t);
      }
      return hits;
    },
  };
}
