// Signals several rules read: what the message already says (a cost, a range, a next step) and what the message
// it replies to asks for (a request, a date, a choice). Cue lists are data; see cues.ts for the notation.
import { isQuestion, plannedActions } from './clauses.ts';
import { cueList } from './cues.ts';
import { Features, mentions } from './features.ts';
import type { Doc } from './nlp.ts';

/** A cost, a downside, an alternative weighed, or what gets cut: the senior half of a decision. */
export const COST = cueList([
  'downside|downsides', 'drawback|drawbacks', 'tradeoff|tradeoffs', 'trade-off|trade-offs', 'trade off', 'cost|costs', 'con|cons',
  'at the expense', 'on the other hand', 'vs', 'versus', 'compared|comparing', 'alternatively', 'alternatives', 'options', 'either',
  'learning curve', 'caveat|caveats', 'price', 'expensive', 'overhead', 'slip|slips', 'push|pushes|pushing * back|out|by', 'delay|delays',
  'not both', 'which matters more', 'only if', 'in exchange', 'give up', 'we|you lose|lost', 'worse', 'slower', 'harder', 'pros and cons', 'revisit',
  'weigh|weighed', 'considered', 'looked at', 'evaluated', 'if we drop|cut|skip|move', 'instead we|you', 'means * can not', 'at the cost',
]);

/** A softer turn: "but", "however". Real threads use it everywhere, so it is its own signal. */
const CONTRAST = cueList(['but', 'however', 'although', 'though', 'whereas', 'unless', 'risk|risks|risky']);

/** A range or a loose span: "2-3 days", "a day or two", "between Sunday and Tuesday", "next few weeks". */
export const RANGE = cueList(['* or two|three', 'between * and', 'between', 'couple', 'few', 'give or take', 'or so', 'range', 'at the earliest', 'at the latest']);

/** A stated assumption, risk or condition: "assuming the API doesn't change", "if legal signs off". */
export const ASSUMPTION = cueList([
  'assuming|assume|assumes', 'provided', 'as long as', 'depending on', 'depends on', 'if', 'unless', 'barring', 'risk|risks',
  'could slip', 'might slip', 'contingent', 'caveat', 'worst case', 'best case', 'confidence', 'likely|probably',
  'based on', 'at my|our|the current pace|rate', 'last time', 'from experience', 'so far', 'once', 'after', 'until', 'if nothing', 'as is',
]);

/** A way forward: what the writer will do to find out or to move it, or a concrete ask of the reader. */
export const NEXT_STEP = cueList([
  'i|we will|shall check|look|dig|investigate|ask|ping|try|test|debug|bisect|profile|follow|update|report|post|share|reach|escalate|dig|trace|compare|verify|reproduce|find|figure|open|file|chase|sync|loop|circle|get|keep|let',
  'i|we am|are|is going to check|look|dig|investigate|ask|ping|try|test|debug|bisect|profile|follow|update|report|post|share|reach|escalate',
  'gonna check|look|dig|investigate|ask|ping|try|test|debug|bisect|profile|update|report',
  'let me check|look|dig|ask|ping|try|test|find|figure|see|know', "i'd check|look|start|try|ask|bisect|test|profile",
  'next step|steps', 'meanwhile', 'in the meantime', 'for now i|we', 'i|we have|\'ve asked|pinged|emailed|contacted|escalated|opened|filed',
  'i|we asked|pinged|emailed|contacted|escalated|opened|filed', 'report back', 'get back to you', 'keep you posted', 'let you know',
  'will update', 'update * by|tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday', 'can you|u check|share|send|try|confirm|provide|post|test|look',
  'could you|u check|share|send|try|confirm|provide|post|test|look', 'please check|share|send|try|confirm|provide|post|test|attach|run',
  'working on a fix', 'workaround', 'plan is', 'my plan', 'first i|we will|\'ll',
]);

/** The message replied to asks for something to be done: "can you also add SSO?", "could we get a release out?". */
const REQUEST = cueList([
  'can|could|would you|u|we|somebody|someone', 'will you', 'please', 'pls|plz', 'is it possible', 'any chance', 'would it be possible',
  'need|needs you|us|this|it', 'want|wants * by', 'asked|asking if|whether|for', 'take this|over', 'also', 'too', 'as well', 'on top',
  'doable', 'deadline', 'in time for', 'before the', 'by the',
]);

/** The message replied to asks when or how long: the answer is an estimate. */
const ASKS_WHEN = cueList([
  'when', 'eta', 'how long', 'timeline', 'timeframe', 'time frame', 'any update|updates|news|progress', 'roadmap', 'schedule|scheduled',
  'release|released', 'expected', 'still on track', 'how soon', 'date',
]);

/** Work added on top of what was planned: "also", "too", "on top of", "as well". */
const ADDS_SCOPE = cueList(['also', 'too', 'as well', 'on top', 'in addition', 'another', 'one more', 'instead of the', 'moved up', 'forward']);

export interface Signals {
  words: number;
  sentences: number;
  allQuestions: boolean;
  cost: boolean;
  range: boolean;
  assumption: boolean;
  nextStep: boolean;
  /** the writer's own next action, found by structure (clauses.ts plannedActions) */
  plan: boolean;
  contrast: boolean;
  /** a question or a request to the reader inside a message that is not all questions: the work is handed over */
  asksReader: boolean;
  /** wink found a date, time or duration */
  time: boolean;
  context?: ContextSignals;
}

/** What the message replied to asks for. Rules read only these, so needsContext can try them all on. */
export interface ContextSignals {
  request: boolean;
  asksWhen: boolean;
  scope: boolean;
  time: boolean;
  question: boolean;
  /** names options ("A or B?") and no cost */
  offersOptions: boolean;
}

/** The context that asks the most of a reply: what needsContext tries before fetching the real one. */
export const DEMANDING_CONTEXT: ContextSignals = { request: true, asksWhen: true, scope: true, time: true, question: true, offersOptions: true };

export function signalsOf(doc: Doc, context: Doc | undefined): Signals {
  const words = doc.sentences.reduce((n, s) => n + s.tokens.filter((t) => t.pos !== 'PUNCT' && t.pos !== 'SYM').length, 0);
  return {
    words,
    sentences: doc.sentences.length,
    allQuestions: doc.sentences.length > 0 && doc.sentences.every(isQuestion),
    cost: mentions(doc, COST),
    range: mentions(doc, RANGE) || doc.sentences.some((s) => s.tokens.some((t) => /^\d+(?:\.\d+)?[-–]\d/.test(t.text))),
    assumption: mentions(doc, ASSUMPTION),
    nextStep: mentions(doc, NEXT_STEP),
    plan: doc.sentences.some((s) => plannedActions(s).length > 0),
    contrast: mentions(doc, CONTRAST),
    asksReader: doc.sentences.length > 1 && doc.sentences.some(isQuestion) && !doc.sentences.every(isQuestion),
    time: doc.sentences.some((s) => s.tokens.some((t) => t.time)),
    context: context && context.sentences.length > 0
      ? {
          request: mentions(context, REQUEST),
          asksWhen: mentions(context, ASKS_WHEN),
          scope: mentions(context, ADDS_SCOPE),
          time: context.sentences.some((s) => s.tokens.some((t) => t.time)),
          question: context.sentences.some(isQuestion),
          offersOptions: context.sentences.some((s) => s.tokens.some((t) => t.norm === 'or')) && !mentions(context, COST),
        }
      : undefined,
  };
}

/** The message-level features every rule offers the scorer; each rule's weights decide what they mean for it. */
export function addSignalFeatures(f: Features, sig: Signals): void {
  if (sig.words <= 6) f.add('short');
  if (sig.words > 60) f.add('long');
  f.add('log-words', Math.log1p(sig.words) / 5);
  if (sig.allQuestions) f.add('all-questions');
  if (sig.cost) f.add('names-cost');
  if (sig.range) f.add('range');
  if (sig.assumption) f.add('assumption');
  if (sig.nextStep) f.add('next-step');
  if (sig.plan) f.add('plan');
  if (sig.nextStep || sig.plan) f.add('way-forward');
  if (sig.contrast) f.add('contrast');
  if (sig.asksReader) f.add('asks-reader');
  if (sig.time) f.add('time');
  const c = sig.context;
  if (!c) return;
  f.add('ctx');
  if (c.request) f.add('ctx.request');
  if (c.asksWhen) f.add('ctx.asks-when');
  if (c.scope) f.add('ctx.adds-scope');
  if (c.time) f.add('ctx.time');
  if (c.question) f.add('ctx.question');
  if (c.offersOptions) f.add('ctx.offers-options');
}
