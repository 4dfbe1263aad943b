// Slack mrkdwn -> prose the rules can read, with a map back to the original offsets.
// Code, block quotes and URLs are never analysed; mentions and inline code become neutral placeholder words
// so a sentence keeps its shape ("let's use `redis`" still reads as a choice).

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

// Each pattern is linear: no nested quantifiers, bounded alternations (checked by the ReDoS test).
const FENCE = /```[^]*?(?:```|$)/g;
const INLINE_CODE = /`[^`\n]+`/g;
const ANGLE = /<([^<>\n]{1,1000})>/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]+/gi;
const EMOJI = /:[a-z0-9_+'-]{1,60}:/gi;
const ENTITY = /&(?:amp|lt|gt|quot|#39);/g;

export const PREPARE_PATTERNS: readonly RegExp[] = [FENCE, INLINE_CODE, ANGLE, BARE_URL, EMOJI, ENTITY];

type Replacement = { start: number; end: number; text: string; keepInner?: { start: number; end: number } };

export function prepare(original: string): PreparedText {
  const text = original;
  const n = text.length;
  // What each original char becomes: `undefined` keeps it, a replacement covers a whole range.
  const repl: Replacement[] = [];
  const taken = new Uint8Array(n);
  const claim = (start: number, end: number): boolean => {
    for (let i = start; i < end; i++) if (taken[i]) return false;
    taken.fill(1, start, end);
    return true;
  };
  const add = (r: Replacement) => {
    if (claim(r.start, r.end)) repl.push(r);
  };

  for (const m of text.matchAll(FENCE)) add({ start: m.index, end: m.index + m[0].length, text: '\n' });
  for (const m of text.matchAll(INLINE_CODE)) add({ start: m.index, end: m.index + m[0].length, text: PLACEHOLDER.code });

  // Block quotes: lines that start with ">" or "&gt;" (Slack sends the escaped form).
  let lineStart = 0;
  while (lineStart <= n) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = n;
    const line = text.slice(lineStart, lineEnd);
    if (/^\s{0,3}(?:>|&gt;)/.test(line)) add({ start: lineStart, end: lineEnd, text: '' });
    lineStart = lineEnd + 1;
  }

  for (const m of text.matchAll(ANGLE)) {
    const start = m.index;
    const end = start + m[0].length;
    const inner = m[1] ?? '';
    const bar = inner.indexOf('|');
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    const labelRange = { start: start + 1 + bar + 1, end: end - 1 };
    if (inner.startsWith('@') || inner.startsWith('!')) {
      // <@U123>, <@U123|name>, <!here>, <!subteam^S|@team>: a person or group, never analysed as words.
      add({ start, end, text: PLACEHOLDER.mention });
    } else if (inner.startsWith('#')) {
      add({ start, end, text: label ? '#' + label : '#channel' });
    } else if (label) {
      add({ start, end, text: '', keepInner: labelRange });
    } else {
      add({ start, end, text: PLACEHOLDER.link });
    }
  }
  for (const m of text.matchAll(BARE_URL)) add({ start: m.index, end: m.index + m[0].length, text: PLACEHOLDER.link });
  for (const m of text.matchAll(EMOJI)) add({ start: m.index, end: m.index + m[0].length, text: ' ' });
  for (const m of text.matchAll(ENTITY)) add({ start: m.index, end: m.index + m[0].length, text: ENTITIES[m[0]] ?? ' ' });

  repl.sort((a, b) => a.start - b.start);

  // Build prose with two parallel maps: the original span each prose char stands for.
  const out: string[] = [];
  const mapStart: number[] = [];
  const mapEnd: number[] = [];
  const push = (s: string, oStart: number, oEnd: number) => {
    for (const ch of s) {
      for (let k = 0; k < ch.length; k++) {
        out.push(ch[k]!);
        mapStart.push(oStart);
        mapEnd.push(oEnd);
      }
    }
  };
  const pushPlain = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out.push(normalizeChar(text[i]!));
      mapStart.push(i);
      mapEnd.push(i + 1);
    }
  };
  let pos = 0;
  for (const r of repl) {
    pushPlain(pos, r.start);
    if (r.keepInner) {
      pushPlain(r.keepInner.start, r.keepInner.end);
    } else if (r.text) {
      // Pad placeholders with spaces so they never glue onto neighbouring words.
      push(r.text.length > 1 ? ' ' + r.text + ' ' : r.text, r.start, r.end);
    }
    pos = r.end;
  }
  pushPlain(pos, n);

  // Strip *bold*, _italic_, ~strike~ markers: replace with spaces (same length, offsets stay simple).
  let prose = out.join('').replace(/(^|[\s(])[*_~]+(?=\S)|(?<=\S)[*_~]+(?=$|[\s.,!?;:)])/g, (m) => m.replace(/[*_~]/g, ' '));

  const toOriginal = (start: number, end: number) => {
    if (mapStart.length === 0) return { start: 0, end: 0 };
    const s = Math.min(Math.max(start, 0), mapStart.length - 1);
    const e = Math.min(Math.max(end, s + 1), mapEnd.length);
    return { start: mapStart[s]!, end: mapEnd[e - 1]! };
  };

  return { original, prose, sentences: splitSentences(prose), toOriginal };
}

function normalizeChar(ch: string): string {
  switch (ch) {
    case '\u2019':
    case '\u2018':
      return "'";
    case '\u201c':
    case '\u201d':
      return '"';
    case '\u2013':
    case '\u2014':
      return '-';
    default:
      return ch;
  }
}

const SENTENCE_END = /[.!?]+(?=\s|$)|\n+|;/g;

export function splitSentences(prose: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const emit = (end: number) => {
    const raw = prose.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) sentences.push({ start: start + lead, end: start + lead + body.length, text: body });
  };
  for (const m of prose.matchAll(SENTENCE_END)) {
    emit(m.index + m[0].length);
    start = m.index + m[0].length;
  }
  emit(prose.length);
  return sentences;
}
