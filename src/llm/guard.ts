// The model's output is untrusted text that the author may paste into a channel: it must not be able to ping
// people, smuggle links or hidden characters, or add facts the author never wrote. Pure functions.
// Every pattern is linear (bounded classes, no nested quantifiers).

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

const NUMBER = /\d+(?:[.,:]\d+)*/g;
// Durations and dates in words, which would be as invented as digits.
const WORD_DURATION =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several|half an?)\s(?:minutes?|hours?|days?|weeks?|months?|sprints?|quarters?|years?)\b/gi;
const WORD_DATE =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|tomorrow|tonight|yesterday|eod|eow|eom|end of (?:the )?(?:day|week|month|quarter|sprint)|(?:next|this) (?:week|month|quarter|sprint|year))\b/gi;
// A capitalised word inside a sentence is a name, a product or a team ("ask Dana", "could Redis do it?").
const CAPITALISED = /\b[A-Z][\w'-]{0,40}/g;
const PLACEHOLDER = /\[[^[\]\n]{0,80}\]/g;
const FIRST_PERSON = /^I(?:'(?:m|ll|d|ve))?$/;

const MAX_SANITIZE_PASSES = 4;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * Removes what the model may not add: broadcast pings (always, even when the draft had one), mentions and
 * links that are not in `sources` (the draft and its context), and invisible characters.
 */
export function sanitize(text: string, sources: readonly string[]): string {
  const allowed = sources.map(stripInvisible).join('\n');
  const kept = (token: string) => allowed.includes(token);
  const pass = (t: string) =>
    stripInvisible(t)
      .replace(SPECIAL, (token) => (!BROADCAST.test(token.slice(1)) && kept(token) ? token : ''))
      .replace(REFERENCE, (token) => (kept(token) ? token : ''))
      .replace(TYPED_BROADCAST, '')
      .replace(SLACK_LINK, (token, url: string, label?: string) => (kept(url) ? token : (label ?? '')))
      .replace(BARE_URL, (url) => (kept(url) ? url : ''))
      .replace(/[ \t]{2,}/g, ' ')
      // One space is enough: runs were just collapsed, and / +([,.;:!?])/ would retry every space of a long run.
      .replace(/ ([,.;:!?])/g, '$1')
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .trim();
  // A removal can join the pieces of another ping ("<!" + "<@U1>" + "here>"): repeat until nothing changes. Real
  // answers settle in a pass or two; a ping nested 10,000 deep would take 10,000 passes (quadratic: 0.5 s on 40,000
  // characters), so after MAX_SANITIZE_PASSES what is left loses every bracket and at-sign: no token or ping remains.
  let before: string;
  let after = text;
  let passes = 0;
  do {
    before = after;
    after = pass(before);
  } while (after !== before && ++passes < MAX_SANITIZE_PASSES);
  return after === before ? after : pass(after.replace(/[<>@\uFF20\uFE6B]/g, ''));
}

/** Numbers, durations, dates and names in `text` that none of `sources` mentions: facts the model made up. */
export function inventedFacts(text: string, sources: readonly string[]): string[] {
  const source = sources.join('\n').toLowerCase();
  const sourceNumbers = new Set(source.match(NUMBER) ?? []);
  const invented = new Set<string>();
  for (const n of text.match(NUMBER) ?? []) if (!sourceNumbers.has(n)) invented.add(n);
  for (const pattern of [WORD_DURATION, WORD_DATE]) {
    for (const m of text.toLowerCase().match(pattern) ?? []) if (!source.includes(m)) invented.add(m);
  }
  // Names are compared case-insensitively: drafts are often all lower case ("let's use redis").
  const sourceWords = new Set(source.match(/[\w'-]+/g) ?? []);
  const prose = text.replace(PLACEHOLDER, (p) => ' '.repeat(p.length)); // [Existing Tool] is not a claim
  for (const m of prose.matchAll(CAPITALISED)) {
    const word = m[0];
    if (FIRST_PERSON.test(word) || sentenceStart(prose, m.index) || invented.has(word.toLowerCase())) continue;
    if (!sourceWords.has(word.toLowerCase())) invented.add(word);
  }
  return [...invented];
}

/** True when only spaces, quotes or list markers stand between `index` and the start of a line or a sentence. */
function sentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && ' \t"\'(*_>-•'.includes(text[i]!)) i--;
  return i < 0 || '.!?\n'.includes(text[i]!);
}
