// sure-well-try: taking on a deadline, added scope or a request with effort words instead of its cost.
// "sure, we'll try" under "can you add SSO by Friday?" is the gap; "sure!" under "want coffee?" is not.
import { cueList } from '../cues.ts';
import { Features, familyFeatures, readHits, spanOf } from '../features.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Trying instead of committing: the outcome is left to effort or luck. */
const ATTEMPT = cueList([
  'try', 'do|try my|our best', 'do what * can', 'see what * can do', 'see if * can', 'give it a shot|go|try', 'take a stab|swing',
  'best effort', 'best-effort', 'aim to|for', 'shoot for', 'hope|hoping to', 'hopefully', 'fingers crossed', 'with luck', 'with any luck',
  'if all goes well', 'wish we could', 'if * have|get time', 'when * have|get time', 'as soon as * can', 'as soon as possible', 'asap',
  'no promises', "can't promise", 'should be able to', 'might be able to', 'should be doable|possible|fine', 'doable', 'push for',
  'we will see', 'will see', 'when i can', 'get to it', 'get around to',
]);

/** Absorbing the work by effort: the cost is paid in overtime or silence. */
const EFFORT = cueList([
  'make it work|happen', 'make ** work|happen', 'squeeze ** in', 'squeeze in', 'cram ** in', 'fit ** in', 'find time|the time',
  'find some time', 'make time', 'manage', 'get it done', 'get that done', 'get it over the line', 'pull it off', 'figure it out',
  'over the weekend', 'overtime', 'work late', 'stay late', 'crunch', 'grind', 'push through', 'somehow', 'one way or another',
]);

/** Saying yes: a gap only when it takes on a request without naming what it costs. */
const ACCEPT = cueList([
  'sure', 'yes', 'yep', 'yeah', 'ok|okay', 'no problem', 'np', 'of course', 'absolutely', 'will do', 'on it', 'can do',
  'consider it done', 'you got it', 'count me|us in', 'deal', 'fine', 'leave it with me', 'confirmed', 'definitely',
]);
/** "yes" counts as taking the request on only near the start of the reply. */
const LEAD_TOKENS = 4;

export const sureWellTry: Rule = {
  id: 'sure-well-try',
  examples: {
    flag: [
      { text: "sure, we'll try to get it in", context: 'can you also add SSO before the Friday release?' },
      { text: "No problem, I'll squeeze the export in somehow", context: 'could the team also ship CSV export this sprint?' },
      { text: "I'll do my best to have the billing fix out by Thursday" },
      { text: 'hopefully by end of week!', context: 'when will the retry fix land?' },
    ],
    pass: [
      { text: 'sure!', context: 'want to grab coffee after standup?' },
      { text: 'sure, I can review it after lunch' },
      { text: 'We can add SSO by Friday, but the audit log then slips a week. Which matters more?', context: 'can you add SSO by Friday too?' },
      { text: 'I tried the nightly build yesterday and it crashed the same way.' },
    ],
  },
  message: (quote) => `"${quote}" takes the work on with effort words: what it costs or what gets cut stays unsaid.`,
  tip: 'Name the trade: "We can do A or B by Friday, not both. Which matters more?"',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const attempt = familyFeatures(f, doc, 'attempt', ATTEMPT);
    const effort = familyFeatures(f, doc, 'effort', EFFORT);
    const first = doc.sentences[0];
    const lead = first ? readHits({ ...doc, sentences: [first] }, ACCEPT).filter((h) => h.from < LEAD_TOKENS && !h.question) : [];
    for (const h of lead) f.add('accept.lead', 1, spanOf(h));
    const ctx = signals.context;
    const asked = !!ctx && (ctx.request || ctx.scope || ctx.time);
    for (const [name, hits] of [['attempt', attempt], ['effort', effort]] as const) {
      if (!hits.length) continue;
      const span = spanOf(hits[0]!);
      if (asked) f.add(`${name}.own+asked`, 1, span);
      if (signals.time) f.add(`${name}.own+date`, 1, span);
      if (!signals.cost) f.add(`${name}.own+no-cost`, 1, span);
    }
    if (lead.length && asked) f.add('accept.lead+asked', 1, spanOf(lead[0]!));
    if (lead.length && asked && !signals.cost) f.add('accept.lead+asked+no-cost', 1, spanOf(lead[0]!));
    return f;
  },
};
