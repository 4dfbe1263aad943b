// unstated-assumptions: the writer's own estimate, date or plan given as a bare fact ("done by Friday",
// "it'll take 3 weeks", "soon"), or padded "just in case", with no range, assumption or named risk.
// Not a past date, a question, someone else's date, or a range ("2-3 days", "a day or two").
import { isQuestion, tenseAt } from '../clauses.ts';
import { cueList } from '../cues.ts';
import { Features, familyFeatures, isOwnStatement, readHits, spanOf, type Span } from '../features.ts';
import type { Sentence } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures, ASSUMPTION, RANGE } from '../signals.ts';

/** Named periods wink does not always read as dates. */
const WHEN = cueList([
  'eod|eow|eom|cob|eoy', 'over|by|on|this|next the? weekend', 'this|next week|weekend|month', 'early|late|mid|end next? week|month|year', 'end of * day|week|month|year|quarter|sprint', 'end of day|week|month|year|quarter|sprint|play|business',
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday', 'tomorrow|tonight|today|tmrw|tmr', 'this|next week|weekend|month|sprint|quarter|year|release|version|milestone|cycle',
  'soon|soonish|shortly', 'very soon', 'in the coming days|weeks', 'asap', 'q1|q2|q3|q4|h1|h2', 'midweek', 'mid *',
  'january|february|march|april|june|july|august|september|october|november|december', 'next release|version|patch|build',
  'by the weekend', 'later today|this week', 'within * day|days|week|weeks|month|months|hour|hours',
]);

/** A duration is a number and a unit: "3 weeks", "ten minutes", "a day of work". */
const UNITS = new Set(['minute', 'minutes', 'min', 'mins', 'hour', 'hours', 'hr', 'hrs', 'day', 'days', 'week', 'weeks', 'wk', 'sprint', 'sprints', 'month', 'months']);
const QUANTITY = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'half', 'couple']);
const isNumber = (t: string) => /^~?\d+(?:\.\d+)?$/.test(t) || QUANTITY.has(t);
const VERSION = /^v?\d+(?:\.\d+)+$|^v\d+$/;

/** Delivery: the work will be done, out or take that long by then. A date on this is an estimate. */
const DELIVER = cueList([
  'done|ready|out|available|live|complete|finished|fixed|merged|shipped|released|there|in', 'release|ship|land|launch|deploy|publish|cut|roll out',
  'finish|complete|wrap up|wraps up', 'have * pr|it|this|that|one up|ready|done', 'take|takes', 'need|needs', 'job|work|effort', 'eta', 'expect|expected|expecting',
  'plan|planning|planned|scheduled|target|targeting|targeted|aim|aiming', 'coming', 'happen', 'get * done|out|in|fixed', 'include|included', 'add|added',
]);

/** Starting or doing a step at a time ("I'll look into it tonight", "I'll start tomorrow"): a plan, not an estimate. */
const ACTIVITY = cueList(['look|looking into|at', 'start|starting|begin', 'work on|working on', 'check', 'review', 'reply|respond', 'read', 'try|trying', 'investigate', 'dig', 'commit']);

/** How big the work is, said as a fact: "easy fix", "quick one", "a weekend job", "10 minutes of work". */
const SIZE = cueList([
  'quick|easy|trivial|small|simple|tiny one|fix|change|win|job|task|thing|patch', 'simple and quick', 'quick and easy', 'a|an weekend|afternoon|morning|evening|day|week|hour job|thing|task|project',
  "a day's|week's work", '* of work', 'minutes|hours|days of work', 'no time at all', 'in no time', 'tops', 'max|maximum', 'at most',
]);

/** Hope or effort words around a date make it sure-well-try, not a bare estimate ("hopefully by end of week"). */
const HOPE = cueList(['hopefully', 'hope|hoping', 'try|trying', 'do my|our best', 'as soon as', 'asap', 'with luck', 'aim to', 'wish']);

/** Padding: a buffer instead of a named risk. */
const PADDING = cueList(['just to be safe', 'to be safe', 'just in case', 'in case', 'buffer', 'padded|pad', 'extra one|week|day|sprint', 'to be on the safe side']);

/** Time expressions in a sentence: wink's dates and durations, our named periods, number + unit, version targets. */
function timesIn(s: Sentence): Span[] {
  const spans: Span[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.time) {
      let j = i;
      while (j + 1 < t.length && t[j + 1]!.time) j++;
      spans.push({ start: t[i]!.start, end: t[j]!.end });
      i = j;
    } else if (isNumber(t[i]!.norm) && t[i + 1] && UNITS.has(t[i + 1]!.norm)) {
      spans.push({ start: t[i]!.start, end: t[i + 1]!.end });
    } else if (VERSION.test(t[i]!.norm) && ['in', 'into', 'for', 'with', 'until', 'by'].includes(t[i - 1]?.norm ?? '')) {
      spans.push({ start: t[i - 1]!.start, end: t[i]!.end });
    }
  }
  for (const h of WHEN.find(s)) spans.push(spanOf(h));
  return spans;
}

export const unstatedAssumptions: Rule = {
  id: 'unstated-assumptions',
  examples: {
    flag: [
      { text: 'The search reindex will be done by Friday.' },
      { text: "it'll take 3 weeks" },
      { text: 'next week', context: 'when can we expect the invoicing fix on staging?' },
      { text: "Let's say four sprints for the rewrite, plus an extra one just in case." },
    ],
    pass: [
      { text: "2-3 days, assuming the payments API doesn't change under us." },
      { text: 'The outage started on Tuesday at 14:05 and was fixed an hour later.' },
      { text: 'Will the migration be done by Friday?' },
      { text: 'A day or two, depending on how the review goes.' },
    ],
  },
  message: (quote) => `"${quote}" gives a date or estimate as a fact: no range, no assumption, no named risk.`,
  tip: 'Give a range and what it rests on: "2-3 weeks, assuming A. If the migration lands first, add one; I\'ll know by Tuesday."',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    for (const s of doc.sentences) {
      const times = timesIn(s);
      if (!times.length) continue;
      const span = times[0]!;
      const question = isQuestion(s);
      const past = tenseAt(s, 0, s.tokens.length) === 'past';
      const hedged = RANGE.find(s).length > 0 || ASSUMPTION.find(s).length > 0 || s.tokens.some((t) => /^\d+[-–]\d+/.test(t.text));
      const own = (list: typeof DELIVER) => readHits({ ...doc, sentences: [s] }, list).filter((h) => isOwnStatement(h, { voices: ['self', 'none', 'thing'] }));
      const delivers = own(DELIVER).length > 0;
      const activity = own(ACTIVITY).length > 0;
      f.add('when', 1, span);
      if (question) f.add('when.question', 1, span);
      if (past) f.add('when.past', 1, span);
      if (hedged) f.add('when.hedged', 1, span);
      if (HOPE.find(s).length) f.add('when+hope', 1, span);
      if (activity && !delivers) f.add('when+activity', 1, span);
      if (question || hedged || past) continue;
      if (delivers) f.add('when.own+delivery', 1, span);
      if (s.tokens.length <= 6) f.add('when.bare', 1, span);
    }
    familyFeatures(f, doc, 'size', SIZE, { voices: ['self', 'none', 'thing'] });
    familyFeatures(f, doc, 'padding', PADDING);
    if (signals.context?.asksWhen && f.has('when') && !f.has('when.hedged')) f.add('when+asked', 1, f.spans.get('when'));
    return f;
  },
};
