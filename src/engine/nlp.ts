// Language structure from wink-nlp (tokens, lemmas, parts of speech, negation, dates and durations), read once
// per message and cut into our sentences. The model ships in an npm package: nothing is downloaded at run time.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { PLACEHOLDER, splitSentences, type PreparedText } from './prepare.ts';

export interface Token {
  /** As written. */
  text: string;
  /** Lower case, contractions expanded ("n't" -> "not", "'ll" -> "will"). */
  norm: string;
  lemma: string;
  /** Universal POS tag: NOUN, PROPN, VERB, AUX, PRON, ADJ, ADV, ADP, PART, NUM, PUNCT, ... */
  pos: string;
  /** Inside the scope of a negation ("not sure", "don't know"). */
  negated: boolean;
  /** Part of a date, time or duration wink recognised ("next week", "3 days", "tomorrow"). */
  time: boolean;
  /** In wink's English lexicon; unknown words are often names of tools, services or people ("pnpm", "vitest"). */
  known: boolean;
  /** prose offsets */
  start: number;
  end: number;
}

export interface Sentence {
  start: number;
  end: number;
  text: string;
  tokens: Token[];
}

export interface Doc {
  prepared: PreparedText;
  sentences: Sentence[];
  /** Only the first MAX_READ_CHARS of prose, or MAX_SENTENCES sentences, were read (a pasted document, not a chat message). */
  truncated: boolean;
}

/**
 * How much prose is read: about 1,300 words, far beyond a chat message (no corpus message comes near it), and what
 * keeps a 40,000-character paste within 20 ms on a busy machine (measured: 10,000 characters ~15-19 ms, 8,000 ~12-13).
 */
export const MAX_READ_CHARS = 8_000;
/**
 * How many sentences are read: a chat message has a few (the corpus: at most 24); thousands of "?" or "!" would each
 * be one, and every sentence costs a little in every rule.
 */
export const MAX_SENTENCES = 200;
/** A "sentence" longer than this has lost its punctuation; reading it in pieces keeps every scan around a cue short. */
export const MAX_SENTENCE_TOKENS = 60;

// sentiment, custom entities and the rest of wink's default pipe are not read: leaving them out saves ~25%.
const PIPE = ['sbd', 'negation', 'pos', 'ner'] as const;
let nlp = winkNLP(model, [...PIPE]);
const its = nlp.its;

/**
 * wink remembers every word outside its lexicon for good (about 800 bytes each), so a long-running bot would grow
 * with every new name, typo and id it reads. We count the unknown words it has taken in and start a fresh instance
 * (~0.4 s, rare) when they reach this many: memory stays bounded at a few tens of MiB over the model.
 */
export const MAX_UNKNOWN_WORDS = 20_000;
let unknownSeen = new Set<string>();
const TIME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION']);

/** Contracted first person that wink keeps as one token. */
const FUSED: Record<string, string> = { "i'm": 'i', im: 'i' };
/** Chat forms wink tags as nouns: they are auxiliaries ("gonna write", "wanna try"). */
const CHAT_AUX: Record<string, string> = { gonna: 'will', wanna: 'want', gotta: 'must', lemme: 'let', tryna: 'try' };
/** What prepare.ts put in place of code, links, mentions and quotes: a name, never the word "code" or "link". */
const PLACEHOLDERS = new Set<string>(Object.values(PLACEHOLDER));

export function read(prepared: PreparedText): Doc {
  let truncated = prepared.prose.length > MAX_READ_CHARS;
  let prose = truncated ? prepared.prose.slice(0, MAX_READ_CHARS) : prepared.prose;
  let sentences: Sentence[] = splitSentences(prose).map((s) => ({ ...s, tokens: [] }));
  if (sentences.length > MAX_SENTENCES) {
    sentences = sentences.slice(0, MAX_SENTENCES);
    prose = prose.slice(0, sentences.at(-1)!.end);
    truncated = true;
  }
  if (sentences.length === 0) return { prepared, sentences, truncated };
  if (unknownSeen.size >= MAX_UNKNOWN_WORDS) {
    nlp = winkNLP(model, [...PIPE]);
    unknownSeen = new Set();
  }
  const doc = nlp.readDoc(calmPunctuation(prose));
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const norms = tokens.out(its.normal) as string[];
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  const negations = tokens.out(its.negationFlag) as unknown as boolean[];
  const time = new Uint8Array(values.length);
  const entities = doc.entities();
  const spans = entities.out(its.span) as unknown as [number, number][];
  const types = entities.out(its.type) as string[];
  spans.forEach((span, i) => TIME_ENTITIES.has(types[i]!) && time.fill(1, span[0], span[1] + 1));
  let cursor = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const text = values[i]!;
    const pos = tags[i]!;
    if (pos === 'SPACE') continue;
    const start = prose.indexOf(text, cursor);
    if (start < 0) continue; // wink normalised something away; the token has no place in the prose
    cursor = start + text.length;
    while (s < sentences.length && sentences[s]!.end <= start) s++;
    const sentence = sentences[s];
    if (!sentence || start < sentence.start) continue;
    const norm = norms[i]!.toLowerCase();
    const known = !doc.isOOV(norm);
    if (!known) unknownSeen.add(norm);
    if (PLACEHOLDERS.has(text)) {
      sentence.tokens.push({ text, norm: text, lemma: text, pos: 'PROPN', negated: negations[i]!, time: false, known: false, start, end: cursor });
      continue;
    }
    sentence.tokens.push({
      text,
      norm: FUSED[norm] ?? norm,
      lemma: FUSED[norm] ?? CHAT_AUX[norm] ?? lemmas[i]!.toLowerCase(),
      pos: FUSED[norm] ? 'PRON' : CHAT_AUX[norm] ? 'AUX' : pos,
      negated: negations[i]!,
      time: time[i] === 1,
      known,
      start,
      end: cursor,
    });
  }
  return { prepared, sentences: sentences.flatMap((x) => pieces(x, prose)), truncated };
}

/**
 * A run of one punctuation mark ("?????", "!!!!", "-----") with all but its first three turned to spaces: wink cuts a
 * long run into thousands of tokens (8,000 "?" take it ~250 ms), and the extra marks say nothing. Same length, so
 * every offset stays true.
 */
const calmPunctuation = (prose: string) => prose.replace(/([^\p{L}\p{N}\s])\1{3,}/gu, (run, mark: string) => mark.repeat(3) + ' '.repeat(run.length - 3 * mark.length));

function pieces(s: Sentence, prose: string): Sentence[] {
  if (s.tokens.length <= MAX_SENTENCE_TOKENS) return s.tokens.length ? [s] : [];
  const out: Sentence[] = [];
  for (let i = 0; i < s.tokens.length; i += MAX_SENTENCE_TOKENS) {
    const tokens = s.tokens.slice(i, i + MAX_SENTENCE_TOKENS);
    const start = tokens[0]!.start;
    const end = tokens.at(-1)!.end;
    out.push({ start, end, text: prose.slice(start, end), tokens });
  }
  return out;
}
