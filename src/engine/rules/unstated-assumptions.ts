// unstated-assumptions: the writer's own estimate, date or plan given as a bare fact ("done by Friday",
// "it'll take 3 weeks", "soon"), or padded "just in case", with no range, assumption or named risk.
// Not a past date, a question, someone else's date, an absence, or a range ("2-3 days", "a day or two").
import { anyNegated, clauseOf, isQuestion, voiceAt } from '../clauses.ts';
import { cueList, type CueList } from '../cues.ts';
import { Features, familyFeatures, spanOf, type Span } from '../features.ts';
import type { Sentence } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Named periods wink does not always read as dates. */
const WHEN = cueList([
  'eod|eow|eom|cob|eoy', 'over|by|on|this|next the? weekend', 'early|late|mid|end next? week|month|year', 'end of * day|week|month|year|quarter|sprint', 'end of day|week|month|year|quarter|sprint|play|business',
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday', 'tomorrow|tonight|today|tmrw|tmr', 'this|next week|weekend|month|sprint|quarter|year|release|version|milestone|cycle',
  'soon|soonish|shortly|immediately', 'right away', 'asap', 'q1|q2|q3|q4|h1|h2', 'midweek', 'january|february|march|april|june|july|august|september|october|november|december',
  'jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec',
  'next release|version|patch|build', 'later today', 'later this week', 'within * day|days|week|weeks|month|months|hour|hours',
]);

/** Words that look like time but are not a date for the work: greetings, idioms, recurring schedules. */
const NOT_A_DATE = cueList([
  'good morning|afternoon|evening|night', 'morning|evening all|everyone|folks|team|y\'all', 'have a nice|good|great weekend|day|evening|week',
  'happy monday|friday|weekend', 'call it a day', 'at the end of the day', 'day to day', 'these days', 'back in the day', 'one day', 'some day',
  'every|each|per day|week|month|hour|night|morning|monday|tuesday|wednesday|thursday|friday', 'once|twice|times a|per day|week|month|year', 'daily|weekly|nightly|monthly',
]);
/** A time right after these is a schedule or a name, not a date for the work: "every 30 min", "#2016". */
const NOT_A_DATE_BEFORE = new Set(['every', 'each', 'per', '#', 'throughout', 'all']);

/** A duration is a number and a unit: "3 weeks", "ten minutes", "4h". */
const UNITS = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'h', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'wk', 'sprint', 'sprints', 'month', 'months']);
const QUANTITY = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'half', 'couple']);
const isNumber = (t: string) => /^~?\d+(?:\.\d+)?$/.test(t) || QUANTITY.has(t);
const VERSION = /^v?\d+(?:\.\d+)+$|^v\d+$/;
const ORDINAL_DAY = /^\d{1,2}(?:st|nd|rd|th)$/;

/** Delivery: the work will be done, out or in by then. A date on this is an estimate. */
const DELIVER = cueList([
  'done|ready|available|live|complete|finished|fixed|merged|shipped|released|landed|deployed|added', 'be out', 'get|push|put|roll|send|ship * out', 'get|push|put|roll|send out', 'release|ship|land|launch|deploy|publish|cut', 'roll out',
  'finish|complete|deliver|fix|merge', 'wrap up', 'have ** up|ready|done|out|in', 'get ** done|out|in|fixed|merged', 'eta', 'expect|expected|expecting',
  'plan|planning|planned|scheduled|slated|target|targeting|targeted|milestone', 'coming', 'include|included',
]);

/** How long the work takes: with a length of time ("needs 3 weeks", "takes about a day"), an estimate. */
const TAKE = cueList(['take|takes', 'need|needs', 'cost|costs', 'eta', 'estimate|estimated', 'be|is', 'say|budget|allocate|put|book|block|give']);

/** Telling the reader what to expect is the writer's own date: "you can expect it by Friday", "you'll have it Monday". */
const YOU_GET = cueList(['you|u will|can|should|\'ll? expect|have|get|see']);

/** A loose span around the date: "a day or two", "between Sunday and Tuesday", "next few weeks", "2-3 days". */
const RANGE = cueList([
  '* or two|three', 'between', 'couple', 'few', 'give or take', 'or so', 'range', 'at the earliest', 'at least', 'within|over|across|during the next|coming',
]);

/** What the estimate rests on, or the risk to it: "assuming the API holds", "if legal signs off", "last time it took". */
const BASIS = cueList([
  'assuming|assume|assumes', 'provided', 'as long as', 'depending on', 'depends on', 'if', 'unless', 'barring', 'risk|risks|risky',
  'could|might slip', 'contingent', 'caveat', 'confidence', 'based on', 'best|worst case', 'at my|our|the current pace|rate', 'last time', 'from experience',
]);

/** Hope or effort words on the date make it sure-well-try, not a bare estimate ("hopefully by end of week"). */
const HOPE = cueList(['hopefully', 'hope|hoping', 'try|trying', 'do my|our best', 'as soon as', 'with luck', 'aim to', 'wish', 'get to it', 'get around to']);

/** Starting a step, or reporting back, at a time ("I'll look into it tonight", "will report back by 4"): a plan, not an estimate. */
const ACTIVITY = cueList([
  'look|looking into|at', 'start|starting|begin', 'work|working on', 'check', 'review', 'reply|respond', 'read', 'investigate', 'dig', 'report back',
  'know', 'let * know', 'get back', 'update you|everyone|the', 'post', 'follow up', 'circle back', 'confirm', 'hear', 'commit', 'kick off', 'kick * off',
]);

/** Events and logistics at a time, not work delivered: "code freeze starts Wednesday", "the meetup in January". */
const EVENT = cueList(['freeze', 'meeting|meetup|call|sync|standup|retro|demo|interview|conference|session|workshop|offsite', 'vacation|holiday|break']);

/** Away, not a delivery: "I'm out Thursday", "she's off next week", "I have work tomorrow". */
const ABSENCE = cueList([
  'i|we|he|she|they am|are|is|will? be? out|off|away|ooo|offline|unavailable|busy|booked|travelling|traveling|sick',
  'on vacation|holiday|leave|pto', 'out of office', 'day off', 'have work|school|class|classes|exams',
]);

/** Someone else's date: a demand or a deadline the writer repeats, not their own estimate. */
const DEMAND = cueList(['want|wants|wanted', 'due', 'deadline', 'asked|asking for', 'requires|required', 'needs it|this|that by']);

/** How big the work is, said as a fact: "easy fix", "quick one", "a weekend job", "10 minutes of work". */
const SIZE = cueList([
  'quick|easy|trivial|small|simple|tiny one|fix|change|win|job|task|thing|patch', 'simple and quick', 'quick and easy', 'a|an weekend|afternoon|morning|evening|day|week|hour job|thing|task|project',
  "a day's|week's work", '* of work', 'minutes|hours|days of work', 'no time at all', 'in no time', 'tops', 'max|maximum', 'at most',
]);

/** Padding: a buffer instead of a named risk. */
const PADDING = cueList(['just to be safe', 'to be safe', 'just in case', 'in case', 'buffer', 'padded|pad', 'extra one|week|day|sprint', 'to be on the safe side']);

/** Connectors that make two dates one loose span: "this week or Monday", "end of February/beginning of March". */
const JOIN = new Set(['or', 'to', '/', '-', '–', 'until', 'till', 'through']);
const SPAN_JOIN = new Set([...JOIN, 'by', 'the', 'at', 'on']);
/** A clause that points back in time: the date is a report, not a promise. */
const PAST = new Set(['yesterday', 'ago', 'last', 'earlier', 'since', 'was', 'were', 'did', 'had', 'took', 'spent', 'been', 'went', 'came', 'previous']);
/** A clause that holds the date forward ("will", "going to", "should be"), and the ones that commit to it. */
const FUTURE = new Set(['will', 'shall', 'gonna', 'should', 'would', 'could', 'can', 'might', 'may', 'going', 'plan', 'planning', 'need', 'needs']);
const COMMIT = new Set(['will', 'shall', 'gonna', 'should', 'going']);
/** A participle followed by these is a deadline ("done by Friday"), not a past event. */
const DEADLINE = new Set(['by', 'before', 'within', 'until', 'till', 'in', 'for', 'next', 'this', 'tomorrow', 'tonight', 'today', 'soon', 'eod']);
/** "it is scheduled", "will be released": a participle after these is not a past event. */
const PASSIVE = new Set(['is', 'are', 'am', 'be', "'s", "'re", 'being']);

interface When {
  from: number;
  to: number;
  /** a length of time ("3 weeks"), not a point in it */
  duration?: boolean;
  /** a version as the date ("in 2.4") */
  version?: boolean;
}

/** Time expressions in a sentence (token ranges): wink's dates and durations, named periods, number + unit, day ordinals, version targets. */
function timesIn(s: Sentence): When[] {
  const found: When[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.time) {
      let j = i;
      while (j + 1 < t.length && t[j + 1]!.time) j++;
      const run = t.slice(i, j + 1);
      found.push({ from: i, to: j + 1, duration: run.some((x) => UNITS.has(x.lemma)) && run.some((x) => isNumber(x.norm) || x.pos === 'NUM') });
      i = j;
    } else if (isNumber(t[i]!.norm) && t[i + 1] && UNITS.has(t[i + 1]!.norm)) found.push({ from: i, to: i + 2, duration: true });
    else if (ORDINAL_DAY.test(t[i]!.norm)) found.push({ from: i, to: i + 1 });
    else if (VERSION.test(t[i]!.norm) && ['in', 'into', 'for', 'with', 'until', 'by'].includes(t[i - 1]?.norm ?? '')) found.push({ from: i - 1, to: i + 1, version: true });
  }
  for (const h of WHEN.find(s)) found.push({ from: h.from, to: h.to });
  const idioms = NOT_A_DATE.find(s);
  const kept = found
    .filter((w) => !idioms.some((h) => h.from < w.to && w.from < h.to) && !NOT_A_DATE_BEFORE.has(t[w.from - (t[w.from - 1]?.norm === 'the' ? 2 : 1)]?.norm ?? ''))
    .sort((a, b) => a.from - b.from || b.to - a.to)
    .filter((w, k, all) => !all.slice(0, k).some((o) => o.from <= w.from && w.to <= o.to));
  // "Thursday and Friday" is one date
  const merged: When[] = [];
  for (const w of kept) {
    const last = merged.at(-1);
    if (last && w.from === last.to + 1 && ['and', '&'].includes(t[last.to]!.norm)) merged[merged.length - 1] = { ...last, to: w.to };
    else merged.push(w);
  }
  return merged;
}

const inRange = (from: number, to: number) => (h: { from: number; to: number }) => h.from < to && from < h.to;
const tokenSpan = (s: Sentence, from: number, to: number): Span => ({ start: s.tokens[from]!.start, end: s.tokens[to - 1]!.end });

/** A short clause with no verb around the date: "Two days.", "ETA tomorrow", "POC by next Friday". */
const FRAGMENT_WORDS = 4;
function isFragment(s: Sentence, w: When, [from, to]: [number, number]): boolean {
  const clause = s.tokens.slice(from, to);
  const rest = clause.filter((t, k) => (from + k < w.from || from + k >= w.to) && t.pos !== 'PUNCT' && t.pos !== 'SYM');
  return !w.version && rest.length <= FRAGMENT_WORDS && !clause.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

/** The clause around the date points back in time, and no future or deadline word holds it forward. */
function pointsBack(s: Sentence, w: When, [from, to]: [number, number]): boolean {
  const t = s.tokens;
  if (t.slice(from, to).some((x) => FUTURE.has(x.norm))) return false;
  if (t.slice(from, to).some((x) => PAST.has(x.norm))) return true;
  // a past form right before the date without a deadline word: "shipped on Tuesday", "fixed in 2.3"
  for (let k = w.from - 1; k >= from; k--) {
    const x = t[k]!;
    if (x.pos === 'VERB' && x.norm !== x.lemma && /ed$|^done$|^out$/.test(x.norm)) return !DEADLINE.has(t[k + 1]?.norm ?? '') && !PASSIVE.has(t[k - 1]?.norm ?? '');
  }
  return false;
}

/** The date sits in a loose span: a range cue or digit range in its clause, or another date joined by "or", "to", "/". */
function isSpan(s: Sentence, w: When, all: readonly When[], [from, to]: [number, number]): boolean {
  const inner = s.tokens.slice(w.from, w.to);
  const pointOrCount = (x: { pos: string; norm: string }) => x.pos === 'NUM' || x.pos === 'PROPN' || /\d/.test(x.norm);
  if (inner.some((x, k) => SPAN_JOIN.has(x.norm) && x.norm !== 'the' && inner.slice(0, k).some(pointOrCount) && inner.slice(k + 1).some(pointOrCount))) return true;
  if (RANGE.find(s).some(inRange(from, to)) || s.tokens.slice(from, to).some((t) => /^\d+(?:\.\d+)?[-–]\d/.test(t.text))) return true;
  return all.some((o) => {
    const between = o.from >= w.to ? s.tokens.slice(w.to, o.from) : s.tokens.slice(o.to, w.from);
    return o !== w && between.length > 0 && between.length < 4 && between.every((t) => SPAN_JOIN.has(t.norm)) && between.some((t) => JOIN.has(t.norm));
  });
}

const hits = (list: CueList, s: Sentence, from: number, to: number) => list.find(s).filter(inRange(from, to));

/** One date read in its clause: why it is not the writer's own bare estimate, or what kind of estimate it is. */
type Reading = { not: 'question' | 'past' | 'hedged' | 'hope' | 'absence' | 'event' | 'other' | 'activity' } | { kind: 'delivery' | 'fragment' | 'duration' | 'future'; quote: Span };

function readDate(s: Sentence, w: When, times: readonly When[], basis: boolean, asked: boolean): Reading | undefined {
  const clause: [number, number] = [clauseOf(s, w.from)[0], clauseOf(s, w.to - 1)[1]]; // "30-minute" holds a dash
  const [from, to] = clause;
  const words = s.tokens.slice(from, to);
  const fragment = isFragment(s, w, clause);
  // the subject of the clause's first verb: "get back to you midweek" is ours, not the reader's
  const verb = s.tokens.findIndex((t, k) => k >= from && k < to && (t.pos === 'VERB' || t.pos === 'AUX'));
  const voice = verb < 0 ? 'none' : hits(YOU_GET, s, from, to).length ? 'self' : voiceAt(s, verb);
  // a delivery word outside the date and not negated: "next release" alone is a name, "included in the next release" a target
  const delivery = hits(DELIVER, s, from, to).find((h) => !inRange(w.from, w.to)(h) && !anyNegated(s, h.from, h.to));
  const not =
    isQuestion(s) && !(fragment && asked) ? 'question' // but "uh, two weeks-ish?" answering "how long?" is an estimate
    : pointsBack(s, w, clause) ? 'past'
    : isSpan(s, w, times, clause) || basis ? 'hedged'
    : HOPE.find(s).length ? 'hope'
    : ABSENCE.find(s).length ? 'absence'
    : hits(EVENT, s, from, to).length && !delivery ? 'event'
    : hits(DEMAND, s, from, to).length || voice === 'other' || voice === 'you' ? 'other'
    : undefined;
  if (not) return { not };
  const span = tokenSpan(s, w.from, w.to);
  if (delivery) return { kind: 'delivery', quote: tokenSpan(s, Math.min(delivery.from, w.from), Math.max(delivery.to, w.to)) };
  if (fragment) return { kind: 'fragment', quote: span };
  if (hits(ACTIVITY, s, from, to).length) return { not: 'activity' };
  if (w.duration && (words.some((t) => FUTURE.has(t.norm)) || hits(TAKE, s, from, to).length)) return { kind: 'duration', quote: span };
  if (words.some((t) => COMMIT.has(t.norm))) return { kind: 'future', quote: span };
  return undefined;
}

export const unstatedAssumptions: Rule = {
  id: 'unstated-assumptions',
  examples: {
    flag: [
      { text: 'The search reindex will be done by Friday.' },
      { text: "it'll take 3 weeks" },
      { text: 'next week', context: 'when can we expect the invoicing fix on staging?' },
      { text: "Let's say four sprints for the rewrite, plus an extra one just in case." },
      { text: 'Easy fix, ten minutes.' },
      { text: 'Done by end of sprint.' },
    ],
    pass: [
      { text: "2-3 days, assuming the payments API doesn't change under us." },
      { text: 'The outage started on Tuesday at 14:05 and was fixed an hour later.' },
      { text: 'Will the migration be done by Friday?' },
      { text: 'A day or two, depending on how the review goes.' },
      { text: "I'm out Thursday, back on Monday." },
      { text: "I'll check the logs and report back by 4." },
    ],
  },
  message: (quote) => `"${quote}" gives a date or estimate as a fact: no range, no assumption, no named risk.`,
  tip: 'Give a range and what it rests on: "2-3 weeks, assuming A. If the migration lands first, add one; I\'ll know by Tuesday."',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const asked = !!signals.context?.asksWhen;
    doc.sentences.forEach((s, i) => {
      const [prev, next] = [doc.sentences[i - 1], doc.sentences[i + 1]];
      // "5 days, if Mei pairs", "at my current pace, Friday", "5 days. Assuming Mei pairs." or "Last time it took 3 days. So Friday."
      const basis = BASIS.find(s).length > 0 || (!!next && BASIS.find(next).some((h) => h.from <= 1)) || (!!prev && BASIS.find(prev).length > 0);
      const times = timesIn(s);
      for (const w of times) {
        const span = tokenSpan(s, w.from, w.to);
        f.add('when', 1, span);
        const r = readDate(s, w, times, basis, asked);
        if (r && 'not' in r) f.add(`when.${r.not}`, 1, span);
        if (!r || 'not' in r) continue;
        f.add(`estimate.${r.kind}`, 1, r.quote);
        f.add('estimate', 1, r.quote);
        if (asked) f.add('estimate+asked', 1, r.quote);
        if (s.tokens.length <= 8) f.add('estimate.short', 1, r.quote);
      }
    });
    // sizing the work as a fact ("a weekend job") or padding it ("plus one just in case") is an estimate too
    const sized = familyFeatures(f, doc, 'size', SIZE, { voices: ['self', 'none', 'thing'] });
    const padded = familyFeatures(f, doc, 'padding', PADDING, { pastCounts: true });
    for (const h of [...sized, ...padded].filter((h) => !f.has('when.hedged'))) {
      f.add('estimate', 1, spanOf(h));
      f.add(sized.includes(h) ? 'estimate.size' : 'estimate.padding', 1, spanOf(h));
    }
    if (doc.sentences.some((s) => BASIS.find(s).length)) f.add('basis');
    return f;
  },
};
