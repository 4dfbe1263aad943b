// no-next-step: not knowing, or being blocked, and stopping there ("no idea why", "waiting on design").
// Not when the message goes on to how to find out or what happens meanwhile ("not sure - I'll check the logs").
import { cueList } from '../cues.ts';
import { Features, familyFeatures } from '../features.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Not knowing. The negation is part of the cue. */
const UNKNOWN = cueList([
  'do not know|understand', 'not sure', 'unsure', 'no idea|clue', 'not a clue', 'idk', 'dunno', 'unclear', 'hard|difficult|impossible to say|tell',
  'can not say|tell', 'who knows', 'can not figure|work out', 'unable to figure', 'can not reproduce|repro', 'for whatever|some reason', 'mystery',
  'no eta|timeline|timeframe|estimate', 'when it is ready|done', 'can not predict|estimate|give', 'unknown', 'undecided', 'stumped', 'baffled',
  'no way to', 'not much * can do', 'nothing * can do', 'out of * hands', 'makes no sense', 'does not make sense', 'beats me', 'at a loss',
  'have not figured', 'still investigating', 'no luck', 'weird', 'strange', 'not certain', 'no explanation',
]);

/** Being blocked, waiting, or depending on someone else. */
const BLOCKED = cueList([
  'blocked|blocking|blocker', 'waiting on|for|until', 'wait for|until|on', 'on hold', 'stuck', 'can not start|proceed|continue|integrate|move|begin|ship|merge|test|do',
  'until', 'depends on', 'it depends', 'depends', 'pending', 'held up', 'at risk', 'has to wait', 'have to wait', 'not workable', 'parked', 'limbo',
]);

/** It was dealt with: a report, not a question left hanging. */
const RESOLVED = cueList(['fixed', 'resolved', 'solved', 'works now', 'working now', 'fine now', 'worked around', 'found the cause', 'found it', 'turned out', 'turns out']);

export const noNextStep: Rule = {
  id: 'no-next-step',
  examples: {
    flag: [
      { text: 'no clue why the nightly export is timing out' },
      { text: "Can't start on the invoices page until finance sends the tax rules." },
      { text: 'Blocked on the security review.' },
      { text: 'hard to say', context: 'when will the search fix land?' },
    ],
    pass: [
      { text: "No clue yet - I'll diff the job config against last week's and post what I find by 4." },
      { text: "Blocked on the API keys; I pinged Sam and I'm doing the UI in the meantime." },
      { text: 'Do you know why the build is red?' },
      { text: 'The flaky test is fixed now, it was a timezone bug.' },
    ],
  },
  message: (quote) => `"${quote}" says what isn't known or what's in the way, but not how you'll find out or move it.`,
  tip: 'Add the way forward: "I don\'t know yet. I\'d find out by checking A and testing B; I\'ll report back by Tuesday."',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const unknown = familyFeatures(f, doc, 'unknown', UNKNOWN, { negationIsPart: true, pastCounts: true });
    const blocked = familyFeatures(f, doc, 'blocked', BLOCKED, { negationIsPart: true, pastCounts: true });
    familyFeatures(f, doc, 'resolved', RESOLVED, { pastCounts: true });
    for (const [name, hits] of [['unknown', unknown], ['blocked', blocked]] as const) {
      const first = hits[0];
      if (!first) continue;
      const span = { start: first.sentence.tokens[first.from]!.start, end: first.sentence.tokens[first.to - 1]!.end };
      if (!signals.nextStep && !signals.plan && !signals.asksReader) f.add(`${name}.own+no-next-step`, 1, span);
      if (signals.context?.question) f.add(`${name}.own+asked`, 1, span);
    }
    return f;
  },
};
