// sure-well-try: taking on a deadline, added scope or a request with effort words instead of its cost.
// "sure, we'll try" under "can you add SSO by Friday?" is the gap; "sure!" under "want coffee?" is not.
import { clauseOf, type Voice } from '../clauses.ts';
import { cueList, type CueList } from '../cues.ts';
import { Features, familyFeatures, readHits, spanOf, type ReadHit } from '../features.ts';
import type { Doc } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures, type Signals } from '../signals.ts';

/** Verbs that promise only with nothing after them: "we'll try", "I'll manage", not "try the nightly", "manage the state". */
const TRY = cueList(['try|attempt', 'manage|cope']);
/** What may follow such a verb when it promises: "to", "and", "my best", "hard", or the end of the clause. */
const TRY_PROMISE_NEXT = new Set(['to', 'and', 'my', 'our', 'hard', 'harder', 'for', 'though', 'tho', 'anyway', 'after', 'later', 'again', 'when', 'once', 'if', 'but']);

/** Effort idioms: the outcome is left to effort. */
const BEST = cueList([
  'do|try my|our best|hardest|utmost', 'best effort', 'best-effort', 'give it a|my|our shot|go|try', 'give it * shot|go|try', 'take a stab|swing|crack',
  'do what * can', 'see what * can do', 'see if * can', 'do everything * can', 'whatever it takes', 'push for', 'aim to|for', 'shoot for',
]);

/** Hope and luck standing in for a plan. */
const HOPE = cueList([
  'hopefully', 'hope|hoping to', 'hope|hoping i|we|it will|can|could|should', 'fingers crossed', 'with luck', 'with any luck', 'if all goes well', 'knock on wood', 'wish we could',
]);

/** Hoping to be busy with it is no commitment: "I'm hoping to work on it next week" (hoping to ship it is). */
const HOPE_VAGUE = cueList([
  'hope|hoping to work|look|think|start|play|dig|check|explore|tinker|revisit|investigate', 'hopefully ** give|work|look|think|start|check|investigate',
]);

/** Capacity asserted, not planned: "should be able to", "should be doable". */
const ABLE = cueList([
  'should|might|may be able to', 'should be doable|possible|fine|easy|no problem|straightforward', 'should be * doable|possible|easy|straightforward', 'doable',
  'can probably|prob|likely',
]);

/** Vague timing on a promise: "as soon as I can", "when I get a chance", "I'll get to it". */
const WHEN_I_CAN = cueList([
  'as soon as * can', 'as soon as possible', 'asap', 'when * can', 'when * get|have|find a|some|the time|chance|moment|minute', 'if * have|get * time',
  'when time permits|allows', 'get to it|this|that', 'get around to', 'when things calm|settle',
]);

/** Absorbing the work by effort: the cost is paid in overtime or silence. */
const ABSORB = cueList([
  'make it work|happen|fit', 'make ** work|happen', 'squeeze ** in', 'squeeze in', 'cram ** in', 'fit ** in', 'find|make time|the time|some time',
  'get it|that|this done', 'get it over the line', 'pull it off', 'figure it out', 'over the weekend', 'overtime', 'work|stay late',
  'crunch', 'grind|grinding', 'push through', 'somehow', 'one way or another',
]);

/** Disowning the outcome of what is taken on. */
const NO_PROMISE = cueList(['no promises', 'no guarantees', 'can not promise|guarantee']);

/** The senior half the shared signals miss: the slip said out loud, or the condition the date rests on. */
const SENIOR = cueList([
  'not going to|gonna make', 'will not|can not make it|the', 'miss|missing the date|deadline|release', 'not both', 'descope|de-scope',
  'cut|drop|defer * scope', 'pushed|push * back', 'bump|bumps * to', 'if no|nothing', 'assuming', 'provided that', 'as long as', 'barring',
]);

/** Deadlines wink does not read as dates. */
const DEADLINE = cueList(['eod|eow|cob|eom', 'end of * sprint', 'before * freeze|demo|launch|release']);

/** Saying yes: a gap only when it takes on a request without naming what it costs. */
const ACCEPT = cueList([
  'sure', 'yes', 'yep', 'yeah', 'ok|okay', 'no problem', 'np', 'of course', 'absolutely', 'will do', 'on it', 'can do',
  'consider it done', 'you got it', 'count me|us in', 'deal', 'fine', 'leave it with me', 'confirmed', 'definitely',
]);
/** "yes" counts as taking the request on only near the start of the reply. */
const LEAD_TOKENS = 4;

/** Effort words about the work ("it should be doable") are the writer's too; only you/they are someone else's. (voiceAt
 * also reads an object as the subject, "should have it out hopefully", so 'thing' must count.) */
const VOICES: readonly Voice[] = ['self', 'none', 'thing'];

const FAMILIES: readonly (readonly [string, CueList])[] = [
  ['best', BEST], ['hope', HOPE], ['able', ABLE], ['when-i-can', WHEN_I_CAN], ['absorb', ABSORB], ['no-promise', NO_PROMISE],
];

/** An attempt, not an experiment: "I'll try to ship it", "we'll try", not "try the nightly". */
function isAttempt(h: ReadHit): boolean {
  const next = h.sentence.tokens[h.to];
  return !next || next.pos === 'PUNCT' || next.time || TRY_PROMISE_NEXT.has(next.norm);
}

/** The hit's sentence names a date or a deadline: effort words on one's own deadline are the gap even unasked. */
const dated = (h: ReadHit) => h.sentence.tokens.some((t) => t.time) || DEADLINE.find(h.sentence).length > 0;

/** A habit or a report, not a promise: "I try to release quarterly", "been trying to get it built". */
function isHabitOrReport(h: ReadHit): boolean {
  const [from] = clauseOf(h.sentence, h.from);
  const before = h.sentence.tokens.slice(from, h.from);
  return before.some((t) => t.norm === 'been') || (h.tense === 'present' && h.voice === 'self' && h.sentence.tokens[h.from]?.norm === 'try');
}

function effortHits(f: Features, doc: Doc): ReadHit[] {
  const own: ReadHit[] = [];
  for (const [name, list] of FAMILIES) own.push(...familyFeatures(f, doc, name, list, { voices: VOICES }));
  const tries = familyFeatures(f, doc, 'try', TRY, { voices: VOICES }).filter(isAttempt);
  for (const h of tries) f.add('try.attempt', 1, spanOf(h));
  const vague = (h: ReadHit) => HOPE_VAGUE.find(h.sentence).some((v) => v.from === h.from);
  return [...own, ...tries].filter((h) => !isHabitOrReport(h) && !vague(h));
}

export const sureWellTry: Rule = {
  id: 'sure-well-try',
  examples: {
    flag: [
      { text: "sure, we'll try to get it in", context: 'can you also add SSO before the Friday release?' },
      { text: "No problem, I'll squeeze the export in somehow", context: 'could the team also ship CSV export this sprint?' },
      { text: "I'll do my best to have the billing fix out by Thursday" },
      { text: 'hopefully by end of week!', context: 'when will the retry fix land?' },
      { text: "should be doable, we'll make it happen before the freeze", context: 'could we also get the audit export in for 3.2?' },
    ],
    pass: [
      { text: 'sure!', context: 'want to grab coffee after standup?' },
      { text: 'sure, I can review it after lunch' },
      { text: 'We can add SSO by Friday, but the audit log then slips a week. Which matters more?', context: 'can you add SSO by Friday too?' },
      { text: 'I tried the nightly build yesterday and it crashed the same way.' },
      { text: "I'm hoping to look into the flaky upload test next week." },
      { text: 'Try the beta channel, it already has the pagination fix.' },
    ],
  },
  message: (quote) => `"${quote}" takes the work on with effort words: what it costs or what gets cut stays unsaid.`,
  tip: 'Name the trade: "We can do A or B by Friday, not both. Which matters more?"',
  features(doc, signals: Signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const effort = effortHits(f, doc);
    const first = doc.sentences[0];
    const lead = first ? readHits({ ...doc, sentences: [first] }, ACCEPT).filter((h) => h.from < LEAD_TOKENS && !h.question && !h.negated) : [];
    for (const h of lead) f.add('accept.lead', 1, spanOf(h));
    const ctx = signals.context;
    const asked = !!ctx && (ctx.request || ctx.scope || ctx.time || ctx.asksWhen);
    const senior = signals.cost || signals.range || doc.sentences.some((x) => SENIOR.find(x).length > 0);
    const hit = effort[0];
    if (hit) {
      const span = spanOf(hit);
      f.add('effort.own', 1, span);
      if (asked) f.add('effort.own+asked', 1, span);
      const onDate = effort.find(dated);
      if (onDate) f.add('effort.own+date', 1, spanOf(onDate));
      if (!senior) f.add('effort.own+no-cost', 1, span);
      const promise = effort.find((h) => h.voice === 'self' && (h.tense === 'future' || h.tense === 'modal'));
      if (promise) f.add('effort.own+promise', 1, spanOf(promise));
    }
    if (lead.length && asked) f.add('accept.lead+asked', 1, spanOf(lead[0]!));
    if (lead.length && asked && !senior) f.add('accept.lead+asked+no-cost', 1, spanOf(lead[0]!));
    return f;
  },
};
