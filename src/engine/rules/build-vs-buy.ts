// build-vs-buy: proposing to build something custom, or reporting having built it, without asking whether it
// needs to exist or whether an existing tool, service or simpler fix would do ("let's roll our own scheduler",
// "I built a queue over the weekend"). Not a build that names what was weighed, a question, or a small change.
import { cueList } from '../cues.ts';
import { Features, familyFeatures, spanOf } from '../features.ts';
import type { Sentence } from '../nlp.ts';
import type { Rule } from '../rule.ts';
import { addSignalFeatures } from '../signals.ts';

/** Making something. */
const BUILD = cueList([
  'build|write|implement|create|make|develop|code|craft|reimplement|re-implement|hack|design|ship|add|introduce|start|rewrite',
  'set|spin up', 'put|throw|hack|cobble together', 'roll * own', 'roll our|my own', 'homebrew',
]);

/** Made here rather than taken from outside. */
const OWN = cueList([
  'our|my|their own', 'ourselves', 'myself', 'in-house', 'in house', 'homemade', 'home-made', 'home-grown|homegrown', 'custom', 'from scratch',
  'hand-rolled', 'handrolled', 'bespoke', 'diy', 'internal', 'without * library|dependency|dependencies|lib', 'instead of using',
]);

/** Things big enough that an existing tool or service usually does them. */
const ARTEFACT = new Set([
  'framework', 'library', 'lib', 'layer', 'cache', 'caching', 'queue', 'scheduler', 'parser', 'orm', 'router', 'routing', 'renderer', 'generator',
  'engine', 'platform', 'service', 'system', 'tool', 'tooling', 'cli', 'bot', 'server', 'client', 'sdk', 'wrapper', 'store', 'database', 'db',
  'proxy', 'balancer', 'pipeline', 'orchestrator', 'broker', 'bus', 'shipper', 'limiter', 'logger', 'logging', 'auth', 'authentication', 'analytics',
  'tracker', 'tracking', 'dashboard', 'cms', 'editor', 'validator', 'validation', 'script', 'helper', 'module', 'solution', 'implementation', 'mechanism',
  'component', 'protocol', 'runner', 'monitor', 'monitoring', 'flag', 'flags', 'api', 'backend', 'registry', 'manager', 'handler', 'compiler',
]);

/** Naming what was weighed: "we looked at Redis, but ...", "LaunchDarkly can't do per-tenant rules". */
const WEIGHED = cueList([
  'looked at', 'considered', 'evaluated', 'compared', 'tried', 'existing', 'off-the-shelf', 'off the shelf', 'does not support', 'did not support',
  'could not find', 'no library', 'vs', 'versus', 'instead of', 'alternatives', 'why not', 'reinvent', 'need to exist', 'already exists',
]);

function artefactNear(s: Sentence, from: number, to: number): number {
  for (let k = Math.max(0, from - 2); k < Math.min(s.tokens.length, to + 6); k++) if (ARTEFACT.has(s.tokens[k]!.lemma) || ARTEFACT.has(s.tokens[k]!.norm)) return k;
  return -1;
}

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
    const builds = familyFeatures(f, doc, 'build', BUILD, { pastCounts: true });
    const own = familyFeatures(f, doc, 'own', OWN, { pastCounts: true });
    for (const h of builds) {
      const k = artefactNear(h.sentence, h.from, h.to);
      if (k < 0) continue;
      const span = { start: h.sentence.tokens[h.from]!.start, end: h.sentence.tokens[k]!.end > h.sentence.tokens[h.from]!.start ? h.sentence.tokens[Math.max(k, h.to - 1)]!.end : h.sentence.tokens[h.to - 1]!.end };
      f.add('build.own+artefact', 1, span);
      if (own.some((o) => o.sentence === h.sentence)) f.add('build.own+artefact+own', 1, span);
      if (h.tense === 'past') f.add('build.own+artefact.past', 1, span);
    }
    for (const o of own) {
      if (artefactNear(o.sentence, o.from, o.to) >= 0) f.add('own+artefact', 1, spanOf(o));
      const build = builds.find((h) => h.sentence === o.sentence);
      if (build) f.add('build.own+own', 1, spanOf(build));
    }
    familyFeatures(f, doc, 'weighed', WEIGHED, { pastCounts: true, negationIsPart: true });
    return f;
  },
};
