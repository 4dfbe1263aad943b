// no-next-step: not knowing, or being blocked, and stopping there ("no idea why", "waiting on design").
// Not when the message goes on to how to find out or what happens meanwhile ("not sure - I'll check the logs").
// Any plan is not a way forward: "waiting on upstream, then I'll open the PR" only names the dependency.
import { isConditional, isQuestion, plannedActions, tenseAt, voiceAt } from '../clauses.ts';
import { cueList, type CueHit } from '../cues.ts';
import { Features, familyFeatures, readHits, spanOf, type ReadHit, type Span } from '../features.ts';
import type { Doc, Sentence } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures, type Signals } from '../signals.ts';

/** Not knowing. The negation is part of the cue. */
const UNKNOWN = cueList([
  'do not know|understand', 'not sure', 'unsure', 'no idea|clue', 'not a clue', 'idk', 'dunno', 'unclear', 'hard|difficult|impossible to say|tell',
  'can not say|tell', 'who knows', 'can not figure|work out', 'unable to figure', 'have not figured', 'beats me', 'at a loss', 'not certain',
  'no explanation', 'undecided', 'stumped', 'baffled', 'clueless', 'scratching * head|heads', 'no visibility',
]);

/** Puzzled by what happens: a bug report may say it and still be a plain problem statement. */
const PUZZLED = cueList([
  'weird', 'strange', 'puzzled|puzzling', 'mystified', 'mystery', 'makes no sense', 'does not make sense', 'for whatever|some reason',
  'can not reproduce|repro', 'no luck', 'still investigating',
]);

/** No date to give. */
const NO_DATE = cueList([
  'no eta|timeline|timeframe|estimate', 'eta|timeline|date tbd|tba', 'wait and see', 'when it is ready|done', 'can not|never predict|estimate|give|promise',
  'unknown',
]);

/** Nothing to be done. */
const HELPLESS = cueList([
  'no way to', 'not much * can do', 'nothing * can do', 'out of * hands', 'out of ideas|options', 'no more ideas', 'dead end', 'what else to try|do|check',
  'anyone\'s|anybody\'s guess', 'your guess is as good',
]);

/** Being blocked or waiting on someone else. A negation cancels it ("no blocker", "not stuck anymore"). */
const BLOCKED = cueList([
  'blocked|blocking|blocker', 'waiting on|for|until', 'wait for|until|on', 'on hold', 'stuck', 'pending', 'held up', 'has|have to wait',
  'parked', 'limbo', 'at risk', 'on ice', 'ball is in',
]);

/** Cannot act: the negation is part of the cue ("can't start until the spec is final"). */
const CANT = cueList(['can not really|even? start|proceed|continue|integrate|move|begin|ship|merge|test|do|release|deploy|finish|troubleshoot|connect']);

/** "It depends": a gap only left bare; "depends on the vendor's API" names what it hangs on. */
const DEPENDS = cueList(['it depends', 'depends', 'depending']);

/** Figures of speech and opinions, not uncertainty: "not sure if you saw", "I don't know about you", "not sure it's worth it". */
const NOT_UNCERTAINTY = cueList([
  'not sure if|whether you|anyone|everyone|folks saw|seen|heard|noticed|know', 'do not know about|of', 'not sure * worth',
]);

/** It was dealt with: a report, not a question left hanging. */
const RESOLVED = cueList(['fixed', 'resolved', 'solved', 'works now', 'working now', 'fine now', 'worked around', 'found the cause', 'found it', 'turned out', 'turns out']);

/** Verbs of finding out or unblocking (lemmas): the writer's own next action counts as a way forward only with one of these. */
const FIND_OUT = new Set([
  'check', 'look', 'dig', 'investigate', 'ask', 'ping', 'test', 'debug', 'bisect', 'profile', 'trace', 'compare', 'verify', 'reproduce', 'repro',
  'grab', 'collect', 'capture', 'read', 'diff', 'run', 'rerun', 're-run', 're-running', 'reach', 'escalate', 'follow', 'chase', 'email', 'contact',
  'call', 'report', 'post', 'update', 'share', 'write', 'sync', 'file', 'measure', 'benchmark', 'inspect', 'review', 'confirm', 'figure', 'find',
  'narrow', 'isolate', 'load-test', 'instrument', 'add', 'set', 'talk', 'message', 'raise', 'flag', 'learn', 'hear', 'tell', 'send',
]);

/** Work that goes on meanwhile, or a workaround. */
const MEANWHILE = cueList([
  'meanwhile', 'in the meantime', 'in the mean time', 'workaround|workarounds', 'work around', 'started|start|starting on|with', 'picking|pick up',
  'moving on to', 'until then i|we|let',
]);

/** Follow-up promised, or the work handed over with a concrete ask. */
const FOLLOW_UP = cueList([
  'report back', 'get back to', 'keep * posted', 'let you know', 'will update', 'next step|steps', 'better eta|estimate|idea',
  'should|will know by|more', 'narrowed|narrow down', 'get in touch', 'get hold of', 'trying|try to reach|contact|reproduce|find|figure',
  'can|could you|u|someone|anyone|somebody check|share|send|try|confirm|provide|post|test|look|run|attach|review',
  'please check|share|send|try|confirm|provide|post|test|attach|run|review', 'i|we have|\'ve asked|pinged|emailed|contacted|escalated|opened|filed',
  'i|we asked|pinged|emailed|contacted|escalated|opened|filed',
  'need|needs to check|look|ask|test|debug|investigate|reproduce|find|figure|do|update|write|add|fix',
]);

/** "not sure it outweighs X" weighs a claim; "not sure it will work" does not know. */
const OPINION_SUBJECT = new Set(['it', 'this', 'that']);
const UNSURE_AUX = new Set(['will', 'would', 'can', 'could', 'should', 'might', 'may', 'shall']);

/** "will" right before a verb the tagger may read as a noun ("I'll diff the config"). */
const WILL = new Set(['will', 'shall', 'would']);

/** A figure of speech or an opinion, not uncertainty. */
function isFigure(h: ReadHit, figures: readonly CueHit[]): boolean {
  if (figures.some((x) => x.sentence === h.sentence && x.from <= h.from && x.to >= h.to)) return true;
  if (h.cue !== 'not sure') return false;
  const t = h.sentence.tokens;
  const k = h.to;
  if (!OPINION_SUBJECT.has(t[k]?.norm ?? '')) return false;
  const verb = t.slice(k + 1, k + 4).find((x) => x.pos === 'VERB' || x.pos === 'AUX');
  return !!verb && !UNSURE_AUX.has(verb.norm);
}

/** The writer's own planned action of finding out or unblocking (structure from plannedActions, verb from FIND_OUT). */
function findsOut(s: Sentence): number {
  const t = s.tokens;
  const finding = (k: number) => FIND_OUT.has(t[k]!.lemma) || FIND_OUT.has(t[k]!.norm);
  // "re-running the jobs now": a progressive with no subject opening the sentence (wink leaves some of these unlemmatised)
  if (t[0]?.norm.endsWith('ing') && finding(0)) return 0;
  const planned = plannedActions(s).find(finding);
  if (planned !== undefined) return planned;
  // "I'll diff the config": the tagger reads some of these verbs as nouns, so take the word right after "will".
  if (isQuestion(s)) return -1;
  return t.findIndex((_, k) => k > 0 && WILL.has(t[k - 1]!.norm) && finding(k) && ['self', 'none'].includes(voiceAt(s, k)) && !isConditional(s, k));
}

/** What the message offers as a way forward: each kind a feature, so the scorer weighs them. */
function wayForward(f: Features, doc: Doc, signals: Signals): boolean {
  let any = false;
  for (const s of doc.sentences) {
    const k = findsOut(s);
    if (k >= 0) {
      f.add('step.find-out', 1, { start: s.tokens[k]!.start, end: s.tokens[k]!.end });
      any = true;
    }
  }
  for (const [name, list] of [['step.meanwhile', MEANWHILE], ['step.follow-up', FOLLOW_UP]] as const) {
    const hits = readHits(doc, list).filter((h) => !h.negated && !h.question);
    if (hits.length) {
      f.add(name, 1, spanOf(hits[0]!));
      any = true;
    }
  }
  if (any) f.add('step');
  if (signals.asksReader) any = true;
  return any;
}

/** "Blocked on X" reads as past to the tagger: the tense is the verb group's before the participle ("was blocked", "had a blocker"). */
const isNow = (h: ReadHit) => tenseAt(h.sentence, h.from, h.from) !== 'past';

export const noNextStep: Rule = {
  id: 'no-next-step',
  examples: {
    flag: [
      { text: 'no clue why the nightly export is timing out' },
      { text: "Can't start on the invoices page until finance sends the tax rules." },
      { text: 'Blocked on the security review.' },
      { text: 'hard to say', context: 'when will the search fix land?' },
      { text: "Still waiting on the vendor for sandbox credentials, then I'll wire up the webhook." },
    ],
    pass: [
      { text: "No clue yet - I'll diff the job config against last week's and post what I find by 4." },
      { text: "Blocked on the API keys; I pinged Sam and I'm doing the UI in the meantime." },
      { text: 'Do you know why the build is red?' },
      { text: 'The flaky test is fixed now, it was a timezone bug.' },
      { text: "Not sure it's worth a second cache layer, to be honest." },
      { text: 'Waiting on the design review, so I started on the migration scripts meanwhile.' },
      { text: 'No blockers on my side, go ahead and merge.' },
    ],
  },
  message: (quote) => `"${quote}" says what isn't known or what's in the way, but not how you'll find out or move it.`,
  tip: 'Add the way forward: "I don\'t know yet. I\'d find out by checking A and testing B; I\'ll report back by Tuesday."',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const way = wayForward(f, doc, signals);
    const own = { negationIsPart: true, pastCounts: true, voices: ['self', 'none', 'thing'] } as const;
    const figures = readHits(doc, NOT_UNCERTAINTY);
    const unknown = familyFeatures(f, doc, 'unknown', UNKNOWN, own);
    for (const h of unknown) if (isFigure(h, figures)) f.add('unknown.figure', 1, spanOf(h));
    const depends = familyFeatures(f, doc, 'depends', DEPENDS, { voices: own.voices });
    const bare = depends.filter((h) => h.sentence.tokens.slice(h.to).every((t) => t.pos === 'PUNCT' || t.pos === 'SYM'));
    for (const h of bare) f.add('depends.bare', 1, spanOf(h));
    const gaps = [
      ...unknown.filter((h) => !isFigure(h, figures)),
      ...familyFeatures(f, doc, 'puzzled', PUZZLED, own),
      ...familyFeatures(f, doc, 'no-date', NO_DATE, own),
      ...familyFeatures(f, doc, 'helpless', HELPLESS, own),
      ...familyFeatures(f, doc, 'blocked', BLOCKED, { pastCounts: true, voices: own.voices }).filter(isNow),
      ...familyFeatures(f, doc, 'cant', CANT, own),
      ...bare,
    ];
    familyFeatures(f, doc, 'resolved', RESOLVED, { pastCounts: true });
    const first = gaps[0];
    if (first) {
      const span: Span = spanOf(first);
      f.add('gap.own', 1, span);
      if (!way) f.add('gap.own+stops', 1, span);
      if (signals.context?.question) f.add('gap.own+asked', 1, span);
      // The message ends on it: nothing follows the gap.
      const last = gaps.find((h) => h.sentence === doc.sentences.at(-1));
      if (last && !way) f.add('gap.own+ends', 1, spanOf(last));
      if (signals.sentences <= 2 && !way) f.add('gap.own+brief', 1, span);
    }
    return f;
  },
};
