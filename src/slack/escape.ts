// Showing user (or model) text back in Slack without letting it mention, link or ping anyone.
// Slack text arrives in its own markup: `&amp; &lt; &gt;` entities and `<...>` tokens for mentions, links and
// broadcasts. We turn that into readable plain words, then escape it again, so nothing a user typed can become an
// active token in our output.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };
const ENTITY = /&(?:amp|lt|gt);/g;
// Linear: one bounded negated class between the brackets.
const TOKEN = /<([^<>\n]{1,1000})>/g;
// A plain "@here" is not a mention in Slack's API, but a zero-width space after "@" makes sure no client treats it as one.
const BROADCAST_WORD = /@(here|channel|everyone)\b/gi;

function tokenToWords(inner: string): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('!')) {
    // <!here>, <!channel>, <!everyone>, <!subteam^S123|@team>, <!date^...|fallback>
    const name = target.slice(1).split('^', 1)[0] ?? '';
    if (name === 'subteam') return label ?? '@group';
    if (name === 'date') return label ?? 'a date';
    return `@${name}`;
  }
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : '@someone';
  if (target.startsWith('#')) return label ? `#${label.replace(/^#/, '')}` : '#a-channel';
  return label ?? target; // a link: its label, or the address as plain (unlinked, see verbatim) text
}

/** Slack-formatted text -> what a reader sees, as plain characters (no tokens, no entities). */
export function slackToPlain(slackText: string): string {
  return slackText.replace(TOKEN, (_, inner: string) => tokenToWords(inner)).replace(ENTITY, (e) => ENTITIES[e] ?? e);
}

/** Plain characters -> safe inside a mrkdwn text object: no `<`, `>` or `&` survive, broadcast words are broken. */
export function escapeMrkdwn(plain: string): string {
  return plain
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(BROADCAST_WORD, '@\u200b$1');
}

/** Slack-formatted user text -> safe mrkdwn showing the same words. */
export function showUserText(slackText: string): string {
  return escapeMrkdwn(slackToPlain(slackText));
}

/** Raw typed text (a modal input) -> Slack's own format, so every surface hands the engine the same kind of text. */
export function plainToSlack(plain: string): string {
  return plain.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Plain text for plain_text objects (the modal's editor): the person's own characters, except that nothing can
 * still read as a Slack token (`<!here>`, `<@U1>`, `<#C1>`) or a broadcast word.
 */
export function plainSafe(slackText: string): string {
  return slackToPlain(slackText).replace(BROADCAST_WORD, '@\u200b$1').replace(/<(?=[!@#])/g, '‹');
}

/**
 * Cuts `text` to at most `max` UTF-16 units, ending in "…" when cut. Never splits a surrogate pair or an
 * `&amp;`-style entity, so an escaped string stays escaped.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = Math.max(0, max - 1);
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 6) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi >= cut) cut = amp;
  }
  return `${text.slice(0, cut)}…`;
}
