// The plan for a senior rewrite, read before anything is written: what the message does (accepts a request, decides,
// estimates, does not know, is blocked, builds), the facts it and the message it replies to already give (dates,
// names, numbers, the options named, the request and its deadline), and which senior moves are missing. Each finding
// becomes one situation with a shape: the shape, not the rule, decides the rewrite and the tip ("hopefully by
// Friday" is a date to give with its assumption, whichever rule caught it). Pure: text in, plan out.
import { tenseAt } from './clauses.ts';
import { read, type Doc, type Sentence, type Token } from './nlp.ts';
import { prepare, PLACEHOLDER } from './prepare.ts';
import type { Analysis, Finding, RuleId } from './types.ts';

export type Shape =
  | 'accept-deadline' // taking on a request with a date: "sure, we'll try to get it in by Friday"
  | 'accept-open' // taking on a request with no date: "np, I'll squeeze it in"
  | 'decide-among' // picking between options the message names: "switch from yarn to bun"
  | 'decide-one' // picking one option: "let's go with Kafka"
  | 'estimate-bare' // a duration or size as a fact: "it'll take 3 weeks", "easy fix"
  | 'estimate-padded' // an estimate padded instead of a named risk: "3 weeks, just to be safe"
  | 'estimate-date' // a date as a fact: "done by Friday", "next release"
  | 'unknown' // not knowing: "no idea why the export times out"
  | 'blocked-someone' // waiting on a person or team: "blocked until finance sends the tax rules"
  | 'blocked-thing' // waiting on a thing: "waiting on the API keys", "blocked on the upstream release"
  | 'build-proposed' // proposing to build: "let's roll our own scheduler"
  | 'build-done'; // having built: "spent the weekend building a custom cache"

/** The senior moves a plan can find missing. */
export type Move = 'cost' | 'options' | 'range' | 'next-step' | 'weigh';

export interface Situation {
  shape: Shape;
  rule: RuleId;
  finding: Finding;
  /** The sentence the rewrite reworks, as original offsets. */
  start: number;
  end: number;
  /** The date the work is due: "by Friday", "before the SOC2 audit on the 15th" (from the draft or its context). */
  deadline?: string;
  /** The deadline is the context's: the draft's sentence never says it. */
  deadlineFromContext?: boolean;
  /** What was asked, from the context: "add SSO". Used when the draft says no more than "sure, will try". */
  scope?: string;
  /** Named options: [the one picked] or [the one picked, the one it replaces]. */
  options?: string[];
  /** The estimate or date as written: "3 weeks", "eod tmrw". */
  estimate?: string;
  /** The padding phrase to replace with the risk it stands for: "just to be safe". */
  padding?: string;
  /** What is not known: "the legacy billing webhooks". */
  unknown?: string;
  /** Who or what it waits on: "finance", "the API keys". */
  blocker?: string;
  /** An existing tool the draft or context names as the alternative to building. */
  existing?: string;
  /** Names, numbers and dates of the sentence: what even a whole-sentence rewrite keeps. */
  keep: string[];
}

export interface Facts {
  dates: string[];
  numbers: string[];
  names: string[];
  options: string[];
}

export interface Plan {
  situations: Situation[];
  facts: Facts;
  missing: Move[];
  /** The writer speaks for the team ("we") or themselves ("I"); kept in every clause the rewrite adds. */
  subject: 'I' | 'we';
  /** The context asked the writer for something (a request or a question), so a rewrite may ask back. */
  asked: boolean;
}

/** The moves each shape needs and the draft lacks. */
const MISSING: Record<Shape, Move[]> = {
  'accept-deadline': ['cost'],
  'accept-open': ['cost'],
  'decide-among': ['options'],
  'decide-one': ['options', 'weigh'],
  'estimate-bare': ['range', 'next-step'],
  'estimate-padded': ['range'],
  'estimate-date': ['range', 'next-step'],
  unknown: ['next-step'],
  'blocked-someone': ['next-step'],
  'blocked-thing': ['next-step'],
  'build-proposed': ['weigh'],
  'build-done': ['weigh'],
};

// ---- the words the planner reads (its own small lists: the rules' cue lists are theirs to tune) ----

/** Periods that name a date on their own ("friday", "eod", "Q3"). */
const DATE_WORD = new Set([
  'eod', 'eow', 'eom', 'cob', 'eoy', 'tmrw', 'tmr', 'tomorrow', 'tonight', 'today', 'asap', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'midweek',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'june', 'july',
  'august', 'september', 'october', 'november', 'december', 'mon', 'tue', 'wed', 'thu', 'fri', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Periods that are a date only after "this", "next", "end of", "by the" and the like ("this sprint", "the next release"). */
const PERIOD = new Set([
  'eod', 'eow', 'eom', 'cob', 'eoy', 'tmrw', 'tmr', 'tomorrow', 'tonight', 'today', 'soon', 'soonish', 'shortly', 'asap', 'weekend', 'week',
  'sprint', 'release', 'quarter', 'month', 'year', 'q1', 'q2', 'q3', 'q4', 'h1', 'h2', 'midweek', 'milestone', 'monday', 'tuesday',
  'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'morning', 'afternoon', 'evening', 'launch', 'demo', 'deadline', 'audit', 'freeze',
]);
/** Words that open a deadline phrase. */
const DEADLINE_START = new Set(['by', 'before', 'until', 'till', 'for', 'in', 'on', 'this', 'next', 'end', 'within', 'over', 'at', 'eod', 'tomorrow', 'tonight', 'today']);
/** Prepositions that open a date phrase from a few words back ("before the SOC2 audit on the 15th"). */
const OPENING_PREPOSITIONS = new Set(['by', 'before', 'until', 'till', 'for', 'in', 'on', 'within', 'at', 'after']);
const DEADLINE_WORDS = new Set(['by', 'before', 'until', 'till']);
/** Openers of a deadline in a request: "by", "before", "this", "next", "end". */
const STRICT_OPENERS = new Set(['by', 'before', 'until', 'till', 'this', 'next', 'end', 'eod', 'eow', 'tomorrow', 'tonight', 'today', 'within', 'on']);
/** A duration unit: with a number, an estimate ("3 weeks"). */
const UNIT = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'wk', 'wks', 'sprint', 'sprints', 'month', 'months']);
const QUANTITY = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'couple', 'few', 'half', 'several']);
/** How big the work is, said as a fact. */
const SIZE = new Set(['quick', 'easy', 'trivial', 'small', 'simple', 'tiny', 'minor', 'straightforward']);
/** Padding phrases, longest first. */
export const PADDING_PHRASES = ['just to be on the safe side', 'to be on the safe side', 'just to be safe', 'just to be sure', 'to be safe', 'to be sure', 'just in case', 'in case', 'for safety'];
/** People and teams a blocker can be ("waiting on finance", "blocked on Sam"). */
const PEOPLE = new Set([
  'team', 'teams', 'finance', 'legal', 'design', 'designer', 'designers', 'security', 'ops', 'devops', 'infra', 'pm', 'pms', 'product',
  'client', 'clients', 'customer', 'customers', 'vendor', 'vendors', 'him', 'her', 'them', 'someone', 'somebody', 'maintainer', 'maintainers',
  'reviewer', 'reviewers', 'owner', 'owners', 'manager', 'lead', 'qa', 'support', 'sales', 'marketing', 'management', 'leadership', 'author', 'authors',
  'you', 'they', 'he', 'she', 'people', 'folks', 'approval', 'sign-off', 'signoff', PLACEHOLDER.mention.toLowerCase(),
]);
/** What opens the blocker in a blocked sentence. */
const BLOCKER_CUES = new Set(['on', 'for', 'by', 'until', 'till', 'from']);
const BLOCKED_WORDS = new Set(['blocked', 'blocking', 'blocker', 'waiting', 'wait', 'pending', 'stuck', 'hold', 'until', 'till', 'parked']);
const DEPENDS_WORDS = new Set(['depends', 'depend', 'depending']);
const UNKNOWN_OPENERS = new Set(['why', 'how', 'what', 'whether', 'if', 'when', 'where', 'who', 'which', 'about', 'on', 'of']);
/** Words that join two named options. */
const OPTION_JOIN: Record<string, 'to' | 'from'> = { to: 'to', with: 'to', for: 'to', by: 'to', over: 'from', than: 'from', of: 'from', or: 'from', vs: 'from', versus: 'from' };
/** Benefits a decision may already name; then the rewrite only adds the cost. */
const BENEFIT = new Set([
  'faster', 'fast', 'quicker', 'simpler', 'simple', 'easier', 'easy', 'cleaner', 'lighter', 'smaller', 'leaner', 'better', 'safer', 'cheaper',
  'flexible', 'maintainable', 'stable', 'reliable', 'scalable', 'modern', 'efficient', 'performance', 'performant', 'speed', 'less', 'fewer', 'saves',
  'improves', 'reduces', 'superior', 'maintainability', 'readability', 'robust',
]);
/** Asked for something: a request or a question in the replied-to message. */
const REQUEST_AUX = new Set(['can', 'could', 'would', 'will', 'wo', 'shall']);
const REQUEST_WHO = new Set(['you', 'u', 'we', 'someone', 'somebody', 'y\'all', 'yall', 'team', 'the']);
const SOFTENERS = new Set(['also', 'please', 'pls', 'plz', 'maybe', 'just', 'still', 'possibly', 'quickly', 'kindly', 'guys', 'team', 'all']);
const TEAM_WORDS = new Set(['team', 'guys', 'y\'all', 'yall', 'everyone', 'folks', 'we', 'us', 'our']);

// ---- reading a message ----

interface Read {
  text: string;
  doc: Doc;
  /** Original-text span of a prose span. */
  span(from: Token, to: Token): { start: number; end: number };
  slice(from: Token, to: Token): string;
}

/** The last text read: a rewrite plans the same draft once per round, and reading is the costly part. */
let lastRead: Read | undefined;

function reader(text: string): Read {
  if (lastRead?.text !== text) lastRead = readerOf(read(prepare(text)));
  return lastRead;
}

function readerOf(doc: Doc): Read {
  const text = doc.prepared.original;
  const span = (from: Token, to: Token) => doc.prepared.toOriginal(from.start, to.end);
  return { text, doc, span, slice: (from, to) => text.slice(span(from, to).start, span(from, to).end) };
}

/** A date word on its own, or a period with a word before it that makes it one ("this sprint", "end of week"). */
function isTimeAt(t: readonly Token[], i: number): boolean {
  const x = t[i]!;
  if (x.time || DATE_WORD.has(x.norm) || /^\d{1,2}(?:st|nd|rd|th)$/.test(x.norm) || x.norm === 'soon' || x.norm === 'soonish') return true;
  if (!PERIOD.has(x.norm)) return false;
  const before = [t[i - 1]?.norm, t[i - 2]?.norm];
  return before.some((w) => w === 'this' || w === 'next' || w === 'end' || w === 'of' || w === 'by' || w === 'before' || w === 'until' || w === 'following' || w === 'coming');
}
const isTime = (t: Token) => t.time || DATE_WORD.has(t.norm) || /^\d{1,2}(?:st|nd|rd|th)$/.test(t.norm);
const isNumberish = (t: Token) => /^~?\d+(?:[.,]\d+)?$/.test(t.norm) || QUANTITY.has(t.norm);
/** Two capitals ("SSO", "GraphQL"), a digit with letters ("k8s", "v2"), or a dot inside ("next.js"): a name, not a word. */
const looksLikeName = (w: string) => (w.match(CAPITAL)?.length ?? 0) >= 2 || (/\d/.test(w) && /[a-z]/i.test(w)) || /[a-z]\.[a-z]/i.test(w);
const CAPITAL = /[A-Z]/g;
const isName = (t: Token) => t.pos === 'PROPN' || t.text === PLACEHOLDER.code || t.text === PLACEHOLDER.link || (t.pos !== 'PUNCT' && looksLikeName(t.text));

/** The sentence of a doc holding an original offset. */
function sentenceAt(r: Read, offset: number): Sentence | undefined {
  let best: Sentence | undefined;
  for (const s of r.doc.sentences) {
    const o = r.doc.prepared.toOriginal(s.start, s.end);
    if (o.start <= offset && offset < o.end) return s;
    if (o.start <= offset) best = s;
  }
  return best ?? r.doc.sentences[0];
}

/** A date phrase in a sentence, opened by its preposition: "by Friday", "before the SOC2 audit on the 15th", "eod tmrw". */
function deadlineIn(r: Read, s: Sentence, strict = false): string | undefined {
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    if (!isTimeAt(t, i) || (t[i]!.norm === 'may' && t[i]!.pos !== 'PROPN')) continue;
    // The phrase opens at the nearest preposition a few words back ("before the SOC2 audit on the 15th"), else at the
    // determiners and numbers right before the date ("the 15th", "two weeks").
    let from = i;
    while (from > 0 && (t[from - 1]!.pos === 'DET' || t[from - 1]!.pos === 'ADJ' || isNumberish(t[from - 1]!) || isTime(t[from - 1]!))) from--;
    let opened = false;
    for (let k = from - 1; k >= Math.max(0, i - 7); k--) {
      if (t[k]!.pos === 'PUNCT' || t[k]!.pos === 'VERB' || t[k]!.pos === 'AUX' || t[k]!.pos === 'PRON') break;
      // The nearest preposition opens the phrase; a deadline word further back opens it instead ("before ... on the 15th").
      if (!opened && OPENING_PREPOSITIONS.has(t[k]!.norm)) [from, opened] = [k, true];
      else if (opened && DEADLINE_WORDS.has(t[k]!.norm)) from = k;
    }
    if (!opened && from > 0 && DEADLINE_START.has(t[from - 1]!.norm)) from--;
    let to = i;
    while (to + 1 < t.length && (isTimeAt(t, to + 1) || isTime(t[to + 1]!) || PERIOD.has(t[to + 1]!.norm) || (t[to + 1]!.norm === 'of' && to + 2 < t.length && isTimeAt(t, to + 2)))) to++;
    // From the message replied to, only a deadline counts ("by Friday", "before the release"), not "for a month".
    if (strict && !STRICT_OPENERS.has(t[from]!.norm) && !DATE_WORD.has(t[from]!.norm)) continue;
    return r.slice(t[from]!, t[to]!);
  }
  return undefined;
}

/** An estimate: a number and a unit ("3 weeks", "a day"), a size word ("easy fix"), or a date phrase. */
function estimateIn(r: Read, s: Sentence): { text: string; duration: boolean } | undefined {
  const t = s.tokens;
  for (let i = 0; i + 1 < t.length; i++) {
    if (isNumberish(t[i]!) && UNIT.has(t[i + 1]!.norm)) return { text: r.slice(t[i]!, t[i + 1]!), duration: true };
  }
  const size = t.findIndex((x) => SIZE.has(x.norm) && x.pos === 'ADJ');
  if (size >= 0) return { text: r.slice(t[size]!, t[Math.min(t.length - 1, size + 1)]!), duration: true };
  const date = deadlineIn(r, s);
  return date ? { text: date, duration: false } : undefined;
}

/** The padding phrase of a sentence, as written. */
function paddingIn(sentenceText: string): string | undefined {
  const lower = sentenceText.toLowerCase();
  for (const p of PADDING_PHRASES) {
    const at = lower.indexOf(p);
    if (at >= 0 && (at === 0 || !/\w/.test(lower[at - 1]!)) && !/\w/.test(lower[at + p.length] ?? '')) return sentenceText.slice(at, at + p.length);
  }
  if (/\bbuffer\b|\bpadd?(?:ed|ing)?\b/i.test(sentenceText)) return sentenceText.match(/\bbuffer\b|\bpadd?(?:ed|ing)?\b/i)![0];
  return undefined;
}

/** Words wink may tag as nouns that end a noun phrase: the verb after "how X" and chat fillers. */
const PHRASE_STOP = new Set(['tho', 'though', 'lol', 'btw', 'haha', 'tbh', 'yet', 'work', 'works', 'behave', 'behaves', 'happen', 'happens', 'fail', 'fails', 'break', 'breaks', 'is', 'are']);

/** A noun phrase from token i: determiners, adjectives, nouns and names, up to the first verb or clause break. */
function nounPhrase(r: Read, s: Sentence, i: number, max = 6): string | undefined {
  const t = s.tokens;
  while (i < t.length && (t[i]!.pos === 'ADV' || UNKNOWN_OPENERS.has(t[i]!.norm))) i++;
  let end = i - 1;
  for (let k = i; k < Math.min(t.length, i + max); k++) {
    const p = t[k]!.pos;
    if (PHRASE_STOP.has(t[k]!.norm)) break;
    if (p === 'DET' || p === 'ADJ' || p === 'NOUN' || p === 'PROPN' || p === 'NUM' || p === 'X' || (p === 'PRON' && t[k]!.norm !== 'i' && t[k]!.norm !== 'we' && k === i)) end = k;
    else if ((p === 'VERB' && t[k]!.norm.endsWith('ing') && k > i) || (p === 'ADP' && t[k]!.norm === 'of' && end >= i)) end = k;
    else break;
  }
  // A phrase ends on its head, not on "of" or a determiner.
  while (end >= i && ['ADP', 'DET', 'VERB'].includes(t[end]!.pos)) end--;
  if (end < i) return undefined;
  if (end === i && t[i]!.pos === 'PRON') return undefined;
  return r.slice(t[i]!, t[end]!);
}

/** The options a decision names: [picked, replaced] ("from yarn to bun" -> [bun, yarn]) or [picked]. */
function optionsIn(r: Read, s: Sentence): string[] {
  const t = s.tokens;
  const named = (k: number) => t[k] && (isName(t[k]!) || t[k]!.pos === 'NOUN' || (k > 0 && /^[A-Z]/.test(t[k]!.text))) && t[k]!.pos !== 'PRON';
  // "from A to B", "A to B" after a switch verb, "replace A with B", "A over B", "A instead of B", "A or B", "A vs B"
  for (let k = 1; k + 1 < t.length; k++) {
    const join = OPTION_JOIN[t[k]!.norm];
    const insteadOf = t[k]!.norm === 'of' && (t[k - 1]!.norm === 'instead' || t[k - 1]!.norm === 'favor' || t[k - 1]!.norm === 'favour');
    if (!join && !insteadOf) continue;
    let left = k - 1;
    if (insteadOf) left = k - 2;
    if (left < 0 || !named(left) || !named(k + 1)) continue;
    const a = optionAround(r, s, left, -1);
    const b = optionAround(r, s, k + 1, 1);
    if (!a || !b || a.toLowerCase() === b.toLowerCase()) continue;
    const hasFrom = t.slice(0, left + 1).some((x) => x.norm === 'from' || x.lemma === 'replace' || x.lemma === 'swap');
    if (join === 'to' && !hasFrom) continue; // "to" alone joins too much ("go to the docs")
    return join === 'to' ? [b, a] : insteadOf || join === 'from' ? [a, b] : [b, a];
  }
  const first = t.findIndex((x) => isName(x) && x.text !== PLACEHOLDER.link);
  return first >= 0 ? [optionAround(r, s, first, 1)!] : [];
}

/** The name at token k, grown over neighbouring names ("Geared Pagination", "job runner"). */
function optionAround(r: Read, s: Sentence, k: number, direction: 1 | -1): string | undefined {
  const t = s.tokens;
  // A capital past the sentence's first word is part of a name ("Geared Pagination"), wherever wink tags it.
  const part = (x: Token | undefined, i: number) => !!x && (isName(x) || x.pos === 'NOUN' || (i > 0 && /^[A-Z]/.test(x.text) && x.pos !== 'PRON'));
  if (!part(t[k], k)) return undefined;
  let from = k;
  let to = k;
  while (from - 1 >= 0 && part(t[from - 1], from - 1) && k - from < 2) from--;
  while (to + 1 < t.length && part(t[to + 1], to + 1) && to - k < 2) to++;
  if (direction === -1) to = k;
  // "the bundler", as the draft says it; a name needs no article ("Vite").
  if (t[from - 1]?.norm === 'the' && !isName(t[from]!)) from--;
  return wholeWords(r, r.span(t[from]!, t[to]!));
}

/** A span grown to whole words of the original ("Moment" -> "Moment.js", "Stale" -> "Stale-While-Revalidate"). */
function wholeWords(r: Read, span: { start: number; end: number }): string {
  let { start, end } = span;
  const inWord = (ch: string | undefined) => ch !== undefined && /[\w.\-/#@+]/.test(ch);
  while (start > 0 && inWord(r.text[start - 1]) && span.start - start < 40) start--;
  while (end < r.text.length && inWord(r.text[end]) && end - span.end < 40) end++;
  while (end > start && /[.\-/]/.test(r.text[end - 1]!)) end--;
  return r.text.slice(start, end);
}

/** The request a context makes: its scope ("add SSO") and deadline ("before the Friday release"). */
function requestIn(r: Read): { scope?: string; deadline?: string; question: boolean } {
  let question = false;
  for (const s of r.doc.sentences) {
    const t = s.tokens;
    if (t.at(-1)?.norm === '?') question = true;
    for (let k = 0; k < t.length; k++) {
      const opens =
        (REQUEST_AUX.has(t[k]!.norm) && REQUEST_WHO.has(t[k + 1]?.norm ?? '')) ||
        (['we', 'you', 'u'].includes(t[k]!.norm) && ['can', 'could'].includes(t[k + 1]?.norm ?? '') && k > 0 && ['if', 'whether', 'when'].includes(t[k - 1]!.norm)) ||
        ['please', 'pls', 'plz'].includes(t[k]!.norm) ||
        (t[k]!.lemma === 'need' && ['you', 'u', 'us', 'someone'].includes(t[k + 1]?.norm ?? '') && t[k + 2]?.norm === 'to');
      if (!opens) continue;
      let v = k + 1;
      while (v < t.length && t[v]!.pos !== 'VERB') {
        if (!REQUEST_WHO.has(t[v]!.norm) && !SOFTENERS.has(t[v]!.norm) && t[v]!.norm !== 'to' && t[v]!.pos !== 'NOUN') break;
        v++;
      }
      if (v >= t.length || t[v]!.pos !== 'VERB') continue;
      let end = v;
      while (end + 1 < t.length && t[end + 1]!.pos !== 'PUNCT' && !isTimeAt(t, end + 1) && !(DEADLINE_START.has(t[end + 1]!.norm) && t.slice(end + 1, end + 9).some((_x, j) => isTimeAt(t, end + 1 + j)))) end++;
      const scope = end >= v ? ourWords(r.slice(t[v]!, t[end]!)) : undefined;
      return { scope: scope && scope.split(/\s+/).length <= 10 ? scope : undefined, deadline: deadlineIn(r, s, true), question: true };
    }
  }
  const dated = r.doc.sentences.map((s) => deadlineIn(r, s, true)).find(Boolean);
  return { deadline: dated, question };
}

/** The context's words in the writer's mouth: "your tests" -> "our tests". */
const ourWords = (scope: string) => scope.replace(/\byour\b/gi, 'our').replace(/\byourself\b/gi, 'myself');

/** I or we: the first the writer uses; "we" when the context addresses a team. */
function subjectOf(r: Read, context: Read | undefined): 'I' | 'we' {
  for (const s of r.doc.sentences) {
    for (const t of s.tokens) {
      if (t.norm === 'i' || t.norm === 'me' || t.norm === 'my') return 'I';
      if (t.norm === 'we' || t.norm === 'us' || t.norm === 'our' || t.text === "let's" || t.text === "Let's") return 'we';
    }
  }
  return context?.doc.sentences.some((s) => s.tokens.some((t) => TEAM_WORDS.has(t.norm))) ? 'we' : 'I';
}

// ---- situations ----

/** The shape of one finding, read from its rule, the evidence the scorer weighed most, and the sentence itself. */
function shapeOf(f: Finding, r: Read, s: Sentence, context: ContextRead): Shape {
  const words = new Set(s.tokens.map((t) => t.norm));
  const evidence = f.evidence ?? '';
  switch (f.rule) {
    case 'sure-well-try': {
      // No request in the context, no verb of its own: "hopefully by end of week" is a date to give, not a yes.
      const verb = s.tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
      if (!verb && deadlineIn(r, s)) return 'estimate-date';
      return deadlineIn(r, s) || context.deadline ? 'accept-deadline' : 'accept-open';
    }
    case 'missing-tradeoffs':
      return optionsIn(r, s).length >= 2 ? 'decide-among' : 'decide-one';
    case 'unstated-assumptions': {
      if (evidence.startsWith('padding') || paddingIn(r.text.slice(...spanOf(r, s)))) return 'estimate-padded';
      const estimate = estimateIn(r, s);
      return estimate?.duration ? 'estimate-bare' : 'estimate-date';
    }
    case 'no-next-step': {
      const blocked = evidence.startsWith('blocked') || [...words].some((w) => BLOCKED_WORDS.has(w)) || s.tokens.some((t) => t.norm === 'not' && ['start', 'proceed', 'continue', 'ship', 'merge'].includes(t.lemma));
      if (!blocked || [...words].some((w) => DEPENDS_WORDS.has(w)) && !words.has('blocked')) return 'unknown';
      return blockerIsSomeone(r, s) ? 'blocked-someone' : 'blocked-thing';
    }
    case 'build-vs-buy':
      return evidence.endsWith('.past') || tenseAt(s, 0, s.tokens.length) === 'past' || s.tokens.some((t) => ['spent', 'built', 'wrote', 'implemented', 'made', 'created', 'finished'].includes(t.norm)) ? 'build-done' : 'build-proposed';
  }
}

const spanOf = (r: Read, s: Sentence): [number, number] => {
  const o = r.doc.prepared.toOriginal(s.start, s.end);
  return [o.start, o.end];
};

/** The blocker's first word after the cue that opens it ("on", "for", "until"). */
function blockerStart(s: Sentence): number {
  const t = s.tokens;
  for (let k = 0; k < t.length; k++) {
    if (BLOCKER_CUES.has(t[k]!.norm) && k > 0 && (BLOCKED_WORDS.has(t[k - 1]!.norm) || t[k]!.norm === 'until' || t[k]!.norm === 'till' || BLOCKED_WORDS.has(t[k - 2]?.norm ?? ''))) return k + 1;
  }
  return -1;
}

function blockerIsSomeone(r: Read, s: Sentence): boolean {
  const k = blockerStart(s);
  if (k < 0) return false;
  const t = s.tokens.slice(k, k + 4).filter((x) => x.pos !== 'DET');
  const head = t[0];
  if (!head) return false;
  // "until finance sends", "on Sam", "for the security team", "for <@U123>"
  return head.pos === 'PROPN' && !isTime(head) || PEOPLE.has(head.norm) || t.slice(0, 3).some((x) => PEOPLE.has(x.norm)) || (t[1]?.pos === 'VERB' && head.pos === 'NOUN');
}

interface ContextRead {
  scope?: string;
  deadline?: string;
  question: boolean;
  read?: Read;
}

function situationOf(f: Finding, r: Read, context: ContextRead): Situation {
  const s = sentenceFor(f, r);
  const [start, end] = s ? spanOf(r, s) : [f.start, f.end];
  if (!s) return { shape: FALLBACK_SHAPE[f.rule], rule: f.rule, finding: f, start, end, keep: [] };
  const shape = shapeOf(f, r, s, context);
  const situation: Situation = { shape, rule: f.rule, finding: f, start, end, keep: keptIn(r, s) };
  const sentenceText = r.text.slice(start, end);
  switch (shape) {
    case 'accept-deadline':
    case 'accept-open':
      situation.deadline = deadlineIn(r, s);
      if (!situation.deadline && context.deadline) [situation.deadline, situation.deadlineFromContext] = [context.deadline, true];
      if (context.scope) situation.scope = context.scope;
      break;
    case 'decide-among':
    case 'decide-one':
      situation.options = optionsIn(r, s);
      break;
    case 'estimate-bare':
    case 'estimate-date':
    case 'estimate-padded':
      situation.estimate = estimateIn(r, s)?.text;
      situation.padding = paddingIn(sentenceText);
      break;
    case 'unknown': {
      const cue = s.tokens.findIndex((t) => ['idea', 'clue', 'know', 'sure', 'unsure', 'unclear', 'idk', 'dunno', 'depends', 'understand'].includes(t.norm));
      if (cue >= 0) situation.unknown = nounPhrase(r, s, cue + 1);
      break;
    }
    case 'blocked-someone':
    case 'blocked-thing': {
      const k = blockerStart(s);
      if (k >= 0) situation.blocker = nounPhrase(r, s, k, 5);
      break;
    }
    case 'build-proposed':
    case 'build-done': {
      const t = s.tokens;
      const instead = t.findIndex((x, k) => (x.norm === 'of' && t[k - 1]?.norm === 'instead') || x.norm === 'than' || x.norm === 'without');
      const name = instead >= 0 ? t.slice(instead + 1, instead + 4).find((x) => x.pos === 'PROPN' || (isName(x) && x.pos !== 'PRON')) : undefined;
      if (name) situation.existing = r.slice(name, name);
      break;
    }
  }
  return situation;
}

const FALLBACK_SHAPE: Record<RuleId, Shape> = {
  'sure-well-try': 'accept-open',
  'missing-tradeoffs': 'decide-one',
  'unstated-assumptions': 'estimate-date',
  'no-next-step': 'unknown',
  'build-vs-buy': 'build-proposed',
};

/** Words that show where each rule's gap sits, for a finding the scorer could only place on the whole message. */
const LIKELY: Record<RuleId, ReadonlySet<string>> = {
  'sure-well-try': new Set(['try', 'hopefully', 'hope', 'best', 'squeeze', 'asap', 'effort', 'manage', 'somehow', 'doable', 'will', 'sure', 'ok', 'okay', 'yes']),
  'missing-tradeoffs': new Set(['use', 'switch', 'move', 'migrate', 'replace', 'go', 'should', 'recommend', 'suggest', 'adopt', 'better', 'drop', 'prefer']),
  'unstated-assumptions': new Set(['take', 'done', 'ready', 'ship', 'release', 'land', 'finish', 'eta', 'plan', 'expect']),
  'no-next-step': new Set(['blocked', 'waiting', 'wait', 'until', 'idea', 'clue', 'idk', 'unsure', 'unclear', 'depends', 'sure', 'know', 'stuck', 'pending']),
  'build-vs-buy': new Set(['build', 'write', 'implement', 'roll', 'create', 'own', 'custom', 'homemade', 'scratch', 'in-house']),
};

/** Words of effort or hope: where a "sure, we'll try" gap really sits. */
const EFFORT_WORDS = new Set(['hopefully', 'best', 'squeeze', 'asap', 'somehow', 'doable', 'effort', 'manage', 'fingers', 'luck', 'promises', 'hoping']);

/** Sentences of the draft (original spans) where a rule's gap may also sit, likeliest first, leaving out `taken`. */
export function likelySentences(text: string, rule: RuleId, taken: readonly number[]): { start: number; end: number }[] {
  const r = reader(text);
  const score = (s: Sentence) =>
    s.tokens.filter((t) => LIKELY[rule].has(t.norm) || LIKELY[rule].has(t.lemma)).length +
    (rule === 'unstated-assumptions' ? s.tokens.filter((_t, i) => isTimeAt(s.tokens, i)).length : 0);
  return r.doc.sentences
    .map((s) => ({ s, score: score(s), span: r.doc.prepared.toOriginal(s.start, s.end) }))
    .filter((x) => x.score > 0 && !taken.includes(x.span.start))
    .sort((a, b) => b.score - a.score || a.span.start - b.span.start)
    .map((x) => x.span);
}

/** The sentence a finding lives in; a finding on the whole message ("message" evidence) goes to its likeliest sentence. */
function sentenceFor(f: Finding, r: Read): Sentence | undefined {
  const at = sentenceAt(r, f.start);
  if (!at) return at;
  // Effort words weigh more than a bare "will" or "try": "try it out" is not where "will hopefully grab some time" is.
  if (f.rule === 'sure-well-try') {
    const effort = (s: Sentence) => s.tokens.reduce((n, t) => n + (EFFORT_WORDS.has(t.norm) ? 2 : LIKELY[f.rule].has(t.norm) ? 1 : 0), 0);
    let best = at;
    for (const s of r.doc.sentences) if (effort(s) > effort(best) + (f.evidence === 'message' ? 0 : 1)) best = s;
    return best;
  }
  if (f.evidence !== 'message') return at;
  const score = (s: Sentence) =>
    s.tokens.filter((t) => LIKELY[f.rule].has(t.norm) || LIKELY[f.rule].has(t.lemma)).length +
    (f.rule === 'unstated-assumptions' ? s.tokens.filter((_t, i) => isTimeAt(s.tokens, i)).length : 0);
  let best = at;
  for (const s of r.doc.sentences) if (score(s) > score(best)) best = s;
  return best;
}

/** The names, numbers and dates of a sentence, as written and in order. */
function keptIn(r: Read, s: Sentence): string[] {
  const kept: string[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    const x = t[i]!;
    if (x.text === PLACEHOLDER.quote || !(isName(x) || /\d/.test(x.text) || (x.pos !== 'PUNCT' && isTimeAt(t, i)))) continue;
    // A capital that only starts the sentence is no name ("Bug fixing coming soon").
    if (i === 0 && !/\d|[A-Z].*[A-Z]|\./.test(x.text) && x.pos !== 'PROPN') continue;
    let j = i;
    while (j + 1 < t.length && (isName(t[j + 1]!) || /\d/.test(t[j + 1]!.text)) && t[j + 1]!.text !== PLACEHOLDER.link && x.text !== PLACEHOLDER.link) j++;
    kept.push(wholeWords(r, r.span(x, t[j]!)));
    i = j;
  }
  return [...new Set(kept)];
}

/** Facts the message and its context give: what a rewrite uses instead of placeholders, and must keep. */
function factsOf(draft: Read, context: Read | undefined, situations: readonly Situation[]): Facts {
  const dates = new Set<string>();
  const names = new Set<string>();
  for (const r of [draft, context]) {
    if (!r) continue;
    for (const s of r.doc.sentences) {
      const d = deadlineIn(r, s);
      if (d) dates.add(d);
      if (r === draft) for (const t of s.tokens) if (isName(t) && t.text !== PLACEHOLDER.link && t.text !== PLACEHOLDER.mention && !isTime(t)) names.add(r.slice(t, t));
    }
  }
  const numbers = [...new Set([...(draft.text.match(/\d+(?:[.,:]\d+)*/g) ?? []), ...(context?.text.match(/\d+(?:[.,:]\d+)*/g) ?? [])])];
  const options = [...new Set(situations.flatMap((s) => s.options ?? []))];
  return { dates: [...dates], numbers, names: [...names], options };
}

/** The one plan for a message: a situation per finding, the facts to use, the moves to add. */
export function planMessage(text: string, analysis: Pick<Analysis, 'findings'>, context?: string): Plan {
  const r = reader(text);
  const c = context ? reader(context) : undefined;
  const request = c ? requestIn(c) : { question: false };
  const ctx: ContextRead = { ...request, read: c };
  const situations = analysis.findings.map((f) => situationOf(f, r, ctx));
  // An unknown beside an estimate is the estimate's assumption: the merge happens in the rewrite, the plan says so.
  const missing = [...new Set(situations.flatMap((s) => MISSING[s.shape]))];
  return { situations, facts: factsOf(r, c, situations), missing, subject: subjectOf(r, c), asked: request.question };
}

/** One finding's situation, from the docs analyze() already read: what its tip is shaped by. */
export function situationFromDocs(finding: Finding, doc: Doc, context: Doc | undefined): Situation {
  const r = readerOf(doc);
  const c = context ? readerOf(context) : undefined;
  return situationOf(finding, r, { ...(c ? requestIn(c) : { question: false }), read: c });
}

const SHAPE_LABEL: Record<Shape, string> = {
  'accept-deadline': 'takes on a request with a deadline',
  'accept-open': 'takes on a request',
  'decide-among': 'decides between named options',
  'decide-one': 'decides on one option',
  'estimate-bare': 'gives an estimate as a fact',
  'estimate-padded': 'pads an estimate instead of naming the risk',
  'estimate-date': 'gives a date as a fact',
  unknown: 'does not know',
  'blocked-someone': 'is blocked on someone',
  'blocked-thing': 'is waiting on a thing',
  'build-proposed': 'proposes to build something',
  'build-done': 'has built something',
};
const MOVE_LABEL: Record<Move, string> = {
  cost: 'the cost or what gets cut',
  options: 'the options with a cost each',
  range: 'a range and what it assumes',
  'next-step': 'the next step with a time',
  weigh: 'whether it needs to exist or what else was weighed',
};
const MAX_SUMMARY_ITEMS = 6;

/** The plan as a few plain lines: what the message does (the findings say where), the facts to use, the moves it lacks. */
export function summarizePlan(plan: Plan): string {
  const q = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 59)}…` : s);
  const lines = plan.situations.map((s) => {
    const details = [
      s.deadline ? `due ${q(s.deadline)}${s.deadlineFromContext ? ' (from the context)' : ''}` : '',
      s.scope ? `asked: ${q(s.scope)}` : '',
      s.options?.length ? `options: ${s.options.map(q).join(' over ')}` : '',
      s.estimate ? `estimate: ${q(s.estimate)}` : '',
      s.padding ? `padding: ${q(s.padding)}` : '',
      s.unknown ? `unknown: ${q(s.unknown)}` : '',
      s.blocker ? `waits on: ${q(s.blocker)}` : '',
    ].filter(Boolean);
    return `- ${SHAPE_LABEL[s.shape]}${details.length ? `: ${details.join('; ')}` : ''}`;
  });
  const unknown = plan.situations.find((s) => s.shape === 'unknown' && s.unknown);
  if (unknown && plan.situations.some((s) => s.shape.startsWith('estimate-'))) lines.push(`- merge: ${q(unknown.unknown!)} is the estimate's assumption`);
  const list = (xs: readonly string[]) => xs.slice(0, MAX_SUMMARY_ITEMS).map(q).join(', ');
  const facts = [
    plan.facts.dates.length ? `dates ${list(plan.facts.dates)}` : '',
    plan.facts.names.length ? `names ${list(plan.facts.names)}` : '',
    plan.facts.numbers.length ? `numbers ${list(plan.facts.numbers)}` : '',
  ].filter(Boolean);
  if (facts.length) lines.push(`facts to use: ${facts.join('; ')}`);
  if (plan.missing.length) lines.push(`missing: ${plan.missing.map((m) => MOVE_LABEL[m]).join('; ')}`);
  return lines.join('\n');
}
