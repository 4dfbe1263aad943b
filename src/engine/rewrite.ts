// The rules' rewrite: one message written from one plan (plan.ts). Each flagged sentence loses its effort words,
// hedge or padding and gains its situation's senior move (shapes.ts); findings are merged (an unknown beside an
// estimate becomes its assumption), facts from the draft and the message it replies to stand in for placeholders, and
// the whole message holds at most three [placeholders]. Every other sentence, and every name, number, code span and
// link, stays as written. The result is read by the rules again: what still reads as a gap is reworked once more.
import { analyze } from './analyze.ts';
import { likelySentences, planMessage, type Plan, type Shape, type Situation } from './plan.ts';
import { templateFor, VARIANTS, type Setting, type Variant } from './shapes.ts';
import type { Analysis, AnalyzeOptions, Finding, RuleId } from './types.ts';

/** At most this many [placeholders] in a rewrite: more and nobody fills them in. */
export const MAX_PLACEHOLDERS = 3;

const NUMBER = /\d+(?:[.,:]\d+)*/g;

/** Numbers in a text (the rewrite must keep every one of the draft's). */
export function numbersIn(text: string): string[] {
  return text.match(NUMBER) ?? [];
}

// ---- the edits a reworked sentence gets ----

/** Saying yes at the start of a reply: the rewrite's "we can ..., if ..." replaces it. */
const LEADING_ACK =
  /^(?:(?:sure thing|for sure|sure|ok|okay|alright|yes|yeah|yep|yup|of course|no problem|no prob|no worries|np|sounds good|got it|absolutely|definitely|totally|haha|lol|tbh|honestly)\b[\s,!.:-]*|(?:will do|on it|can do|you got it|deal|consider it done|count me in|leave it with me)(?:[\s]*[,!.:-]+[\s]*|\s*$))+/i;

/** Effort words become the plain commitment they stand for, keeping the writer's subject and tense. */
const EFFORT_EDITS: readonly [RegExp, string][] = [
  [/\b(?:do|doing|try|trying) (?:my|our) (?:very )?best to /gi, ''],
  [/\b(?:do|try) (?:my|our) (?:very )?best\b/gi, 'handle it'],
  [/\b(i'm|i am|we're|we are) (?:trying|hoping|aiming) to /gi, '$1 going to '],
  [/\btrying (?:to|and) /gi, 'going to '],
  [/\b(?:try|attempt) (?:to|and) /gi, ''],
  [/\b((?:i|we|you)?(?:'ll|\u2019ll| will| can| could| shall)) (?:try|attempt)\b(?! (?:it|this|that|them|the|a|an|out|again)\b)/gi, '$1 handle it'],
  [/^(will|can) (?:try|attempt)\b(?! (?:it|this|that|them|the|a|an|out|again)\b)/gi, '$1 handle it'],
  [/\b(?:see|check) what (?:i|we) can do\b/gi, 'take it on'],
  [/\bsee if (?:i|we) can /gi, ''],
  [/\b(?:give it|have) a (?:shot|go|try)\b/gi, 'handle it'],
  [/\btake a (?:stab|swing) at\b/gi, 'take'],
  [/\b(i|we) hope to /gi, '$1 will '],
  [/\bhoping to /gi, 'going to '],
  [/\b(?:aim|shoot) to /gi, ''],
  [/\b(?:aiming|shooting) (?:to|for) /gi, 'targeting '],
  [/\b(?:aim|shoot) for /gi, 'target '],
  [/\bsqueez(?:e|ing) (it|this|that|them) into\b/gi, 'add $1 to'],
  [/\bsqueez(?:e|ing) (it|this|that|them) in\b/gi, 'add $1'],
  [/\bsqueez(?:e|ing) ([\w.#/-]{1,40}(?: [\w.#/-]{1,40}){0,3}?) in\b/gi, 'add $1'],
  [/\bsqueez(?:e|ing)(?: in)?\b/gi, 'add'],
  [/\bcram(?:ming)? (it|this|that|them) in\b/gi, 'add $1'],
  [/\bmake (it|this|that) (?:work|happen)\b/gi, 'do $1'],
  [/\bget (it|this|that) done\b/gi, 'finish $1'],
  [/\bget (?:around )?to it\b/gi, 'pick it up'],
  [/\bshould be (?:doable|possible|fine|ok|okay)\b/gi, 'can be done'],
  [/\b(it|that|this)(?:'s|\u2019s| is| seems) doable\b/gi, '$1 can be done'],
  [/\bdoable\b/gi, 'possible'],
  [/\b(?:should|might|may) be able to /gi, 'can '],
  [/\b((?:i|we)(?:'ll|\u2019ll| will)) manage\b/gi, '$1 handle it'],
  [/\bmanage to /gi, ''],
  [/\b(?:find|make) (?:the |some )?time (?:to|for) /gi, ''],
  [/\b(?:when|if|once) (?:i|we) (?:have|get|find) (?:the |some )?time\b/gi, ''],
  [/\b(?:i|we)(?:'ll|\u2019ll| will) see\b/gi, ''],
  [/\bwill see\b/gi, ''],
];

/** Hope and luck words add nothing once the rewrite names the condition: they go. */
const HEDGE_WORDS =
  /[ \t]?\b(?:hopefully|fingers crossed|with any luck|with luck|if all goes well|somehow|no promises|best[- ]effort|as soon as possible|as soon as (?:i|we) can|asap|one way or another)\b,?|[ \t]?\bcan(?:'|\u2019)?t promise(?: anything)?\b,?/gi;

/** Chat-style "i" as a word ("if i can", "i'll") in a sentence we rework. */
const LOWERCASE_I = /(?<=^|\s)i(?=\s|'|\u2019)/g;
/** Broadcast pings from the draft become plain words; the bot never pings a channel. */
const BROADCAST = /<!(here|channel|everyone)(?:\|[^<>\n]{0,100})?>|<!subteam\^[^<>|\n]{1,100}(?:\|@?([^<>\n]{1,100}))?>|[@\uFF20\uFE6B](here|channel|everyone)\b(?![.-]\w)/giu;
/** Code, links and mentions are never edited: they are set aside before the edits and put back after. */
const PROTECTED = /`[^`\n]{1,500}`|<[^<>\n]{1,500}>|\bhttps?:\/\/[^\s<>]{1,500}/g;
const PICTOGRAPH = /^[\p{Extended_Pictographic}\u200d\ufe0f\u{1F3FB}-\u{1F3FF}]$/u;
const EMOJI_NAME_CHAR = /^[a-z0-9_+'-]$/i;
/** A placeholder the rewrite wrote. */
const PLACEHOLDER = /\[[^\][\n]{1,80}\]/g;
/** Words of a commitment with nothing in it ("we'll do it"): the request's own words do better. */
const EMPTY_WORDS = new Set(['i', 'we', 'you', "i'll", "we'll", 'will', 'can', 'could', 'do', 'it', 'this', 'that', 'take', 'on', 'the', 'a', 'then', 'too', 'also', 'just', 'for', 'sure', 'pick', 'up', 'be', 'done', 'go', 'handle']);
/** Verbs a reply can open on without a subject ("get it in by Friday"): the writer is the subject. */
const OPENING_VERBS = new Set([
  'get', 'have', 'do', 'add', 'ship', 'fix', 'finish', 'make', 'take', 'look', 'sort', 'land', 'push', 'deliver', 'send', 'review', 'start',
  'work', 'build', 'write', 'pick', 'handle', 'release', 'deploy', 'merge', 'update', 'cut', 'target', 'targeting', 'put', 'bump', 'move',
]);
const MODALS = new Set(['will', "'ll", 'can', 'could', 'should', 'would', 'gonna', 'shall']);

// ---- placing situations ----

interface Group {
  start: number;
  end: number;
  situations: Situation[];
}

/** Situations per reworked sentence, in text order. Overlapping sentences merge. */
function groupsOf(situations: readonly Situation[]): Group[] {
  const groups: Group[] = [];
  for (const s of [...situations].sort((a, b) => a.start - b.start)) {
    const last = groups.at(-1);
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      last.situations.push(s);
    } else groups.push({ start: s.start, end: s.end, situations: [s] });
  }
  return groups;
}

/** Shapes in the order they claim placeholders: the request first, then the decision, the estimate, the rest. */
const PRIORITY: Record<Situation['shape'], number> = {
  'accept-deadline': 0, 'accept-open': 0, 'decide-among': 1, 'decide-one': 1, 'estimate-bare': 2, 'estimate-padded': 2,
  'estimate-date': 2, 'blocked-someone': 3, 'blocked-thing': 3, unknown: 4, 'build-proposed': 5, 'build-done': 5,
};

const placeholders = (v: Variant) => ((v.inline ?? '') + ' ' + (v.after ?? '')).match(PLACEHOLDER)?.length ?? 0;
const isEstimate = (s: Situation) => s.shape.startsWith('estimate-');
const isBuild = (s: Situation) => s.shape.startsWith('build-');

/**
 * Picks each situation's variant: the leanest for all, then, in priority order, the fullest that keeps the message
 * within `budget` placeholders and one "by [when]" checkpoint.
 */
function chooseVariants(plan: Plan, text: string, context: string | undefined, budget: number, levels: ReadonlyMap<string, Level>): Map<Situation, Variant> {
  const estimate = plan.situations.find(isEstimate);
  const unknown = plan.situations.find((s) => s.shape === 'unknown' && s.unknown);
  const contextDate = context ? plan.facts.dates.find((d) => context.includes(d)) : undefined;
  const settings = new Map<Situation, Setting>();
  for (const s of plan.situations) {
    const sentence = text.slice(s.start, s.end);
    settings.set(s, {
      plan,
      mergedUnknown: isEstimate(s) && unknown ? unknown.unknown : undefined,
      feedsEstimate: s === unknown && !!estimate,
      contextDate: contextDate && !sentence.includes(contextDate) ? contextDate.replace(/^(?:by|before|until|on|for|in)\s/i, '') : undefined,
      benefitStated: /\b(?:faster|quicker|simpler|easier|cleaner|lighter|smaller|leaner|better|safer|cheaper|less|fewer|more (?:flexible|maintainable|stable|reliable|scalable|efficient|readable))\b/i.test(sentence),
    });
  }
  // A situation written as its template has that one form.
  const options = new Map(
    plan.situations.map((s) => [s, levels.get(keyOf(s)) === 'template' && !isBuild(s) ? [{ after: templateFor(s, settings.get(s)!) }] : VARIANTS[s.shape](s, settings.get(s)!)]),
  );
  const chosen = new Map(plan.situations.map((s) => [s, options.get(s)![0]!]));
  // One senior move per rule: a second sentence with the same gap gets its leanest clause inside it, nothing after.
  const firstOfRule = new Map<RuleId, Situation>();
  for (const s of plan.situations) if (!firstOfRule.has(s.rule)) firstOfRule.set(s.rule, s);
  for (const s of plan.situations) {
    if (firstOfRule.get(s.rule) === s || levels.get(keyOf(s)) === 'template') continue;
    const lean: Variant = isEstimate(s) ? { inline: options.get(s)![0]!.inline } : {};
    options.set(s, [lean]);
    chosen.set(s, lean);
  }
  const order = [...plan.situations].sort((a, b) => PRIORITY[a.shape] - PRIORITY[b.shape]);
  const total = () => [...chosen.values()].reduce((n, v) => n + placeholders(v), 0);
  const checkpoints = () => [...chosen.values()].filter((v) => v.checkpoint).length;
  // The leanest may still be over budget with many gaps: then the last in priority keep their placeholder-free form.
  for (const s of order) {
    const current = chosen.get(s)!;
    for (const v of [...options.get(s)!].reverse()) {
      if (v === current) break;
      const extra = placeholders(v) - placeholders(current);
      if (total() + extra > budget || (v.checkpoint && !current.checkpoint && checkpoints() > 0)) continue;
      chosen.set(s, v);
      break;
    }
  }
  // Within about twice the draft: the fullest forms give way, last in priority first, while the clauses run long.
  const room = Math.max(2 * text.length, 280) - text.length - 30;
  const size = () => [...chosen.values()].reduce((n, v) => n + (v.inline?.length ?? 0) + (v.after ? v.after.length + 1 : 0), 0);
  for (const s of [...order].reverse()) {
    const list = options.get(s)!;
    for (let i = list.indexOf(chosen.get(s)!); i > 0 && size() > room; i--) chosen.set(s, list[i - 1]!);
  }
  return chosen;
}

// ---- writing ----

/** How far a situation's sentence is reworked: its words kept, its cue rewritten (strong), or a whole-sentence template. */
type Level = 'plain' | 'strong' | 'template';
const NEXT_LEVEL: Record<Level, Level | undefined> = { plain: 'strong', strong: 'template', template: undefined };
const keyOf = (s: Pick<Situation, 'rule' | 'start'>) => `${s.rule}@${s.start}`;
/** Rounds of reading the rewrite again: each either fixes what the rules still see or goes one level further. */
const ROUNDS = 6;
/** Slack's advice for one message (src/slack/coach.ts coaches at most this much). */
const LONG_DRAFT = 4_000;
/** Sentences longer than this are never replaced by a template. */
const TEMPLATE_MAX_WORDS = 40;
const wordsIn = (s: string) => s.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/** Rewrites `text` from its analysis: the message a senior would have sent. `options.context`: the replied-to message. */
export function rewrite(text: string, analysis: Analysis, options: AnalyzeOptions = {}): string {
  if (analysis.findings.length === 0) return unBroadcast(text);
  const context = options.context;
  const findings = [...analysis.findings];
  const levels = new Map<string, Level>();
  const tried = new Set<string>();
  let out = text;
  // A draft far longer than a Slack message gets one more look, not six: each look reads the whole text again.
  const rounds = text.length > LONG_DRAFT ? 2 : ROUNDS;
  for (let round = 0; round < rounds; round++) {
    const plan = planMessage(text, { findings }, context);
    const rendered = render(text, plan, context, levels);
    out = rendered.text;
    const left = analyze(out, context ? { context } : {}).findings;
    if (left.length === 0) break;
    // Still reads as a gap. In a sentence the rewrite reworked, that sentence goes one level further (its cue
    // rewritten, then a whole-sentence template); in a sentence it left as written (a weaker cue now carries the
    // rule), the cue's own sentence gets a situation of its own.
    let changed = false;
    const escalate = (s: Situation) => {
      const level = levels.get(keyOf(s)) ?? 'plain';
      // Before a whole-sentence template, the gap may sit in another sentence too: rework that one first.
      if (level === 'strong' && !changed) {
        const taken = findings.filter((g) => g.rule === s.rule).map((g) => sentenceStart(plan, g));
        const other = likelySentences(text, s.rule, taken)[0];
        if (other && !tried.has(`${s.rule}@${other.start}`)) {
          tried.add(`${s.rule}@${other.start}`);
          findings.push({ ...s.finding, start: other.start, end: other.end, quote: text.slice(other.start, other.end), evidence: 'message' });
          changed = true;
          return;
        }
      }
      // A whole-sentence template only replaces a short, chat-like sentence: a longer one keeps the writer's words.
      const next = level === 'strong' && wordsIn(text.slice(s.start, s.end)) > TEMPLATE_MAX_WORDS ? undefined : NEXT_LEVEL[level];
      if (next) {
        levels.set(keyOf(s), next);
        changed = true;
      }
    };
    for (const f of left) {
      const piece = rendered.pieces.find((p) => p.from <= f.start && f.start < p.to) ?? rendered.pieces.at(-1);
      const ours = plan.situations.filter((s) => s.rule === f.rule);
      // A finding the scorer could only place on the whole message belongs to the rule's reworked sentences.
      if (f.evidence === 'message' && ours.length) {
        ours.forEach(escalate);
        continue;
      }
      if (!piece) continue;
      if (piece.group) {
        const mine = piece.group.situations.filter((s) => s.rule === f.rule);
        (mine.length ? mine : piece.group.situations).forEach(escalate);
      } else {
        const start = piece.start + Math.max(0, f.start - piece.from);
        const end = Math.min(piece.end, start + (f.end - f.start));
        if (findings.some((g) => g.rule === f.rule && g.start === start)) continue;
        findings.push({ ...f, start, end, quote: text.slice(start, end) });
        changed = true;
      }
    }
    if (!changed) break;
  }
  return unBroadcast(out);
}

/** Where the situation of a finding starts (its sentence), so a rule is not placed twice in one sentence. */
function sentenceStart(plan: Plan, f: Finding): number {
  return plan.situations.find((s) => s.finding === f)?.start ?? f.start;
}

/**
 * The plan's rewrite before the rules read it again: what rewrite() returns when the rules find nothing left. Tests
 * pin each shape's phrasing on it, whatever the trained scorer of the day thinks of the result.
 */
export function writeFromPlan(text: string, analysis: Pick<Analysis, 'findings'>, options: AnalyzeOptions = {}): string {
  if (analysis.findings.length === 0) return unBroadcast(text);
  return unBroadcast(render(text, planMessage(text, analysis, options.context), options.context, new Map()).text);
}

/** A stretch of the rewrite and the stretch of the draft it came from; `group` when the rewrite reworked it. */
interface Piece {
  from: number;
  to: number;
  start: number;
  end: number;
  group?: Group;
}

function render(text: string, plan: Plan, context: string | undefined, levels: ReadonlyMap<string, Level>): { text: string; pieces: Piece[] } {
  const chosen = chooseVariants(plan, text, context, MAX_PLACEHOLDERS, levels);
  let out = '';
  let pos = 0;
  const pieces: Piece[] = [];
  const keep = (start: number, end: number) => {
    if (end > start) pieces.push({ from: out.length, to: out.length + (end - start), start, end });
    out += text.slice(start, end);
  };
  for (const g of groupsOf(plan.situations)) {
    if (g.start < pos) continue;
    keep(pos, g.start);
    const end = absorbTrailingEmoji(text, g.end);
    const written = rework(text.slice(g.start, end), g.situations, plan, chosen, levels);
    pieces.push({ from: out.length, to: out.length + written.length, start: g.start, end, group: g });
    out += written;
    pos = end;
  }
  keep(pos, text.length);
  return { text: out, pieces };
}

/** Emoji right after a reworked sentence, on its line, belong to it and go with its chat tone. */
function absorbTrailingEmoji(text: string, end: number): number {
  let i = end;
  for (;;) {
    let j = i;
    while (text[j] === ' ' || text[j] === '\t') j++;
    const cp = text.codePointAt(j);
    if (cp !== undefined && PICTOGRAPH.test(String.fromCodePoint(cp))) {
      i = j + (cp > 0xffff ? 2 : 1);
      continue;
    }
    if (text[j] === ':') {
      let k = j + 1;
      while (k < text.length && k - j <= 60 && EMOJI_NAME_CHAR.test(text[k]!)) k++;
      // ":100:" stays: its number is the writer's.
      if (text[k] === ':' && k > j + 1 && !/\d/.test(text.slice(j, k))) {
        i = k + 1;
        continue;
      }
    }
    return i;
  }
}

/** Sign-offs that stay at the end of the reworked sentence ("..., thanks!"). */
const SIGN_OFFS = ['thanks', 'thank you', 'thx', 'ty', 'cheers'];

/**
 * One reworked sentence: the writer's words without effort, hedge or padding words, then the situations' moves.
 * `strong`: shapes whose cue phrase itself is rewritten, because the rules still read the gap.
 */
function rework(sentence: string, situations: readonly Situation[], plan: Plan, chosen: Map<Situation, Variant>, levels: ReadonlyMap<string, Level>): string {
  const { text: masked, restore } = protect(sentence);
  const levelOf = (s: Situation) => levels.get(keyOf(s)) ?? 'plain';
  // A situation at its last level replaces the sentence with its template, which keeps the sentence's names and numbers.
  // A build's last level keeps the writer's sentence without its "our own" and "custom": the question does the rest.
  const templated = situations.filter((s) => levelOf(s) === 'template' && !isBuild(s));
  const stripOwn = situations.some((s) => levelOf(s) === 'template' && isBuild(s));
  if (templated.length) {
    const lines = [...new Set(templated.map((s) => chosen.get(s)?.after).filter((x): x is string => !!x))];
    const others = situations.filter((s) => levelOf(s) !== 'template').map((s) => chosen.get(s)?.after).filter((x): x is string => !!x);
    return restore([...lines, ...new Set(others)].join(' '));
  }
  const strong = new Set(situations.filter((s) => levelOf(s) !== 'plain').map((s) => s.shape));
  const cut = tailStart(masked);
  let body = masked.slice(0, cut).trim();
  const closing = masked.slice(cut).trim();
  const asked = /\?/.test(closing) && !closing.includes('!');
  let signOff = '';
  const lower = body.toLowerCase();
  const off = SIGN_OFFS.find((w) => lower.endsWith(w) && /^$|[\s,]$/.test(body.slice(0, -w.length)));
  if (off) {
    signOff = capitalize(body.slice(-off.length)) + '!';
    body = trimEndWhile(body.slice(0, -off.length), (ch) => ch === ',' || /\s/.test(ch));
  }
  const shapes = new Set(situations.map((s) => s.shape));
  const accepts = situations.find((s) => s.shape === 'accept-deadline' || s.shape === 'accept-open');
  const takesOn = accepts || situations.some((s) => s.rule === 'sure-well-try');
  if (takesOn) body = body.replace(LEADING_ACK, '');
  // Effort words go wherever the draft took the work on; hope and luck words go in every reworked sentence.
  if (takesOn) for (const [re, to] of EFFORT_EDITS) body = body.replace(re, to);
  body = body.replace(HEDGE_WORDS, '');
  const padded = situations.find((s) => s.padding);
  if (padded?.padding) body = removePhrase(body, padded.padding);
  for (const shape of strong) body = strengthen(body, shape, plan);
  if (stripOwn) {
    const stripped = tidy(body.replace(OWN_WORDS, (_m, article?: string) => (article ? 'a ' : '')));
    if (wordsIn(stripped) >= 3) body = stripped;
  }
  body = tidy(body).replace(LOWERCASE_I, 'I');
  if (accepts) body = commitment(body, accepts, plan);

  // A build proposal in its strong form is the did-we-weigh question itself: "Before we write our own X, does it need to exist ...?"
  const build = situations.find((s) => s.shape === 'build-proposed' && strong.has(s.shape));
  const proposed = build && body ? proposal(body) : undefined;
  // Only a sentence that opens as a proposal ("I'll write ...", "let's roll ...") can become the question.
  if (build && proposed && proposed !== body && /^[a-z]/i.test(proposed) && PROPOSAL_VERB.test(proposed)) {
    const tool = build.existing ?? (/\[/.test(chosen.get(build)?.after ?? '') ? '[an existing tool or service]' : 'an existing tool');
    const question = `Before ${plan.subject === 'I' ? 'I' : 'we'} ${proposed}, does it need to exist, or could ${tool} do it?`;
    const rest = situations.filter((s) => s !== build).map((s) => chosen.get(s)?.after).filter((x): x is string => !!x);
    return restore([question, ...new Set(rest), signOff].filter(Boolean).join(' '));
  }

  const variants = situations.map((s) => chosen.get(s)!);
  // One "if" per sentence: a request taken on with its cut already says what the estimate rests on.
  const inline = variants
    .filter((_v, i) => !(accepts && isEstimate(situations[i]!) && shapes.size > 1))
    .map((v) => v.inline ?? '')
    .filter((x, i, all) => x && all.indexOf(x) === i)
    .sort((a, b) => Number(a.includes(';')) - Number(b.includes(';')))
    .join('');
  const after = [...new Set(variants.map((v) => v.after).filter((x): x is string => !!x).map(capitalize))];
  const end = asked && !inline ? '?' : '.';
  const opening = body ? capitalize(body) + inline + end : '';
  return restore([opening, ...after, signOff].filter(Boolean).join(' '));
}

/** The strong form of a shape's cue: the gap's own words rewritten into the senior move. */
function strengthen(body: string, shape: Shape, plan: Plan): string {
  const we = plan.subject === 'I' ? "I'm" : "we're";
  switch (shape) {
    case 'unknown':
      return body
        .replace(NOT_KNOWING_WHY, `${we} finding out`)
        .replace(NOT_KNOWING, 'no answer yet')
        .replace(/\byet yet\b/gi, 'yet')
        .replace(CANNOT_WORK_OUT, `${we} still working out`)
        .replace(/\bdepend(s|ing)? on\b/gi, 'hinge$1 on')
        .replace(/\bit depends\b/gi, 'it hinges on details');
    case 'blocked-someone':
    case 'blocked-thing': {
      let out = body;
      // "can't start until finance sends the rules" -> "can start once finance sends the rules"
      if (/\buntil\b/i.test(out) && CANNOT.test(out)) {
        out = out.replace(CANNOT, 'can').replace(/\buntil\b/gi, 'once');
        if (/^can\b/i.test(out)) out = `${plan.subject} ${out.replace(/^can/i, 'can')}`;
      }
      return out
        .replace(WAITING_ON, 'gated on ')
        .replace(/\bon hold\b/gi, 'paused')
        .replace(/\bblocker\b/gi, (m) => sameCase(m, 'gate'))
        .replace(/\bblocked\b/gi, (m) => sameCase(m, 'gated'))
        .replace(/\bdepend(s|ing)? on\b/gi, 'hinge$1 on');
    }
    case 'decide-one':
    case 'decide-among': {
      const weighed = body.replace(DECISION_OPENER, '').replace(DECISION_VERB, (_m, from?: string) => (from ? 'going from ' : ''));
      return weighed === body ? body : `Weighing ${weighed.replace(/^[,:\s]+/, '')}`;
    }
    default:
      return body;
  }
}

/** The verb phrase of a build proposal, without its subject and modal: "I'll write our own X" -> "write our own X". */
function proposal(body: string): string {
  return body.replace(/^(?:(?:so|ok|okay|honestly|i think|imo),?\s)?(?:(?:i|we|i'm|we're|i am|we are|let's|let us)\s?)?(?:'ll |will |should |could |can |need to |want to |must |are going to |am going to |going to |gonna |have to |might |would )?(?:just |probably |also )?/i, '').replace(/^'ll /, '');
}

/** A proposal's verb: what "Before we ..." can take. */
const PROPOSAL_VERB = /^(?:build|write|roll|implement|create|make|develop|code|craft|re-?implement|hack|design|ship|add|introduce|start|rewrite|set up|spin up|put together|come up with|do|have|go)\b/i;

/** Made here rather than taken from outside: what a build's last rework leaves out ("roll our own X" -> "roll a X"). */
const OWN_WORDS = /\b(?:(our|my|their) own|custom|homemade|home-made|home-grown|homegrown|bespoke|hand-rolled|in-house|diy|from scratch|ourselves|myself)\b ?/gi;

const NOT_KNOWING_WHY =
  /\b(?:(?:i|we) (?:really |honestly )?(?:have|had) no idea|no idea|no clue|not a clue|idk|dunno|(?:i|we) (?:really |honestly )?(?:don't|do not|dont|didn't) know|(?:i'm|i am|we're|we are) not (?:really |quite |entirely |too )?sure|not (?:really |quite |entirely |too )?sure|unsure)(?= (?:why|how|what|whether|if|when|where|who|which)\b)/gi;
const NOT_KNOWING =
  /\b(?:(?:i|we) (?:really |honestly )?(?:have|had) no idea|no idea|no clue|not a clue|idk|dunno|(?:i|we) (?:really |honestly )?(?:don't|do not|dont) know|(?:i'm|i am|we're|we are) not (?:really |quite |entirely |too )?sure|not (?:really |quite |entirely |too )?sure|unsure|(?:hard|difficult|impossible) to (?:say|tell)|can(?:'t|not| not) (?:say|tell)|who knows|no eta|unclear|no luck)\b/gi;
const CANNOT_WORK_OUT = /\b(?:(?:i|we) )?(?:can't|cannot|can not|couldn't) (?:figure|work) out\b/gi;
const CANNOT = /\b(?:can't|can\u2019t|cannot|can not|couldn't|won't be able to)\b/gi;
const WAITING_ON = /\b(?:(?:still )?(?:blocked|waiting|stuck|held up)(?: waiting)? (?:on|for|by)|(?:has|have) to wait (?:for|on)|pending)\s/gi;
/** What opens a decision: "I think we should just", "let's", "time to". */
const DECISION_OPENER =
  /^(?:(?:so|ok|okay|honestly|imo|also|i think|i feel like|i'd say),?\s)*(?:we should|we must|we need to|we could|let's|let us|i'd|i would|i'd suggest(?: we)?|i suggest(?: we)?|i recommend(?: we)?|i'd recommend(?: we)?|i propose(?: we)?|(?:it's |it is )?(?:about )?time to|i'd like to|we're going to|we will|we'll)?\s?(?:just |really |definitely |probably |strongly )*/i;
/** The choosing verb itself: "go with", "use", "switch from" (which becomes "going from"), "switch to". */
const DECISION_VERB =
  /^(?:(?:go|going) with|use|using|adopt|adopting|try|pick|choose|(?:switch|move|migrate|port|convert|transition|shift)(?:ing)?( from)?|(?:switch|move|migrate|port|convert|transition|shift|upgrade)(?:ing)? to)\s/i;

/**
 * The sentence as a commitment with a subject: "will get it in" -> "I will get it in", "get it in" -> "I can get it
 * in"; an empty yes ("sure, will try") takes the request's own words from the context ("We can add SSO").
 */
function commitment(body: string, s: Situation, plan: Plan): string {
  const words = body.toLowerCase().match(/[\p{L}'\u2019]+/gu) ?? [];
  const subject = plan.subject === 'I' ? 'I' : 'we';
  const future = words.some((w) => w === 'will' || w.endsWith("'ll") || w.endsWith('\u2019ll'));
  // A request taken on with its cost is an offer: "we'll try to get it in" -> "we can get it in ... if ...".
  const modal = `${subject} can`;
  let out = future ? body.replace(WILL_TO_CAN, (_m, who?: string) => `${who ?? subject} can`) : body;
  const first = out.toLowerCase().match(/[\p{L}'\u2019]+/u)?.[0] ?? '';
  if (words.every((w) => EMPTY_WORDS.has(w))) {
    // Nothing but a yes: the request's own words, and its date, say what is taken on.
    // The request's words, without its own effort words ("can you squeeze in X" -> "add X").
    let scope = s.scope ?? 'take this on';
    for (const [re, to] of EFFORT_EDITS) scope = scope.replace(re, to);
    out = `${modal} ${tidy(scope.replace(HEDGE_WORDS, ''))}`;
  } else if (MODALS.has(first)) out = `${subject} ${out}`;
  else if (OPENING_VERBS.has(first)) out = `${subject} can ${out}`;
  // The date the request set, when the reply never says it: what the cut is for.
  if (s.deadlineFromContext && s.deadline && !out.toLowerCase().includes(s.deadline.toLowerCase())) out += DATE_OPENER.test(s.deadline) ? ` ${s.deadline}` : ` by ${s.deadline}`;
  return out;
}

const DATE_OPENER = /^(?:by|before|until|till|on|in|for|this|next|end|within|eod|over)\b/i;
/** "will" in a request taken on: the offer says "can". */
const WILL_TO_CAN = /\b(i|we)?(?:'ll|\u2019ll| will)(?= )|\bwill(?= )/gi;

/** Removes a phrase and the comma or "plus"/"and" that joined it ("3 weeks, just to be safe" -> "3 weeks"). */
function removePhrase(body: string, phrase: string): string {
  const at = body.toLowerCase().indexOf(phrase.toLowerCase());
  if (at < 0) return body;
  const before = trimEndWhile(body.slice(0, at), (ch) => ch === ',' || ch === ' ' || ch === '(');
  const rest = body.slice(at + phrase.length).replace(/^[\s,)]+/, '');
  return rest ? `${before}, ${rest}` : before;
}

/** Spaces and commas the edits left behind. */
function tidy(s: string): string {
  const t = s.replace(/[ \t]{2,}/g, ' ').replace(/ ([,.;:!?])/g, '$1').replace(/,{2,}/g, ',').replace(/^[,\s]+/, '');
  return trimEndWhile(t, (ch) => ch === ',' || /\s/.test(ch));
}

// ---- when the rules still see a gap ----

/** A finding of the first rewrite placed back on the draft, where its quote is the draft's own words. */
function placeBack(draft: string, f: Finding): Finding[] {
  const at = draft.indexOf(f.quote);
  return at < 0 || !f.quote.trim() ? [] : [{ ...f, start: at, end: at + f.quote.length }];
}

// ---- helpers ----

/** Code, links and mentions set aside as \u0000n\u0000 while a sentence is edited. */
function protect(sentence: string): { text: string; restore: (s: string) => string } {
  const kept: string[] = [];
  const text = sentence.replace(PROTECTED, (m) => `\u0000${kept.push(m) - 1}\u0000`);
  return { text, restore: (s) => s.replace(/\u0000(\d{1,4})\u0000/g, (_m, i: string) => kept[Number(i)] ?? '') };
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
 * Where a sentence's closing punctuation and emoji begin ("on it! :rocket: 🚀" -> at "!"). Walks back from the end
 * one unit at a time, so it stays linear on any input.
 */
function tailStart(sentence: string): number {
  let i = sentence.length;
  for (;;) {
    while (i > 0 && /\s/.test(sentence[i - 1]!)) i--;
    const last = sentence[i - 1];
    if (last === undefined) return i;
    if (last === '.' || last === '!' || last === ',' || last === ';' || last === '?') {
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

/** `word` in the case of `like`; a word in capitals is a label ("## BLOCKED") and stays. */
const sameCase = (like: string, word: string) => (like === like.toUpperCase() ? like : like[0] === like[0]!.toUpperCase() ? capitalize(word) : word);
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** How many placeholders the rewrite added to the draft. */
export function placeholdersAdded(draft: string, out: string): number {
  return Math.max(0, (out.match(PLACEHOLDER)?.length ?? 0) - (draft.match(PLACEHOLDER)?.length ?? 0));
}

