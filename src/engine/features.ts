// What a rule hands the scorer: named features of one message, each with the span that raised it.
import { anyNegated, isConditional, isQuestion, isReported, tenseAt, voiceAt, type Tense, type Voice } from './clauses.ts';
import type { CueHit, CueList } from './cues.ts';
import type { Doc, Sentence } from './nlp.ts';

export interface Span {
  /** prose offsets */
  start: number;
  end: number;
}

export class Features {
  readonly values = new Map<string, number>();
  readonly spans = new Map<string, Span>();

  /** Sets a feature (the largest value wins), remembering the first span that raised it. */
  add(name: string, value = 1, span?: Span): void {
    if (value > (this.values.get(name) ?? 0)) this.values.set(name, value);
    if (span && !this.spans.has(name)) this.spans.set(name, span);
  }

  has(name: string): boolean {
    return (this.values.get(name) ?? 0) > 0;
  }
}

export interface ReadHit extends CueHit {
  question: boolean;
  voice: Voice;
  tense: Tense;
  conditional: boolean;
  reported: boolean;
  negated: boolean;
}

export const spanOf = (hit: CueHit): Span => ({ start: hit.sentence.tokens[hit.from]!.start, end: hit.sentence.tokens[hit.to - 1]!.end });

export function sentenceSpan(s: Sentence): Span {
  return { start: s.start, end: s.end };
}

/** Hits already read, per message and cue list: rules and signals share lists, and needsContext reads rules twice. */
const readCache = new WeakMap<Doc, Map<CueList, ReadHit[]>>();

/** Every hit of a cue list in the message, with its structural conditions read. */
export function readHits(doc: Doc, list: CueList): readonly ReadHit[] {
  let byList = readCache.get(doc);
  if (!byList) readCache.set(doc, (byList = new Map()));
  const cached = byList.get(list);
  if (cached) return cached;
  const hits = readHitsUncached(doc, list);
  byList.set(list, hits);
  return hits;
}

function readHitsUncached(doc: Doc, list: CueList): ReadHit[] {
  const hits: ReadHit[] = [];
  for (const s of doc.sentences) {
    const question = isQuestion(s);
    for (const h of list.find(s)) {
      hits.push({
        ...h,
        question,
        voice: voiceAt(s, h.from),
        tense: tenseAt(s, h.from, h.to),
        conditional: isConditional(s, h.from),
        reported: isReported(s, h.from),
        negated: anyNegated(s, h.from, h.to),
      });
    }
  }
  return hits;
}

export interface Family {
  /** Whose statement counts (default: the writer's or the team's, or no subject at all). */
  voices?: readonly Voice[];
  /** A negation inside the cue is part of it ("no idea", "can't start"). */
  negationIsPart?: boolean;
  /** A past event still counts ("I built our own queue over the weekend"). */
  pastCounts?: boolean;
}

const OWN_VOICES: readonly Voice[] = ['self', 'none'];

/** The writer's (or team's) own statement, not a question, someone else's words, an "if", or (usually) the past. */
export function isOwnStatement(h: ReadHit, family: Family = {}): boolean {
  return (
    !h.question &&
    !h.conditional &&
    !h.reported &&
    (family.voices ?? OWN_VOICES).includes(h.voice) &&
    (family.negationIsPart || !h.negated) &&
    (family.pastCounts || h.tense !== 'past')
  );
}

/**
 * The standard features of a cue family: `name` (the cue appears at all) and `name.own` (as the writer's own
 * present or future statement), plus `name.question` and `name.past` so the scorer can learn what they cost.
 * Returns the hits that count as the writer's own.
 */
export function familyFeatures(f: Features, doc: Doc, name: string, list: CueList, family: Family = {}): ReadHit[] {
  const own: ReadHit[] = [];
  for (const h of readHits(doc, list)) {
    const span = spanOf(h);
    f.add(name, 1, span);
    if (h.question) f.add(`${name}.question`, 1, span);
    if (h.tense === 'past') f.add(`${name}.past`, 1, span);
    if (isOwnStatement(h, family)) {
      f.add(`${name}.own`, 1, span);
      own.push(h);
    }
  }
  return own;
}

/** Whether any sentence of a doc holds a cue of the list (no conditions). */
export function mentions(doc: Doc | undefined, list: CueList): boolean {
  return !!doc && doc.sentences.some((s) => list.find(s).length > 0);
}

/** Words that carry no meaning for any rule on their own. */
const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'and', 'or', 'in', 'on', 'for', 'is', 'be', 'it', 'this', 'that', 'with', 'as', 'at', 'by', 'from']);

/**
 * A few lexical features beside the cues: each word's lemma ("w:switch") and each pair of neighbours in a
 * sentence ("b:i_will"), with names and numbers folded to <name> and <num>. The scorer keeps only those that fired in
 * several training messages; regularisation keeps their weights small next to the cues'.
 */
export function lexicalFeatures(doc: Doc): string[] {
  const out = new Set<string>();
  for (const s of doc.sentences) {
    let prev = '^';
    for (const t of s.tokens) {
      if (t.pos === 'PUNCT' || t.pos === 'SYM') {
        prev = '|';
        continue;
      }
      const w = t.pos === 'PROPN' ? '<name>' : t.pos === 'NUM' ? '<num>' : t.lemma;
      if (!STOP.has(w)) out.add(`w:${w}`);
      out.add(`b:${prev}_${w}`);
      prev = w;
    }
  }
  return [...out];
}
