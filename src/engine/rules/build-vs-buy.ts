// build-vs-buy: proposing to build something custom, or reporting having built it, without asking whether it
// needs to exist or whether an existing tool, service or simpler fix would do ("let's roll our own scheduler",
// "I built a queue over the weekend"). Not a build that names what was weighed, a question, or a small change.
import { clauseOf } from '../clauses.ts';
import { cueList, type CueHit } from '../cues.ts';
import { Features, familyFeatures, readHits, spanOf, type ReadHit } from '../features.ts';
import type { Sentence, Token } from '../nlp.ts';
import { PLACEHOLDER } from '../prepare.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Verbs of making a new thing. wink splits hyphenated words ("in-house" is in, -, house), hence the "-?". */
const MAKE = cueList([
  'build|write|implement|develop|reimplement|code|craft|hack|create|prototype|homebrew', 're - implement', 'roll * own', 'roll our|my own',
  'hand -? roll', 'put|throw|hack|cobble|knock together', 'whip|cook|spin|stand up', 'come up with',
]);

/** Looser verbs that make something only with a homemade marker or a system ("run our own mail server", "add a custom cache"). */
const LOOSE = cueList(['make|add|introduce|ship|start|design|run|host|maintain|provide', 'set up', 'work|working on']);

/** Made here rather than taken from outside. */
const OWN = cueList([
  'our|my own', 'ourselves', 'myself', 'in -? house', 'homemade|homegrown', 'home -? made|grown', 'custom', 'from scratch',
  'hand -? rolled|written|made', 'handrolled|handwritten', 'bespoke', 'diy', 'internal', 'self -? made',
]);

/** The unmistakable ones: "custom" and "internal" also qualify ordinary code ("a custom hook"); these do not. */
const OWN_STRONG = cueList(['our|my own', 'ourselves', 'in -? house', 'homemade|homegrown', 'home -? made|grown', 'from scratch', 'hand -? rolled', 'bespoke', 'diy', 'roll * own']);

/** Things an existing tool, library or service usually does. */
const SYSTEM = new Set([
  'framework', 'library', 'lib', 'layer', 'cache', 'caching', 'queue', 'scheduler', 'parser', 'orm', 'router', 'routing', 'renderer', 'generator',
  'engine', 'platform', 'service', 'system', 'tool', 'tooling', 'cli', 'bot', 'server', 'client', 'sdk', 'store', 'database', 'db', 'proxy',
  'balancer', 'orchestrator', 'broker', 'bus', 'shipper', 'limiter', 'logger', 'logging', 'auth', 'authentication', 'analytics', 'tracker',
  'tracking', 'cms', 'editor', 'validator', 'protocol', 'runner', 'monitoring', 'flag', 'flags', 'backend', 'registry', 'compiler', 'bundler',
  'picker', 'kit', 'crm', 'wiki', 'gateway', 'networking', 'oauth', 'sso', 'jwt', 'i18n', 'crypto', 'encryption', 'search', 'pubsub', 'cron', 'mesh',
]);

/** Smaller pieces of code: worth a question only when they replace a dependency ("a custom function instead of moment"). */
const PIECE = new Set(['wrapper', 'helper', 'module', 'component', 'function', 'class', 'hook', 'hooks', 'logic', 'method', 'util', 'utils', 'implementation', 'solution', 'mechanism', 'version', 'thing', 'one', 'script']);

/** Taking a dependency out: "replace moment with a custom helper", "without using a library", "drop the dependency". */
const DROPS_DEP = cueList([
  'replace|replaces|replacing|replaced|swap|swapping ** with|by', 'as a replacement', 'without * library|libraries|lib|libs|dependency|dependencies|package|packages|framework',
  'without using|relying', 'remove|drop|ditch|eliminate|reduce * dependency|dependencies', 'instead of using|relying|pulling', 'not * rely|depend on', 'no longer need|depend',
]);

/** Built on top of an existing thing: a thin layer over it, not a replacement ("a wrapper around the Twilio SDK"). */
const OVER = cueList(['using|with|around|via|wrapping|wraps|atop', 'on top of', 'based on', 'backed by', 'powered by', 'inspired by']);

/** Naming what was weighed: "we looked at Redis, but ...", "LaunchDarkly can't do per-tenant rules". */
const WEIGHED = cueList([
  'looked at|into', 'considered', 'evaluated', 'compared', 'benchmarked', 'ruled out', 'tried', 'existing', 'off -? the -? shelf', 'vs', 'versus',
  'does|did|do|can|could not support|handle|do|cover|allow|fit|scale|work', 'too heavy|heavyweight|bloated|expensive|slow|big', 'neither', 'none of',
  'could not find', 'no library', 'alternatives', 'instead of', 'reinvent|reinventing', 'already exists', 'overkill', 'not worth', 'license|licensing|pricing',
]);

/** The build set beside an existing option: "move to ndb, or write our own", "keep it, or adopt Celery". */
const ALTERNATIVE = cueList(['or use|adopt|move|switch|buy|go|pick|keep|stick|migrate|write|build|roll', 'or * existing', 'options', 'either', 'alternatively', 'whether or not', 'ready -? made']);

/** A question about the need or an existing option: the senior move ("do we need this?", "could SQS do it?"). */
const ASKS_NEED = cueList(['need|needs', 'exist|exists|existing', 'already', 'why not', 'instead', 'just', 'is there', 'any|a library|lib|tool|service|package', 'or use|buy']);

/** Taking something homemade out: "rip out the custom cache". */
const REMOVE = new Set(['remove', 'drop', 'ditch', 'rip', 'delete', 'kill', 'retire', 'deprecate']);
/** Using something homemade that already exists: "we use our custom engine for the docs" (a status, not a plan). */
const USE = new Set(['use', 'using', 'uses', 'with', 'in', 'from', 'on', 'for']);

/** Words a noun phrase after a verb is made of ("a small in-house feature flag service"). */
const PHRASE_POS = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM', 'X']);
const PHRASE_WORDS = new Set(['our', 'my', 'own', '-', 'CODE', 'one', 'it', 'this', 'that', 'something', 'very', 'really', 'simple', 'little']);
const PRONOUN_OBJECT = new Set(['one', 'it', 'this', 'that', 'something']);

/** The object of a verb ending at `to`: up to seven phrase tokens. Returns the end index (exclusive). */
function objectEnd(s: Sentence, to: number): number {
  let k = to;
  while (k < s.tokens.length && k < to + 7 && (PHRASE_POS.has(s.tokens[k]!.pos) || PHRASE_WORDS.has(s.tokens[k]!.norm) || s.tokens[k]!.text === 'CODE')) k++;
  return k;
}

/** A named tool or library right after "using", "around", "on top of": a PROPN, code, or a library word. */
const TOOL_WORDS = new Set(['library', 'lib', 'sdk', 'package', 'module', 'stdlib', 'api', 'framework', 'plugin']);
const namesTool = (s: Sentence, from: number) => s.tokens.slice(from, from + 4).some((t) => t.pos === 'PROPN' || t.text === PLACEHOLDER.code || TOOL_WORDS.has(t.lemma));

/** "built-in behaviour", "built in support": an adjective for what already exists, not a build. */
const builtIn = (h: CueHit) => {
  const [next, after] = [h.sentence.tokens[h.to]?.norm, h.sentence.tokens[h.to + 1]?.norm];
  return h.sentence.tokens[h.from]!.norm === 'built' && (next === 'in' || (next === '-' && after === 'in'));
};

const inSet = (set: ReadonlySet<string>, t: Token) => set.has(t.lemma) || set.has(t.norm);
const within = (hits: readonly CueHit[], s: Sentence, from: number, to: number) => hits.some((h) => h.sentence === s && h.from >= from && h.from < to);
/** The writer's own making: not a question, an "if", someone else's words; a fragment or a noun subject may still be ours. */
const ownMaking = (h: ReadHit) => !h.question && !h.conditional && !h.reported && h.voice !== 'you' && h.voice !== 'other' && !beforeBuild(h);
/** "Before we build a custom cache: ..." opens the question rather than proposing the build. */
const beforeBuild = (h: ReadHit) => h.sentence.tokens.slice(Math.max(0, h.from - 3), h.from).some((t) => t.norm === 'before');
/** "we won't build ...", "writing our own isn't worth it": the clause argues against the build. */
const negatedClause = (h: ReadHit) => {
  const [from, to] = clauseOf(h.sentence, h.from);
  return h.sentence.tokens.slice(from, to).some((t) => t.negated || t.norm === 'not' || t.norm === 'no' || t.norm === 'never');
};

export const buildVsBuy: Rule = {
  id: 'build-vs-buy',
  examples: {
    flag: [
      { text: "I'll write our own rate limiter for the gateway." },
      { text: "let's roll our own job scheduler for the ETL runs" },
      { text: 'Spent the weekend building a custom caching layer for the catalog API, PR incoming!' },
      { text: 'we should build an in-house feature flag service' },
    ],
    pass: [
      { text: 'We looked at Unleash and LaunchDarkly, but neither does per-tenant rules, so a small flag table is the simplest fix.' },
      { text: 'Should we build our own scheduler or use Airflow?' },
      { text: 'I fixed the typo in the README.' },
      { text: 'Before we build a custom cache: is the query just missing an index?' },
    ],
  },
  message: (quote) => `"${quote}" builds something custom without asking whether it needs to exist or what already does it.`,
  tip: 'Ask first: "Does this need to exist? Could Redis do it, or is the query just missing an index?"',
  features(doc, signals) {
    const f = new Features();
    addSignalFeatures(f, signals);
    const own = readHits(doc, OWN);
    const strong = readHits(doc, OWN_STRONG);
    const over = readHits(doc, OVER);
    // The `CODE` placeholder reads as the verb "code": not a build.
    const makes = [...readHits(doc, MAKE).map((h) => ({ h, loose: false })), ...readHits(doc, LOOSE).map((h) => ({ h, loose: true }))]
      .filter(({ h }) => h.sentence.tokens[h.from]!.text !== PLACEHOLDER.code && !builtIn(h));
    let made = false;
    for (const { h, loose } of makes) {
      const s = h.sentence;
      const end = objectEnd(s, h.to);
      const object = s.tokens.slice(h.to, end);
      const pronoun = object.length > 0 && object.every((t) => PRONOUN_OBJECT.has(t.norm) || t.pos === 'DET');
      const before = doc.sentences[doc.sentences.indexOf(s) - 1];
      const antecedent = pronoun && !!before && within(own, before, 0, before.tokens.length);
      const mine = within(own, s, h.from, Math.min(s.tokens.length, h.to + 10)) || antecedent;
      const system = object.some((t) => inSet(SYSTEM, t)) || (antecedent && before!.tokens.some((t) => inSet(SYSTEM, t)));
      const piece = object.some((t) => inSet(PIECE, t));
      const span = { start: s.tokens[h.from]!.start, end: s.tokens[Math.max(end, h.to) - 1]!.end };
      const kind = loose ? 'loose' : 'make';
      if (h.question && h.from === 0 && mine) f.add('make.musing', 1, span);
      if (!ownMaking(h)) continue;
      if (negatedClause(h)) { if (mine) f.add('make.against', 1, span); continue; }
      const past = h.tense === 'past' ? '.past' : '';
      f.add(`${kind}.own`, 1, span);
      if (mine) f.add(`${kind}+own${past}`, 1, span);
      if (mine && within(strong, s, h.from, Math.min(s.tokens.length, h.to + 10))) f.add(`${kind}+own-strong`, 1, span);
      if (system) f.add(`${kind}+system${past}`, 1, span);
      if (mine && system) f.add(`${kind}+own+system`, 1, span);
      if (mine && piece) f.add(`${kind}+own+piece`, 1, span);
      if (over.some((o) => o.sentence === s && o.from >= end && o.from < end + 4 && namesTool(s, o.to))) f.add('make.over-existing', 1, span);
      made = true;
    }
    // A homemade system named with no verb: "an internal tool to track handovers", "our own push service".
    for (const o of own) {
      const s = o.sentence;
      const end = objectEnd(s, o.to);
      if (s.tokens.slice(o.to, end).some((t) => inSet(SYSTEM, t)) && !o.question) f.add('own+system', 1, spanOf(o));
      const lead = s.tokens.slice(Math.max(0, o.from - 3), o.from);
      if (lead.some((t) => inSet(REMOVE, t))) f.add('own.removed', 1, spanOf(o));
      if (lead.some((t) => inSet(USE, t))) f.add('own.in-use', 1, spanOf(o));
    }
    const drops = readHits(doc, DROPS_DEP).filter((h) => !h.question && !h.reported);
    if (drops.length && (made || own.length)) f.add('drops-dependency', 1, spanOf(drops[0]!));
    const dropsForOwn = drops.find((h) => within(own, h.sentence, h.from, h.to + 5));
    if (dropsForOwn) f.add('drops-dependency+own', 1, spanOf(dropsForOwn));
    const weighed = familyFeatures(f, doc, 'weighed', WEIGHED, { pastCounts: true, negationIsPart: true });
    if (made && weighed.length) f.add('make+weighed', 1, spanOf(weighed[0]!));
    const alternative = readHits(doc, ALTERNATIVE).find((h) => !h.question);
    if (made && alternative) f.add('build+alternative', 1, spanOf(alternative));
    if (readHits(doc, ASKS_NEED).some((h) => h.question)) f.add('asks-need');
    return f;
  },
};
