// Slack mrkdwn -> prose the rules can read, with a map back to the original offsets.
// Code, block quotes, quoted speech and URLs are never analysed; mentions, inline code, links and quotes become
// neutral placeholder words so a sentence keeps its shape ("let's use `redis`" still reads as a choice).
// Everything here is a single left-to-right pass: linear in the input, no pattern that can backtrack badly.

export interface Sentence {
  /** prose offsets */
  start: number;
  end: number;
  text: string;
}

export interface PreparedText {
  original: string;
  /** Analysable prose: same order as the original, markup removed, entities decoded. */
  prose: string;
  sentences: Sentence[];
  /** Maps a [start, end) span of `prose` to the matching span of `original`. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

/** Placeholder words; rules may test for them (e.g. a choice of `CODE` is still a choice). */
export const PLACEHOLDER = { code: 'CODE', link: 'LINK', mention: 'SOMEONE', quote: 'QUOTE' } as const;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

// One alternative per markup kind. Each is linear on its own: a bounded or negated class up to a fixed
// delimiter, so a match attempt stops at the next delimiter (checked by the ReDoS test).
/** ``` fenced code, also unterminated (runs to the end, as Slack renders it). */
export const FENCE = /```[^]*?(?:```|$)/;
export const INLINE_CODE = /`[^`\n]+`/;
/** A line that starts with ">" or "&gt;" (Slack sends the escaped form). */
export const QUOTE_LINE = /(?:^|(?<=\n))[ \t]{0,3}(?:>|&gt;)[^\n]*/;
/** <https://x|label>, <@U123|name>, <#C1|name>, <!here>, <!subteam^S|@team>. */
export const ANGLE = /<[^<>\n]{1,1000}>/;
export const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/;
/** :emoji: and skin tones (:+1::skin-tone-2: is two matches). Not after a digit, so 10:30:45 stays a time. */
export const EMOJI = /(?<!\d):[a-z0-9_+'-]{1,60}:/;
/** Unicode emoji (with joiners, variation selectors, skin tones) count as :emoji: codes: not words. */
export const PICTOGRAPHS = /[\p{Extended_Pictographic}\u200d\ufe0f\u{1F3FB}-\u{1F3FF}]+/u;
export const ENTITY = /&(?:amp|lt|gt|quot|#39);/;
/** "quoted speech" and “curly quotes” on one line. */
export const DOUBLE_QUOTED = /"[^"\n]{1,500}"|\u201c[^\u201c\u201d\n]{1,500}\u201d/;

const KINDS = { fence: FENCE, code: INLINE_CODE, quoteLine: QUOTE_LINE, angle: ANGLE, url: BARE_URL, emoji: EMOJI, pictographs: PICTOGRAPHS, entity: ENTITY, quoted: DOUBLE_QUOTED } as const;
type Kind = keyof typeof KINDS;

/** All markup in one leftmost-first scan: whatever starts first wins, as when Slack renders it. */
export const MARKUP = new RegExp(
  Object.entries(KINDS)
    .map(([name, re]) => `(?<${name}>${re.source})`)
    .join('|'),
  'giu',
);

/** Any character that can start markup, quoted speech or a character we normalise; without one, prose = original. */
const NEEDS_WORK = /[`<>&"*_~\u2018\u2019\u201c\u201d\u2013\u2014\p{Extended_Pictographic}]|:[a-z0-9_+'-]{1,60}:|(?<![\p{L}\p{N}])'|https?:\/\/|www\./iu;

/**
 * Sentence ends: . ! ? (before a space or the end), newlines, semicolons. A run of . ! ? is only tried from its first
 * character, so "....x" costs one pass, not one per dot (quadratic on a 40,000-dot message).
 */
const SENTENCE_END = /(?<![.!?])[.!?]+(?=\s|$)|\n+|;/g;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** A markup span of the original and what stands for it in the prose. */
interface Replacement {
  start: number;
  end: number;
  text: string;
  /** Part of the original kept as prose (a link's label). */
  keep?: { start: number; end: number };
  /** An :emoji: or a pictograph: it may end a sentence (see emojiBreaks). */
  emoji?: boolean;
}

const KIND_NAMES = Object.keys(KINDS) as Kind[];
const UTF16 = new TextDecoder('utf-16le');

export function prepare(original: string): PreparedText {
  if (!NEEDS_WORK.test(original)) {
    // Plain text (most chat messages): identity offsets, no copies.
    const n = original.length;
    const toOriginal = (start: number, end: number) => {
      if (n === 0) return { start: 0, end: 0 };
      const s = Math.min(Math.max(start, 0), n - 1);
      return { start: s, end: Math.min(Math.max(end, s + 1), n) };
    };
    return { original, prose: original, sentences: splitSentences(original), toOriginal };
  }
  const repl: Replacement[] = [];
  let plainFrom = 0;
  for (const m of original.matchAll(MARKUP)) {
    const kind = KIND_NAMES.find((k) => m.groups![k] !== undefined)!;
    const r = replacementFor(kind, m[0], m.index);
    if (!r) continue;
    findSingleQuoted(original, plainFrom, m.index, repl);
    repl.push(r);
    plainFrom = r.end;
  }
  findSingleQuoted(original, plainFrom, original.length, repl);
  emojiBreaks(original, repl);

  // Build prose as UTF-16 code units with two parallel maps: the original span each prose unit stands for.
  // Placeholders can be longer than what they replace ("<#C>" -> " #channel "), so size the buffers exactly.
  let cap = original.length;
  for (const r of repl) cap += (r.keep ? r.keep.end - r.keep.start : padded(r.text).length) - (r.end - r.start);
  const units = new Uint16Array(cap);
  const mapStart = new Int32Array(cap);
  const mapEnd = new Int32Array(cap);
  let len = 0;
  const pushPlain = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      units[len] = normalizeUnit(original.charCodeAt(i));
      mapStart[len] = i;
      mapEnd[len] = i + 1;
      len++;
    }
  };
  let pos = 0;
  for (const r of repl) {
    pushPlain(pos, r.start);
    if (r.keep) {
      pushPlain(r.keep.start, r.keep.end);
    } else if (r.text) {
      const s = padded(r.text);
      for (let k = 0; k < s.length; k++) {
        units[len] = s.charCodeAt(k);
        mapStart[len] = r.start;
        mapEnd[len] = r.end;
        len++;
      }
    }
    pos = r.end;
  }
  pushPlain(pos, original.length);
  stripEmphasis(units, len);
  const prose = UTF16.decode(units.subarray(0, len));

  const toOriginal = (start: number, end: number) => {
    if (len === 0) return { start: 0, end: 0 };
    const s = Math.min(Math.max(start, 0), len - 1);
    const e = Math.min(Math.max(end, s + 1), len);
    return { start: mapStart[s]!, end: mapEnd[e - 1]! };
  };

  return { original, prose, sentences: splitSentences(prose), toOriginal };
}

/** Trailing characters of a bare URL that belong to the sentence instead ("see https://x.io."). */
const URL_TRAILER = new Set(['.', ',', '!', '?', ';', ':', "'", '"', ')']);

/** Placeholder words are padded with spaces so they never glue onto neighbouring words. */
const padded = (text: string) => (text.length > 1 ? ` ${text} ` : text);

function replacementFor(kind: Kind, match: string, start: number): Replacement | undefined {
  const end = start + match.length;
  switch (kind) {
    case 'fence':
      return { start, end, text: '\n' };
    case 'code':
      return { start, end, text: PLACEHOLDER.code };
    case 'quoteLine':
      return { start, end, text: '' };
    case 'url': {
      // Sentence punctuation right after a bare URL is prose ("see https://x.io."), as is a closing paren.
      const keepParen = match.includes('(');
      let urlEnd = end;
      for (let last = match[urlEnd - start - 1]!; urlEnd > start + 1 && URL_TRAILER.has(last) && !(keepParen && last === ')'); ) {
        urlEnd--;
        last = match[urlEnd - start - 1]!;
      }
      return { start, end: urlEnd, text: PLACEHOLDER.link };
    }
    case 'emoji':
    case 'pictographs':
      return { start, end, text: ' ', emoji: true };
    case 'entity':
      return { start, end, text: ENTITIES[match] ?? ' ' };
    case 'quoted':
      // A single quoted word is emphasis ("simple"), not someone's speech: leave it as prose.
      return /\s/.test(match) ? { start, end, text: PLACEHOLDER.quote } : undefined;
    case 'angle': {
      const inner = match.slice(1, -1);
      const bar = inner.indexOf('|');
      const label = bar >= 0 ? inner.slice(bar + 1) : '';
      const keep = { start: start + 2 + bar, end: end - 1 };
      // <!date^...|Feb 18> shows its fallback text: a date the writer gave.
      if (inner.startsWith('!date^') && label) return { start, end, text: '', keep };
      if (inner.startsWith('@') || inner.startsWith('!')) return { start, end, text: PLACEHOLDER.mention };
      if (inner.startsWith('#')) return { start, end, text: label ? `#${label}` : '#channel' };
      // A label that reads as words stays prose ("see <https://x|the design doc>"); a label that is a URL does not.
      if (label.trim() && /\s/.test(label.trim())) return { start, end, text: '', keep };
      if (label.trim() && !/[./:]/.test(label)) return { start, end, text: '', keep };
      return { start, end, text: PLACEHOLDER.link };
    }
  }
}

/**
 * Slack writers end sentences with emoji: "the flag service is done :rocket: should ship monday" is two sentences.
 * A run of emoji between two words on one line becomes a sentence break; at a line's start or end, or next to
 * punctuation, it stays a gap. ("I :heart: redis" splits too: rarer than the emoji that ends a sentence.)
 * Each character is looked at a bounded number of times: the walk out from a run stops at the next non-space.
 */
function emojiBreaks(text: string, repl: Replacement[]): void {
  for (let i = 0; i < repl.length; i++) {
    if (!repl[i]!.emoji) continue;
    let j = i;
    while (j + 1 < repl.length && repl[j + 1]!.emoji && isBlank(text, repl[j]!.end, repl[j + 1]!.start)) j++;
    let before = repl[i]!.start;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    let after = repl[j]!.end;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    if (isWordChar(text[before - 1]) && isWordChar(text[after])) repl[i]!.text = '\n';
    i = j;
  }
}

/** Only spaces or tabs in text[from, to). */
function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text[k] !== ' ' && text[k] !== '\t') return false;
  return true;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);
const OPEN_SINGLE = new Set(["'", '\u2018']);
const CLOSE_SINGLE = new Set(["'", '\u2019']);

/**
 * 'single-quoted speech' in plain text [from, to). An apostrophe inside a word (we'll, users') is never an
 * opener or a closer, so contractions stay prose. Each character is visited once.
 */
function findSingleQuoted(text: string, from: number, to: number, repl: Replacement[]): void {
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (!OPEN_SINGLE.has(ch) || isWordChar(text[i - 1]) || isSpace(text[i + 1])) {
      i++;
      continue;
    }
    let j = i + 1;
    let closer = -1;
    let hasSpace = false;
    const limit = Math.min(to, i + 500);
    for (; j < limit && text[j] !== '\n'; j++) {
      if (CLOSE_SINGLE.has(text[j]!) && !isSpace(text[j - 1]) && !isWordChar(text[j + 1])) {
        closer = j;
        break;
      }
      if (text[j] === ' ') hasSpace = true;
    }
    if (closer >= 0 && hasSpace) {
      repl.push({ start: i, end: closer + 1, text: PLACEHOLDER.quote });
      i = closer + 1;
    } else {
      // Nothing opened here closes before j; resuming at j keeps the scan linear.
      i = closer >= 0 ? closer + 1 : Math.max(j, i + 1);
    }
  }
}

const STAR = 42;
const UNDERSCORE = 95;
const TILDE = 126;
const NEWLINE = 10;
const SPACE = 32;
const isSpaceUnit = (u: number | undefined) => u === undefined || u === SPACE || (u >= 9 && u <= 13) || u === 0xa0;
/** ( [ { " ' and whitespace may precede an opening marker. */
const BEFORE_OPENER = new Set([40, 91, 123, 34, 39]);
/** . , ! ? ; : ) ] } " ' and whitespace may follow a closing marker. */
const AFTER_CLOSER = new Set([46, 44, 33, 63, 59, 58, 41, 93, 125, 34, 39]);

/**
 * *bold*, _italic_, ~strike~: blank paired markers in place (same length, so offsets stay put).
 * Unpaired ones stay: "~4 days" keeps its tilde, snake_case keeps its underscores. One pass.
 */
function stripEmphasis(units: Uint16Array, len: number): void {
  const pending = new Map<number, { start: number; end: number }>();
  for (let i = 0; i < len; ) {
    const c = units[i]!;
    if (c === NEWLINE) pending.clear();
    if (c !== STAR && c !== UNDERSCORE && c !== TILDE) {
      i++;
      continue;
    }
    let j = i;
    while (j < len && units[j] === c) j++;
    const before = i > 0 ? units[i - 1] : undefined;
    const after = j < len ? units[j] : undefined;
    const open = pending.get(c);
    if (open && !isSpaceUnit(before) && (after === undefined || isSpaceUnit(after) || AFTER_CLOSER.has(after))) {
      units.fill(SPACE, open.start, open.end);
      units.fill(SPACE, i, j);
      pending.delete(c);
    } else if ((before === undefined || isSpaceUnit(before) || BEFORE_OPENER.has(before)) && !isSpaceUnit(after)) {
      pending.set(c, { start: i, end: j });
    }
    i = j;
  }
}

/** Typographic quotes and dashes read as their ASCII forms. */
function normalizeUnit(u: number): number {
  switch (u) {
    case 0x2018:
    case 0x2019:
      return 39;
    case 0x201c:
    case 0x201d:
      return 34;
    case 0x2013:
    case 0x2014:
      return 45;
    default:
      return u;
  }
}


export function splitSentences(prose: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const emit = (end: number) => {
    const raw = prose.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    // A sentence with no letter or digit ("!", "---") can hold no finding; skipping it spares every rule the work.
    if (HAS_WORD.test(body)) sentences.push({ start: start + lead, end: start + lead + body.length, text: body });
  };
  for (const m of prose.matchAll(SENTENCE_END)) {
    emit(m.index + m[0].length);
    start = m.index + m[0].length;
  }
  emit(prose.length);
  return sentences;
}
