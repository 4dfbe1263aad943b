// The rules' rewrite: the writer's message, with each flagged sentence reworked into the senior shape.
// Content, names, numbers, code and links stay; facts we cannot know become visible [placeholders].
import { analyze } from './analyze.ts';
import { prepare } from './prepare.ts';
import type { Analysis, AnalyzeOptions, RuleId } from './types.ts';

/**
 * The phrasing the rewrite adds, per rule. The rules must treat these as the senior shape (exempt), so the rules'
 * authors can test against these constants: `inline` continues the flagged sentence, `after` follows it.
 */
export const REWRITE_PHRASES = {
  'sure-well-try': { inline: " if [what gets cut] moves out; otherwise it's [range]", after: 'Which matters more?' },
  'unstated-assumptions': { inline: ', assuming [main assumption]', after: "It could run to [upper bound] if [risk]; I'll firm it up by [date]." },
  'missing-tradeoffs': {
    inline: ' - it gives us [benefit] but costs [cost]; the alternative is [alternative]',
    after: "I'd pick it and revisit if [condition].",
  },
  'no-next-step': { inline: " - I'd find out by [how] and report back by [when]", after: '' },
  'build-vs-buy': { inline: ', but does this need to exist?', after: 'Could [an existing tool or service] do it, or is there a simpler fix?' },
} as const satisfies Record<RuleId, { inline: string; after: string }>;

/** Whole-sentence templates, used when a reworked sentence still reads as the gap. */
export const FALLBACK_SENTENCES: Record<RuleId, string> = {
  'sure-well-try': 'We can do [A] or [B] by [date], not both; which matters more?',
  'unstated-assumptions': "My estimate is [range], assuming [main assumption]; I'll firm it up by [date].",
  'missing-tradeoffs': "[option] gives us [benefit] but costs [cost]; the alternative is [alternative]. I'd pick it and revisit if [condition].",
  'no-next-step': "I don't know yet; I'd find out by [how] and report back by [when].",
  'build-vs-buy': 'Does this need to exist? Could [an existing tool or service] do it, or is there a simpler fix?',
};

// Effort words swapped for plain commitments before the cost clause is added ("we'll try to" -> "we can").
const LEADING_ACK = /^(?:(?:sure thing|for sure|sure|ok|okay|alright|yes|yeah|yep|yup|of course|no problem|no prob|no worries|np|sounds good|got it|absolutely|definitely|totally|will do(?! (?:my|our) best)|haha|lol)\b[\s,!.:-]*)+/i;
const EFFORT_REWORDS: readonly [RegExp, string][] = [
  [/\b(?:(we|i)(?:'ll|\u2019ll| will)|will|gonna|going to) (?:try (?:to|and)|do (?:our|my) best to|aim to|attempt to)\s/gi, '$1 can '],
  [/\b(we|i)(?:'ll|\u2019ll| will) (?:see if (?:we|i) can|push hard and)\s/gi, '$1 can '],
  [/\b(we|i)(?:'ll|\u2019ll| will) (?:try|do (?:our|my) best|make it work|make it happen|figure it out|manage)\b/gi, '$1 can do it'],
  [/\blet me see what i can do\b|\bi(?:'ll|\u2019ll| will) see what i can do\b/gi, 'I can look at it'],
  [/\bwe(?:'ll|\u2019ll| will) see what we can do\b/gi, 'we can look at it'],
  [/\bsqueeze ([^,.;!?\n]{1,60}?) in\b/gi, 'do $1'],
  [/\bsqueeze\b/gi, 'fit'],
  [/\b(?:hopefully|fingers crossed|with any luck|if all goes well)\b,?\s?/gi, ''],
  [/\bshould be (?:doable|fine|possible|ok|okay)\b/gi, 'we can do it'],
  [/\bon it\b/gi, 'I can take it'],
];
// Padding is not an assumption: "three weeks, just to be safe" names no risk.
const PADDING =
  /,?\s?\b(?:(?:just )?(?:to be (?:safe|sure)|to be on the safe side|in case|for safety)|(?:added|add|adding) (?:an? )?(?:extra|buffer)(?: (?:one|day|week|sprint|month)s?)?|with (?:some |a )?buffer|padded (?:it|that|this|the estimate))\b/gi;
// Broadcast pings from the draft become plain words; the bot never pings a channel.
const BROADCAST = /<!(here|channel|everyone)(?:\|[^<>\n]{0,100})?>|<!subteam\^[^<>|\n]{1,100}(?:\|@?([^<>\n]{1,100}))?>|[@\uFF20\uFE6B](here|channel|everyone)\b(?![.-]\w)/giu;
// chat-style "i" as a word ("if i can", "i'll") in a sentence we rework.
const LOWERCASE_I = /(?<=^|\s)i(?=\s|'|\u2019)/g;
// Trailing emoji and punctuation, tested one character at a time (see tailStart).
const PICTOGRAPH = /^[\p{Extended_Pictographic}\u200d\ufe0f]$/u;
const EMOJI_NAME_CHAR = /^[a-z0-9_+'-]$/i;
const NUMBER = /\d+(?:[.,:]\d+)*/g;

/** Numbers in a text (the rewrite must keep every one of the draft's). */
export function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

export function rewrite(text: string, analysis: Analysis, _options: AnalyzeOptions = {}): string {
  if (analysis.findings.length === 0) return unBroadcast(text);
  const first = reworkSentences(text, groupBySentence(text, analysis), rework);
  const stillFlagged = analyze(first);
  if (stillFlagged.findings.length === 0) return unBroadcast(first);
  // Still reads as the gap: swap just the trigger words for a placeholder, keeping the rest of the sentence.
  const second = replaceQuotes(first, stillFlagged);
  const stillFlaggedAgain = analyze(second);
  if (stillFlaggedAgain.findings.length === 0) return unBroadcast(second);
  // Last resort: the whole sentence becomes the template, keeping its numbers.
  return unBroadcast(reworkSentences(second, groupBySentence(second, stillFlaggedAgain), fallback));
}

/** What stands in for trigger words the rework could not fix ("quick one to implement" -> "[estimate as a range]"). */
const STAND_INS: Record<RuleId, string> = {
  'sure-well-try': 'we can',
  'unstated-assumptions': '[estimate as a range]',
  'missing-tradeoffs': '[option]',
  'no-next-step': '[what I still need to find out]',
  'build-vs-buy': '[what we would build]',
};

function replaceQuotes(text: string, analysis: Analysis): string {
  let out = '';
  let pos = 0;
  for (const f of [...analysis.findings].sort((a, b) => a.start - b.start)) {
    if (f.start < pos) continue;
    const numbers = numbersIn(f.quote);
    const base = STAND_INS[f.rule];
    // Keep the trigger's numbers: "[estimate as a range around 3]".
    const standIn = !numbers.length ? base : base.endsWith(']') ? `${base.slice(0, -1)} around ${numbers.join('-')}]` : `${base} ${numbers.join(' ')}`;
    const first = f.start === 0 || /[.!?]\s*$/.test(text.slice(Math.max(0, f.start - 3), f.start));
    out += text.slice(pos, f.start) + (first ? capitalize(standIn) : standIn);
    pos = f.end;
  }
  return out + text.slice(pos);
}

interface Piece {
  start: number;
  end: number;
  rules: RuleId[];
}

/**
 * Original-text spans of the sentences that hold findings, with the rules found in each. A sentence with gaps in
 * different clauses ("Let's move to Prisma, it'll take a week") is cut at the comma between them, so each clause
 * gets its own senior shape instead of one sentence carrying every template.
 */
function groupBySentence(text: string, analysis: Analysis): Piece[] {
  const doc = prepare(text);
  const sentences = doc.sentences.map((s) => doc.toOriginal(s.start, s.end));
  const pieces: Piece[] = [];
  for (const s of sentences) {
    const inside = analysis.findings.filter((f) => s.start <= f.start && f.start < s.end).sort((a, b) => a.start - b.start);
    if (!inside.length) continue;
    let piece: Piece = { start: s.start, end: s.end, rules: [] };
    for (const [i, f] of inside.entries()) {
      const prev = inside[i - 1];
      const cut = prev && prev.rule !== f.rule && prev.end <= f.start ? clauseBreak(text, prev.end, f.start) : undefined;
      if (cut && piece.rules.length) {
        pieces.push({ ...piece, end: cut.end });
        piece = { start: cut.next, end: s.end, rules: [] };
      }
      if (!piece.rules.includes(f.rule)) piece.rules.push(f.rule);
    }
    pieces.push(piece);
  }
  // A finding outside every sentence (it cannot happen with prepare's splitter, but never drop one).
  for (const f of analysis.findings) {
    if (!sentences.some((s) => s.start <= f.start && f.start < s.end)) pieces.push({ start: f.start, end: f.end, rules: [f.rule] });
  }
  return pieces.sort((a, b) => a.start - b.start);
}

/** The last ", " or " and "/" but " in text[from, to): where one clause ends and where the next begins. */
function clauseBreak(text: string, from: number, to: number): { end: number; next: number } | undefined {
  const between = text.slice(from, to);
  const comma = between.lastIndexOf(', ');
  const conjunction = Math.max(between.lastIndexOf(' and '), between.lastIndexOf(' but '));
  if (comma < 0 && conjunction < 0) return undefined;
  // A comma stays with the first clause (the rework drops it); a conjunction opens the second ("And I'll ...").
  return comma > conjunction ? { end: from + comma + 1, next: from + comma + 2 } : { end: from + conjunction, next: from + conjunction + 1 };
}

function reworkSentences(
  text: string,
  groups: Piece[],
  make: (sentence: string, rules: RuleId[]) => string,
): string {
  let out = '';
  let pos = 0;
  for (const g of groups) {
    if (g.start < pos) continue; // overlapping spans: the first one already reworked this text
    out += text.slice(pos, g.start) + make(text.slice(g.start, g.end), g.rules);
    pos = g.end;
  }
  return out + text.slice(pos);
}

/** Clauses go in this order when one sentence holds several gaps; build-vs-buy last, as it ends on a question. */
const CLAUSE_ORDER: readonly RuleId[] = ['unstated-assumptions', 'sure-well-try', 'missing-tradeoffs', 'no-next-step', 'build-vs-buy'];
/** Sign-offs that stay at the end of the reworked sentence ("..., thanks!"). */
const SIGN_OFFS = ['thanks', 'thank you', 'thx', 'ty', 'cheers'];

/** Keep the writer's sentence, drop its effort and padding words, and add each rule's senior clause. */
function rework(sentence: string, rules: RuleId[]): string {
  const cut = tailStart(sentence);
  let body = sentence.slice(0, cut).trim();
  const extras = [sentence.slice(cut).replace(/[.!,;]/g, '').trim()];
  const signOff = SIGN_OFFS.find((w) => body.toLowerCase().endsWith(w) && /^$|[\s,]$/.test(body.slice(0, -w.length)));
  if (signOff) {
    extras.unshift(capitalize(body.slice(-signOff.length)) + '!');
    body = trimEndWhile(body.slice(0, -signOff.length), (ch) => ch === ',' || /\s/.test(ch));
  }
  const asked = body.endsWith('?');
  body = trimEndWhile(body, (ch) => ch === '?');
  if (rules.includes('sure-well-try')) {
    body = body.replace(LEADING_ACK, '');
    // A dropped subject ("will try to ...", "gonna try to ...") is the writer: "I can ...".
    for (const [re, to] of EFFORT_REWORDS) body = body.replace(re, (...m: string[]) => to.replace('$1', m[1] || 'I'));
    body = body.replace(/\s{2,}/g, ' ').trim();
    if (wordCount(body) < 3) body = `We can do this ${body}`.trim();
  }
  if (rules.includes('unstated-assumptions')) body = body.replace(PADDING, '').trim();
  body = body.replace(LOWERCASE_I, 'I');
  const ordered = CLAUSE_ORDER.filter((r) => rules.includes(r));
  const inline = ordered.map((r) => REWRITE_PHRASES[r].inline).join('');
  const after = ordered.map((r) => REWRITE_PHRASES[r].after).filter(Boolean);
  const end = inline.endsWith('?') ? '' : asked ? '?' : '.';
  return [capitalize(body) + inline + end, ...after, ...extras].filter(Boolean).join(' ');
}

function fallback(sentence: string, rules: RuleId[]): string {
  const kept = numbersIn(sentence);
  const note = kept.length ? ` (from the draft: ${kept.join(', ')})` : '';
  return rules.map((r) => FALLBACK_SENTENCES[r]).join(' ') + note;
}

function unBroadcast(text: string): string {
  // The words never start with here/channel/everyone, so a stray "@" before a ping cannot form a new one.
  return text.replace(BROADCAST, (_m, special?: string, team?: string, typed?: string) => {
    if (team !== undefined) return `team ${team}`;
    const who = (special ?? typed ?? '').toLowerCase();
    return who === 'here' ? 'folks here' : who === 'channel' ? 'all in the channel' : who ? 'all of you' : 'the team';
  });
}

/**
 * Where a sentence's closing punctuation and emoji begin ("on it! :rocket: 🚀" -> at "!"): they go after the
 * added clauses. Walks back from the end one unit at a time, so it stays linear on any input.
 */
function tailStart(sentence: string): number {
  let i = sentence.length;
  for (;;) {
    while (i > 0 && /\s/.test(sentence[i - 1]!)) i--;
    const last = sentence[i - 1];
    if (last === undefined) return i;
    if (last === '.' || last === '!' || last === ',' || last === ';') {
      i--;
      continue;
    }
    const cp = sentence.codePointAt(i - 2);
    if (cp !== undefined && cp > 0xffff && PICTOGRAPH.test(String.fromCodePoint(cp))) {
      i -= 2;
      continue;
    }
    if (PICTOGRAPH.test(last)) {
      i--;
      continue;
    }
    if (last === ':') {
      let j = i - 2;
      while (j >= 0 && i - 2 - j < 60 && EMOJI_NAME_CHAR.test(sentence[j]!)) j--;
      if (j >= 0 && j < i - 2 && sentence[j] === ':') {
        i = j;
        continue;
      }
    }
    return i;
  }
}

/**
 * `text` without its trailing characters that pass `test`. A walk back from the end: a regex such as /[\s,]+$/ would
 * retry from every position of a long run of spaces and commas (quadratic).
 */
function trimEndWhile(text: string, test: (ch: string) => boolean): string {
  let end = text.length;
  while (end > 0 && test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

const wordCount = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
