// Language structure from wink-nlp (tokens, lemmas, parts of speech, negation, dates and durations), read once
// per message and cut into our sentences. The model ships in an npm package: nothing is downloaded at run time.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { splitSentences, type PreparedText } from './prepare.ts';

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
}

// sentiment, custom entities and the rest of wink's default pipe are not read: leaving them out saves ~25%.
const nlp = winkNLP(model, ['sbd', 'negation', 'pos', 'ner']);
const its = nlp.its;
const TIME_ENTITIES = new Set(['DATE', 'TIME', 'DURATION']);

/** Contracted first person that wink keeps as one token. */
const FUSED: Record<string, string> = { "i'm": 'i', im: 'i' };
/** Chat forms wink tags as nouns: they are auxiliaries ("gonna write", "wanna try"). */
const CHAT_AUX: Record<string, string> = { gonna: 'will', wanna: 'want', gotta: 'must', lemme: 'let', tryna: 'try' };

export function read(prepared: PreparedText): Doc {
  const prose = prepared.prose;
  const sentences: Sentence[] = splitSentences(prose).map((s) => ({ ...s, tokens: [] }));
  if (sentences.length === 0) return { prepared, sentences };
  const doc = nlp.readDoc(prose);
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
    sentence.tokens.push({
      text,
      norm: FUSED[norm] ?? norm,
      lemma: FUSED[norm] ?? CHAT_AUX[norm] ?? lemmas[i]!.toLowerCase(),
      pos: FUSED[norm] ? 'PRON' : CHAT_AUX[norm] ? 'AUX' : pos,
      negated: negations[i]!,
      time: time[i] === 1,
      start,
      end: cursor,
    });
  }
  return { prepared, sentences: sentences.filter((x) => x.tokens.length > 0) };
}
