// missing-tradeoffs: recommending or deciding on one option with no cost, downside or alternative weighed
// ("let's go with Kafka", "swap rollup for esbuild, it's faster"), often on its benefits alone. Not a question, a
// choice that names a cost, a tip to someone else ("you can use the nightly"), a vote for what the thread already
// weighed, logistics, or a build of our own (that is build-vs-buy's finding).
import { cueList } from '../cues.ts';
import { Features, familyFeatures, readHits, spanOf, type ReadHit } from '../features.ts';
import type { Sentence } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Moving from one thing to another. */
const SWITCH = cueList([
  'switch|move|migrate|port|convert|transition|shift|change|upgrade to', 'switch|move|migrate|port|convert|transition|shift|change ** ** to',
  'switch|move|migrate|transition|shift away? from', 'move * over', 'move on with', 'replace ** with|by', 'replace', 'swap ** for|with|to', 'swap out',
  'in favor|favour of', 'instead of', 'rather than', 'rewrite ** in|with', 'rebuild ** with|in', 'drop|ditch|remove|eliminate', 'rip out', 'get rid of', 'standardize|standardise on', 'move off', 'get off', 'adopt|adopting|introduce|introducing',
]);

/** Picking or recommending one option. */
const PICK = cueList([
  'go|going with', 'use|using', 'we should', 'should use|be on|switch|move|go|adopt', 'recommend|recommended', 'suggest', 'propose|proposal',
  'vote for', 'pick|picked|choose|chose|chosen', 'decided|decision', 'time to', 'call it a day', 'let us *', 'about time', 'just use', 'the fix is',
  'would be great|nice if we', 'prefer', 'should just', 'plan',
]);

/** Said outright as the writer's decision or recommendation: the strongest form of a pick. */
const DECIDE = cueList([
  'let us go|use|switch|move|adopt|migrate|standardize|pick', 'lets go|use|switch|move|adopt|migrate|standardize|pick',
  'i would|will go|use|pick|choose|recommend|switch|move', 'i|we will go with', 'going with',
  'we should ** use|switch|move|migrate|adopt|replace|drop', 'we should go|standardize|just', 'we should be on|using', 'we ** need to switch|move|migrate|replace',
  'i think we should', 'i ** recommend|suggest|propose|vote|advise', 'strongly advise|recommend|suggest', 'my vote|pick|suggestion|recommendation is?',
  'we are going|moving|switching|migrating to|with', 'we decided|chose|picked|have chosen', 'has|have been decided|chosen', 'the decision is',
  'lean|leaning toward|towards', 'stop using',
]);

/** Praise for one option, whoever the subject is: "X is the way to go", "Y fits better", "a promising choice". */
const PRAISE = cueList([
  'is the way to go', 'better than', 'is|are better', 'much|far|way better|faster|simpler|lighter|easier|cleaner', 'superior', 'drop-in',
  'good|great|better|nice|promising|solid alternative|choice|option|fit|replacement', 'fits|works|suits ** better|best', 'is|are the fix|answer|solution|way',
  'is|are great|perfect|ideal|awesome|amazing|solid|the best', 'big fan', 'huge fan', 'love|loving',
  'preferable', 'should be preferred|prefered', 'highly|widely recommended', 'industry-standard|de-facto', 'industry|de facto standard', 'the way forward', 'worth switching|moving|migrating',
]);

/** Naming both ends of a move: "from yarn to bun", "from CRA to Vite". */
const FROM_TO = cueList(['from ** to', 'from ** ** to']);

/** Selling points: what the option gives, when nothing says what it costs. */
const BENEFIT = cueList([
  'faster|fast|quicker|speed|performance|performant', 'simpler|simple|simplify|easier|easy|cleaner', 'lighter|lightweight|smaller|leaner', 'better', 'more flexible|maintainable|stable|reliable|scalable|modern|efficient',
  'less|fewer config|code|boilerplate|dependencies|overhead', 'standard|popular|industry', 'saves|save', 'reduce|reduces|improve|improves', 'drop-in', 'just works', 'zoom',
  'advantage|advantages|benefit|benefits|pros', 'efficient|robust|mature|consistent|flexible|secure|safer', 'developer|dev experience', 'out of the box', 'built-in|builtin',
]);

/** Making it ourselves: a build is build-vs-buy's finding, not this rule's. */
const BUILD = cueList([
  'custom', 'our|my own', 'ourselves', 'myself', 'from scratch', 'in-house', 'in house', 'homegrown|home-grown|homemade|hand-rolled', 'roll * own',
  'write|build|implement|reimplement|create|develop|make ** our|my own?', 'reimplement|reinvent',
]);

/** Agreeing with what the thread already weighed: a vote, not the writer's own unweighed choice. */
const VOTE = cueList(['+1', 'lgtm', 'agree|agreed', 'sounds good', 'as you|we|they said|suggested|proposed|laid', 'as discussed', 'as agreed', 'go ahead', 'ship it']);

/** Advice to the reader about their own setup: not the team's choice. */
const TIP = cueList(['you can|could|should|might use|try|switch', 'try using', 'thanks|thank']);

/** A tool-like word: a capital, a digit, a dot, slash or dash anywhere ("Kafka", "k8s", "next.js"). */
const TECH = /[A-Z\d./-]/;
/** An option is named near the cue: a proper name, a tool-like word, code, or a link. */
function namesOption(s: Sentence, h: ReadHit): boolean {
  return s.tokens.slice(Math.max(0, h.from - 3), Math.min(s.tokens.length, h.to + 6)).some((t) => t.pos === 'PROPN' || t.text === 'CODE' || t.text === 'LINK' || (t.pos === 'NOUN' && TECH.test(t.text)) || t.pos === 'X');
}
/** Something is chosen at all: a noun after the cue ("use redis", "switch to a monorepo"). */
const hasObject = (s: Sentence, h: ReadHit) => s.tokens.slice(h.to, h.to + 4).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'X');

export const missingTradeoffs: Rule = {
  id: 'missing-tradeoffs',
  examples: {
    flag: [
      { text: "Let's go with Kafka for the event bus." },
      { text: 'We should move the job runner from Celery to Temporal, it is way simpler.' },
      { text: 'swap the bundler for Vite, faster builds and less config' },
      { text: 'I think we should use Postgres.', context: 'where should the ledger live?' },
      { text: 'we should be on pnpm instead of npm, installs are way faster' },
      { text: 'This PR replaces moment with dayjs: smaller bundle and a simpler API.' },
    ],
    pass: [
      { text: 'Should we move to Temporal?' },
      { text: "Temporal gives us retries for free but costs us a new cluster to run; Celery stays simpler. I'd pick Temporal and revisit in Q3." },
      { text: "let's meet at 3 to go over the plan" },
      { text: 'You can use the nightly build until the fix ships.' },
      { text: "I'll write our own rate limiter for the gateway." },
      { text: "+1, let's go with Kafka as you laid out" },
      { text: 'Compared Redis and Memcached for the session cache. Redis wins on persistence, but it is one more thing to run; fine for now, revisit at 10x traffic.' },
    ],
  },
  message: (quote) => `"${quote}" picks one option without saying what it costs or what else was weighed.`,
  tip: 'Weigh it: "A gives us X but costs Y; B ... Given Z, I\'d pick A, and revisit if W."',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    // A choice that names its cost is the senior shape: then its features go under another name ("decide+cost"),
    // so the scorer learns their weight apart instead of the cost having to cancel them.
    const priced = signals.cost ? '+cost' : readHits(doc, VOTE).some((h) => !h.question && !h.negated) ? '+vote' : '';
    for (const [family, list] of [['switch', SWITCH], ['pick', PICK], ['decide', DECIDE]] as const) {
      const name = family + priced;
      const own = familyFeatures(f, doc, name, list, { pastCounts: true });
      const objects = own.filter((h) => hasObject(h.sentence, h));
      if (objects.length) f.add(`${name}.own+object`, 1, spanOf(objects[0]!));
      const named = own.filter((h) => namesOption(h.sentence, h));
      if (named.length) {
        f.add(`${name}.own+option`, 1, spanOf(named[0]!));
        if (named.some((h) => h.tense !== 'past')) f.add(`${name}.own+option.now`, 1, spanOf(named[0]!));
      }
    }
    const moves = readHits(doc, FROM_TO).filter((h) => !h.question && h.sentence.tokens.slice(h.from, h.to).every((t) => !t.time));
    if (moves.length) f.add('from-to', 1, spanOf(moves[0]!));
    const praise = readHits(doc, PRAISE).filter((h) => !h.question && !h.conditional && !h.reported && !h.negated);
    if (praise.length) f.add('praise', 1, spanOf(praise[0]!));
    const praisedOption = praise.find((h) => namesOption(h.sentence, h));
    if (praisedOption) f.add('praise+option', 1, spanOf(praisedOption));
    const benefits = readHits(doc, BENEFIT).filter((h) => !h.question);
    if (benefits.length) f.add('benefit', Math.min(3, benefits.length) / 3, spanOf(benefits[0]!));
    familyFeatures(f, doc, 'tip', TIP);
    familyFeatures(f, doc, 'build', BUILD, { pastCounts: true });
    return f;
  },
};
