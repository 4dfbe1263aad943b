// The model's output is untrusted text that the author may paste into a channel: it must not be able to ping
// people, smuggle links or hidden characters, or add facts the author never wrote. Pure functions.
// Every pattern is linear (bounded classes, no nested quantifiers), and so is every function: callers cut the
// model's answer to its limits first (sanitize refuses anything longer than MAX_SANITIZE_CHARS).
import type { Lexicon } from './lexicon.ts';

// Format characters (zero-width, bidi embeddings/overrides/isolates, BOM, soft hyphen, tag characters) and
// control characters other than newline and tab.
const INVISIBLE = /[\p{Cf}\p{Co}\u2028\u2029]|[^\P{Cc}\n\t]/gu;
// Slack's special mentions: <!channel>, <!here|here>, <!everyone>, <!subteam^S123|@team>, <!date^...>.
const SPECIAL = /<![^<>]{0,200}>/g;
const BROADCAST = /^!(?:channel|here|everyone)\b/i;
// User and channel references: <@U123>, <@W123|name>, <#C123|general>.
const REFERENCE = /<[@#][^<>]{0,200}>/g;
// Typed broadcasts, also with full-width or small at-signs, that Slack may turn into a ping on paste.
const TYPED_BROADCAST = /[@\uFF20\uFE6B](?:channel|here|everyone)\b/giu;
// Slack-formatted links <https://x|label> / <mailto:a@b> and bare URLs.
const SLACK_LINK = /<((?:https?|mailto|ftp|tel|slack):[^<>|\n]{1,2000})(?:\|([^<>\n]{0,500}))?>/gi;
// A bare URL does not end in the sentence's punctuation ("see https://x.example/y).").
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]{0,2000}[^\s<>.,;:!?)\]'"]/gi;
const SPACES = /[ \t]{2,}/g;
// One space: runs were just collapsed by SPACES, and / +([,.;:!?])/ would retry every space of a long run.
const SPACE_BEFORE_PUNCTUATION = / ([,.;:!?])/g;

// Facts. A number as written: "3", "2.5", "1,500", "10:30" (never part of a word: "k8s" and "Q3" are names).
const NUMBER = /(?<![\p{L}\p{N}_])\d{1,12}(?:[.,:]\d{1,12}){0,3}(?![\p{N}_])/gu;
// A time of day: "5pm", "5 PM", "5:30 p.m." (the hour and minutes, then the half of the day).
const CLOCK = /(?<![\p{L}\p{N}_.,:])(\d{1,2})(?::(\d{2}))? ?([ap])\.?m\b\.?/giu;
// A list marker: "1." or "1)" opening a line, or "1)" inside one ("1) logs 2) metrics").
const LIST_MARKER = /^[ \t]*(\d{1,2})[.)](?=[ \t])|(?<=[ \t(])(\d{1,2})\)(?=[ \t])/gm;
// Numbers in words. In a rewrite they count before a unit ("four weeks", "three engineers"): "two options" and "the
// one we picked" are not claims. "one" and vague amounts count only there, in the sources too.
const NUMBER_WORD =
  /\b(?:(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine)\b)?|(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|thousand|dozen)|(one|a couple of|a few|several|half an?)(?= (?:more |extra |full )?(?:minute|hour|day|week|month|sprint|quarter|year)s?\b))\b/gi;
const AFTER_NUMBER_WORD = /^ (?:more |extra |full |working |business )?(?:minute|hour|day|week|month|sprint|quarter|year|engineer|people|person|dev|developer)s?\b/i;
const UNIT = /^(?:minute|hour|day|week|month|sprint|quarter|year)s?$/;
// Days and dates, each written several ways ("EOD", "end of day", "end of the day", "COB"). Short day names that
// are also words ("sat", "sun", "wed") and "may" are not read as dates; March only with its capital (MARCH).
const DATE =
  /\b(?:monday|mon|tuesday|tues?|wednesday|thursday|thurs?|thu|friday|fri|saturday|sunday|jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|tomorrow|tmrw|tonight|yesterday|eo[dwmq]|cob|(?:end|close) of (?:the )?(?:business(?: day)?|day|week|month|quarter|sprint)|(?:next|this) (?:week|month|quarter|sprint|year))\b/gi;
const MARCH = /\bMarch\b/g;
// Words, with an apostrophe inside ("we'll", "isn't"); hyphens and dots split them.
const WORD = /[\p{L}\p{N}]{1,60}(?:['’]\p{L}{1,10})?/gu;
// A capitalised word inside a sentence is a name, a product or a team ("ask Dana", "could Redis do it?").
const CAPITALISED = /\b[A-Z][\p{L}\p{N}']{0,40}/gu;
const PLACEHOLDER = /\[[^[\]\n]{0,80}\]/g;
const FIRST_PERSON = /^I(?:'(?:m|ll|d|ve))?$/;

/** The longest text sanitize() accepts: the model's answer is cut to its limits before anything reads it. */
export const MAX_SANITIZE_CHARS = 4_000;
/** Honest text is stable after one or two passes; text still changing after this many was built to nest pings. */
const MAX_SANITIZE_PASSES = 4;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Removes what the model may not add: broadcast pings (always, even when the draft had one), mentions and
 * links that are not in `sources` (the draft and its context), and invisible characters. Returns undefined for
 * text nested so that each removal builds another ping (`<!<!here>here>`): no honest answer does that.
 */
export function sanitize(text: string, sources: readonly string[]): string | undefined {
  if (text.length > MAX_SANITIZE_CHARS) throw new RangeError(`sanitize: ${text.length} characters; cut the answer to its limit first`);
  const allowed = sources.map(stripInvisible).join('\n');
  const kept = (token: string) => allowed.includes(token);
  const pass = (t: string) =>
    stripInvisible(t)
      .replace(SPECIAL, (token) => (!BROADCAST.test(token.slice(1)) && kept(token) ? token : ''))
      .replace(REFERENCE, (token) => (kept(token) ? token : ''))
      .replace(TYPED_BROADCAST, '')
      .replace(SLACK_LINK, (token, url: string, label?: string) => (kept(url) ? token : (label ?? '')))
      .replace(BARE_URL, (url) => (kept(url) ? url : ''))
      .replace(SPACES, ' ')
      .replace(SPACE_BEFORE_PUNCTUATION, '$1')
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .trim();
  // A removal can join the pieces of another ping ("<!" + "<@U1>" + "here>"), so the result must be a fixed point.
  // Each pass is linear and their number is bounded: the whole is linear too.
  let current = text;
  for (let i = 0; i < MAX_SANITIZE_PASSES; i++) {
    const next = pass(current);
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

export interface FactSources {
  /** The draft and the message it replies to: the only facts a rewrite may state. */
  sources: readonly string[];
  /** Our own instructions sent with it (the system prompt): their words are not facts about the work. */
  instructions?: string;
  /** Ordinary English words (see lexicon.ts). */
  lexicon: Lexicon;
}

/**
 * Engineering words and acronyms that name how people work, not facts about the work ("ask their support for an
 * ETA", "its own CLI or API"), missing from a general word list. Tools, products, features and people are not here:
 * those are facts.
 */
const WORKING_WORDS = new Set(
  ('api apis cli ui ux eta etas pr prs qa ci cd sla slas slo slos mvp poc asap fyi tbd tba rfc rfcs sdk sdks db dbs ' +
    'url urls json yaml csv http https sql ide dns cdn cpu gpu ram os oss okr okrs kpi kpis roi dri rca pm pms eng ' +
    'devops sre oncall wip lgtm tldr imo tbh afaik etc vs eg ie pls thx ' +
    'tradeoff tradeoffs rollout rollouts config configs repo repos async frontend backend runbook runbooks changelog ' +
    'workaround workarounds repro repros hotfix hotfixes onboarding signup dev devs infra prod todo todos cutover ' +
    'backfill codebase roadmap roadmaps standup standups walkthrough descope descoped deprioritize deprioritized ' +
    'timebox timeboxed dedupe bugfix bugfixes app apps admin admins analytics auth backoff cron diff diffs runtime ' +
    'namespace readme dep deps env envs utc vm vms orm middleware css html mins hrs wk wks min kb mb gb tb').split(' '),
);

/** The same thing written short or long: expanding the draft's own abbreviation is not a new fact. */
const SAME_THING: readonly (readonly string[])[] = [
  ['k8s', 'kubernetes'],
  ['postgres', 'postgresql', 'pg'],
  ['js', 'javascript'],
  ['ts', 'typescript'],
  ['i18n', 'internationalization', 'internationalisation'],
  ['l10n', 'localization', 'localisation'],
  ['a11y', 'accessibility'],
  ['o11y', 'observability'],
  ['gh', 'github'],
  ['prod', 'production'],
  ['env', 'environment'],
  ['repo', 'repository'],
  ['db', 'database'],
];
const ALIASES = new Map<string, readonly string[]>(SAME_THING.flatMap((group) => group.map((word) => [word, group] as const)));

const WORD_VALUES: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
  dozen: 12,
};

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTH_NAMES = ['january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORTHAND: Record<string, string> = {
  eod: 'end of day', cob: 'end of day', 'close of business': 'end of day', 'end of business': 'end of day',
  'end of business day': 'end of day', 'close of business day': 'end of day', 'close of day': 'end of day',
  eow: 'end of week', eom: 'end of month', eoq: 'end of quarter', tmrw: 'tomorrow',
};

/** One spelling per date: "Fri" and "friday" -> "friday", "EOD" and "end of the day" -> "end of day". */
function canonicalDate(raw: string): string {
  const d = raw.toLowerCase().replace(' the ', ' ');
  if (SHORTHAND[d]) return SHORTHAND[d];
  if (d.startsWith('close of ')) return `end of ${d.slice('close of '.length)}`;
  if (!d.includes(' ')) for (const name of [...DAY_NAMES, ...MONTH_NAMES]) if (name.startsWith(d.slice(0, 3))) return name;
  return d;
}

function datesIn(text: string): RegExpMatchArray[] {
  return [...text.matchAll(DATE), ...text.matchAll(MARCH)];
}

interface Facts {
  numbers: Set<string>;
  times: Set<string>;
  dates: Set<string>;
}

/** Numbers, times and dates stated in the sources, each as one canonical value ("four" and "4" -> "4"). */
function factsIn(text: string): Facts {
  const facts: Facts = { numbers: new Set(), times: new Set(), dates: new Set() };
  for (const m of text.matchAll(NUMBER)) facts.numbers.add(numberValue(m[0]));
  for (const m of text.matchAll(NUMBER_WORD)) facts.numbers.add(String(wordValue(m)));
  for (const m of text.matchAll(CLOCK)) {
    facts.times.add(clockValue(m));
    facts.numbers.add(String(Number(m[1]))); // "5pm" also states the number 5
  }
  for (const m of datesIn(text)) facts.dates.add(canonicalDate(m[0]));
  return facts;
}

function numberValue(raw: string): string {
  if (/^\d{1,3}(?:,\d{3})+$/.test(raw)) return raw.replaceAll(',', '');
  if (/^\d+(?:\.\d+)?$/.test(raw)) return String(Number(raw));
  return raw;
}

function clockValue(m: RegExpMatchArray): string {
  return `${Number(m[1])}:${m[2] ?? '00'}${m[3]!.toLowerCase()}m`;
}

/** "twenty-five" -> 25; vague amounts ("a few days") keep their words, so only the same vagueness matches. */
function wordValue(m: RegExpMatchArray): string | number {
  const [, tens, unit, single, vague] = m;
  if (tens) return WORD_VALUES[tens.toLowerCase()]! + (unit ? WORD_VALUES[unit.toLowerCase()]! : 0);
  if (single) return WORD_VALUES[single.toLowerCase()]!;
  const v = vague!.toLowerCase();
  if (v === 'one') return 1;
  if (v === 'a couple of') return 2;
  return v.startsWith('half') ? 0.5 : v;
}

/** Offsets of the list markers in `text` that count 1, 2, 3... in order: numbering, not facts. */
function listMarkers(text: string): Set<number> {
  const markers = new Set<number>();
  let expected = 1;
  for (const m of text.matchAll(LIST_MARKER)) {
    const digits = m[1] ?? m[2]!;
    if (Number(digits) !== expected) continue;
    markers.add(m.index + m[0].indexOf(digits));
    expected++;
  }
  return markers;
}

function normalWord(raw: string): string {
  return raw.toLowerCase().replace('’', "'");
}

/** Every word of `text` in lower case, and for "we'll" or "Dana's" also the part before the apostrophe. */
function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const word = normalWord(m[0]);
    words.add(word);
    const apostrophe = word.indexOf("'");
    if (apostrophe > 0) words.add(word.slice(0, apostrophe));
  }
  return words;
}

/** True for a word the lexicon knows in this form or a regular one (contractions, possessives). */
function isEnglish(word: string, lexicon: Lexicon): boolean {
  if (lexicon.has(word) || WORKING_WORDS.has(word)) return true;
  const apostrophe = word.indexOf("'");
  if (apostrophe < 0) return false;
  if (word.endsWith("n't")) return ['ca', 'wo', 'sha', 'ai'].includes(word.slice(0, -3)) || lexicon.has(word.slice(0, -3));
  return lexicon.has(word.slice(0, apostrophe));
}

/** False for a draft whose longer words are mostly not English: a word list cannot tell its names from its words. */
function looksEnglish(words: Iterable<string>, lexicon: Lexicon): boolean {
  let long = 0;
  let known = 0;
  for (const word of words) {
    if (word.length < 4 || /\d/.test(word) || word.includes("'")) continue;
    long++;
    if (isEnglish(word, lexicon)) known++;
  }
  return long < 3 || known / long >= 0.6;
}

/**
 * Numbers, times, dates and names in `text` that none of the sources states: facts the model made up. Numbers are
 * compared as values ("four weeks" = "4 weeks", "5 PM" = "5pm", "EOD" = "end of day") and list numbering is not a
 * fact. A word that is in no source, not in our instructions and not ordinary English is a name, in any case
 * ("ask dana", "envoy or kong"); for a draft in another language only capitalised words can be judged.
 */
export function inventedFacts(text: string, { sources, instructions = '', lexicon }: FactSources): string[] {
  const source = sources.join('\n');
  const known = factsIn(source);
  const prose = text.replace(PLACEHOLDER, (p) => ' '.repeat(p.length)); // [Existing Tool] is not a claim
  const invented = new Set<string>();

  // Times first; their digits are then not read again as numbers.
  const timeStarts = new Set<number>();
  for (const m of prose.matchAll(CLOCK)) {
    timeStarts.add(m.index);
    if (!known.times.has(clockValue(m))) invented.add(m[0].trim().toLowerCase().replace(/\.$/, ''));
  }
  const markers = listMarkers(prose);
  for (const m of prose.matchAll(NUMBER)) {
    if (timeStarts.has(m.index) || markers.has(m.index)) continue;
    if (!known.numbers.has(numberValue(m[0]))) invented.add(m[0]);
  }
  for (const m of prose.matchAll(NUMBER_WORD)) {
    const counted = m[4] !== undefined || AFTER_NUMBER_WORD.test(prose.slice(m.index + m[0].length, m.index + m[0].length + 30));
    if (counted && !known.numbers.has(String(wordValue(m)))) invented.add(m[0].toLowerCase());
  }
  const dateWords = new Set<string>();
  for (const m of datesIn(prose)) {
    for (const word of m[0].toLowerCase().split(' ')) dateWords.add(word);
    if (!known.dates.has(canonicalDate(m[0]))) invented.add(m[0].toLowerCase());
  }

  const sourceWords = wordsOf(source);
  const stated = (word: string) =>
    sourceWords.has(word) ||
    sourceWords.has(`${word}s`) ||
    (word.endsWith('s') && sourceWords.has(word.slice(0, -1))) ||
    (ALIASES.get(word) ?? []).some((alias) => sourceWords.has(alias));
  if (looksEnglish(sourceWords, lexicon)) {
    const ours = wordsOf(instructions);
    for (const m of prose.matchAll(WORD)) {
      const word = normalWord(m[0]);
      // Single letters ("A or B") and numbers with a unit ("3d", "2pm": the number was checked above) are not names.
      if (word.length < 2 || /^\d/.test(word) || dateWords.has(word) || UNIT.test(word)) continue;
      if (stated(word) || ours.has(word) || isEnglish(word, lexicon)) continue;
      const apostrophe = word.indexOf("'");
      if (apostrophe > 0 && stated(word.slice(0, apostrophe))) continue; // "Dana's" when the draft names Dana
      invented.add(word);
    }
  } else {
    for (const m of prose.matchAll(CAPITALISED)) {
      const word = m[0];
      if (FIRST_PERSON.test(word) || sentenceStart(prose, m.index) || dateWords.has(word.toLowerCase())) continue;
      if (!stated(word.toLowerCase())) invented.add(word);
    }
  }
  return [...invented];
}

/** True when only spaces, quotes or list markers stand between `index` and the start of a line or a sentence. */
function sentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && ' \t"\'(*_>-•'.includes(text[i]!)) i--;
  return i < 0 || '.!?\n'.includes(text[i]!);
}
