// build-vs-buy: proposing to build something custom (or reporting having built it) without asking whether it
// needs to exist or whether an existing tool, service or simpler fix would do.
import type { PreparedText } from '../prepare.ts';
import type { RawFinding, Rule } from '../rule.ts';
import { boundedMatches, isNegatedAt, isOthersWords, isQuestion, TEXT_PATTERNS } from '../text.ts';

// ---- Phrase data -------------------------------------------------------------------------------------------

/** Verbs of making something. Paired with "our own", "custom", "in-house", "ourselves". */
const BUILD_VERBS = [
  'roll', 'rolls', 'rolling', 'rolled', 'hand-roll', 'hand-rolling', 'hand-rolled', 'handroll', 'handrolling',
  'write', 'writes', 'writing', 'wrote', 'written', 'build', 'builds', 'building', 'built', 'make', 'makes', 'making',
  'made', 'implement', 'implements', 'implementing', 'implemented', 'reimplement', 'reimplementing', 'reimplemented',
  're-implement', 'develop', 'develops', 'developing', 'developed', 'create', 'creates', 'creating', 'created',
  'code', 'coding', 'coded', 'ship', 'ships', 'shipping', 'shipped', 'add', 'adds', 'adding', 'added', 'run', 'runs',
  'running', 'host', 'hosting', 'replace', 'replaces', 'replacing', 'replaced', 'spin up', 'spun up', 'hack together',
  'hacked together', 'hacking together', 'put together', 'whip up', 'whipped up', 'cook up', 'cooked up', 'knock out',
  'prototype', 'prototyping', 'prototyped', 'working on', 'work on', 'worked on', 'diy',
  // chat ways of saying "I made it quickly"
  'hack on', 'hacking on', 'hacked on', 'start', 'started', 'starting', 'throw together', 'threw together',
  'thrown together', 'throwing together', 'knock together', 'knocked together', 'knocking together',
  'cobble together', 'cobbled together', 'hack up', 'hacked up', 'whipping up', 'stand up', 'stood up',
];

/** "made", "run" and "ship" are too loose to pair with "custom" ("the make backend covers the custom cases"). */
const LOOSE_VERBS = new Set([
  'make', 'makes', 'making', 'made', 'run', 'runs', 'running', 'ship', 'ships', 'shipping', 'shipped',
]);

/** Verbs that on their own mean "make a new thing" (unlike "add" or "run"), for artefact nouns without "custom". */
const MAKE_VERBS = [
  'diy', 'roll', 'rolling', 'hand-roll', 'hand-rolling', 'handroll', 'reimplement', 'reimplementing', 're-implement',
  'write', 'writing', 'wrote', 'build', 'building', 'built', 'implement', 'implementing', 'implemented', 'develop',
  'developing', 'developed', 'create', 'creating', 'created', 'hack together', 'hacked together', 'whip up',
  'whipped up', 'cook up', 'cooked up', 'prototype', 'prototyping', 'throw together', 'threw together',
  'thrown together', 'knock together', 'knocked together', 'cobble together', 'cobbled together', 'hack up',
  'hacked up', 'hacking together', 'whipping up',
];
/** Looser verbs of making, only with a "small thing" ("made a little CLI"), where the size says it is a side tool. */
const SMALL_MAKE_VERBS = ['make', 'making', 'made', 'put together', 'putting together', 'code', 'coded', 'coding', 'hacking', 'hacked'];
/** "a small ...", "a quick ...": a side tool, which is exactly what deserves "does this need to exist?". */
const DIMINUTIVES = ['small', 'tiny', 'little', 'quick', 'simple', 'mini', 'lightweight', 'basic', 'minimal', 'quick-and-dirty', 'wee'];
/** "-er" nouns that are not a system ("a little helper", "a custom header"). */
const NOT_AGENT_NOUNS = [
  'header', 'helper', 'wrapper', 'folder', 'number', 'order', 'filter', 'error', 'color', 'colour', 'banner',
  'poster', 'sticker', 'paper', 'letter', 'reminder', 'answer', 'other', 'matter', 'user', 'customer', 'partner',
  'member', 'border', 'corner', 'character', 'marker', 'chapter', 'cover', 'footer', 'placeholder', 'trigger',
  'counter', 'timer', 'water', 'sticker', 'power', 'computer', 'laptop', 'monitor', 'poster', 'bar', 'sidebar',
];

/** Words that say "made by us" next to a thing. */
const HOMEMADE = [
  'diy', 'custom', 'custom-built', 'bespoke', 'homemade', 'home-made', 'homegrown', 'home-grown', 'in-house',
  'hand-rolled', 'handrolled', 'hand-written', 'handwritten', 'internal',
];
/** The unmistakable ones: "custom" and "internal" also qualify ordinary code ("a custom hook"); these do not. */
const STRONG_HOMEMADE = ['diy', 'custom-built', 'bespoke', 'homemade', 'home-made', 'homegrown', 'home-grown', 'in-house', 'hand-rolled', 'handrolled'];

/** Words after the verb phrase that say "by us". */
const OURSELVES = ['ourselves', 'in-house', 'in house', 'from scratch'];
/** With "ourselves": only verbs of making a thing ("implement the tokens ourselves"), not "write the docs ourselves". */
const BY_US_VERBS = [
  'build', 'building', 'built', 'implement', 'implementing', 'implemented', 'roll', 'rolling', 'develop',
  'developing', 'create', 'creating', 'reimplement', 'reimplementing', 'reimplemented', 'hand-roll', 'host',
  'hosting', 'run', 'running', 'write', 'writing', 'wrote',
];

/** Things that usually exist as a product, a library or a service: building one deserves "does this need to exist?". */
const ARTEFACTS = [
  'tool', 'tooling', 'framework', 'library', 'lib', 'sdk', 'parser', 'renderer', 'engine', 'scheduler', 'queue',
  'cache', 'caching layer', 'orm', 'load balancer', 'rate limiter', 'rate-limiter', 'proxy', 'cms', 'auth',
  'authentication', 'sso', 'login system', 'session system', 'feature flag', 'feature-flag', 'feature flags',
  'feature flagging', 'event bus', 'message bus', 'message broker', 'broker', 'logger', 'logging library',
  'log shipper', 'platform', 'analytics', 'monitoring', 'alerting', 'metrics pipeline', 'build system', 'bundler',
  'test runner', 'templating engine', 'template engine', 'search engine', 'database', 'key-value store', 'datastore',
  'orchestrator', 'workflow engine', 'job runner', 'task runner', 'crm', 'wiki', 'ticketing system', 'chat',
  'push notification service', 'notification service', 'email service', 'date picker', 'date-picker', 'datepicker',
  'component library', 'design system', 'ui kit', 'state management', 'http client', 'markdown parser',
  'translation management system', 'i18n system', 'cron', 'service mesh', 'api gateway', 'gateway', 'vpn',
  'password manager', 'secrets manager', 'payment system', 'billing system', 'search', 'crypto', 'encryption',
  'oauth', 'jwt', 'i18n', 'queue system', 'pub/sub', 'pubsub', 'router', 'http router', 'http server', 'web server',
  'job queue', 'task queue', 'operator', 'orm layer', 'status page', 'landing page builder', 'admin panel',
];

/** Small ordinary code that "custom" often qualifies and that is not a product decision. */
const ORDINARY_CODE = [
  'hook', 'hooks', 'component', 'components', 'error', 'errors', 'exception', 'exceptions', 'type', 'types', 'field',
  'fields', 'column', 'event', 'events', 'prop', 'props', 'style', 'styles', 'css', 'header', 'headers', 'message',
  'messages', 'matcher', 'domain', 'query', 'queries', 'script', 'scripts', 'test', 'tests', 'fixture', 'fixtures',
  'attribute', 'setting', 'settings', 'emoji', 'view', 'page', 'icon', 'color', 'theme', 'option', 'flag', 'metric',
  'metrics', 'dashboard', 'alert', 'rule', 'lint rule', 'eslint rule', 'migration', 'endpoint', 'button', 'module',
  'prompt', 'prompts', 'template', 'templates', 'config', 'configuration', 'policy', 'role', 'image', 'job', 'step',
  'action', 'check', 'validation', 'handler', 'class', 'mapping', 'filter', 'report', 'layout', 'command', 'task',
  'terraform', 'helm', 'chart', 'playbook', 'runbook', 'workflow', 'pipeline', 'doc', 'docs', 'documentation',
  'change', 'fix', 'patch', 'pr', 'release', 'upgrade', 'deploy', 'update', 'review', 'demo', 'entry', 'list',
  'board', 'section', 'note', 'channel', 'tweak', 'checklist', 'summary', 'repro',
];

/** Things that say the build was weighed against existing options (concretely) or is a thin layer over one. */
const WEIGHED = [
  'looked at', 'we looked', 'i looked', 'considered', 'compared', 'evaluated', 'benchmarked', 'ruled out', 'skipped',
  "doesn't support", "didn't support", "don't support", 'does not support', 'did not support', "can't do",
  "couldn't do", "doesn't handle", "didn't handle", "can't handle", "doesn't do", "didn't do", "doesn't cover",
  "didn't cover", "doesn't allow", "didn't allow", 'too heavy', 'too bloated', 'wrapper around', 'wrapper over',
  'thin wrapper', 'adapter around', 'using the stdlib', 'standard library', 'stdlib', 'built-in', 'builtin',
  'off-the-shelf', 'off the shelf', 'existing tool', 'existing library', 'existing service', 'need to exist',
  'needs to exist', 'reinvent', 'not worth', "isn't worth", 'overkill', 'options', 'alternatives', 'versus', 'vs',
  // a concrete shortcoming or price of what exists, or what was tried
  'tried', 'we tried', 'lacks', 'no support for', 'not supported', "can't handle", "couldn't handle", "won't scale",
  'existing libs', 'existing libraries', 'existing tools', 'existing options', 'existing solutions', 'none of the',
  'pricing', 'per month', '/month', 'per seat', 'per user', 'license', 'licensing',
  // "couldn't find a lib" is too vague to say what was weighed, and too vague to flag (borderline: leave it off)
  "couldn't find", 'could not find', "didn't find", 'no lib', 'no library',
];

/** Verdicts against building that follow the build phrase ("writing our own scheduler isn't worth it"). */
const VERDICT_AGAINST = [
  "isn't worth", 'is not worth', 'not worth it', 'is overkill', 'would be overkill', 'makes no sense', 'bad idea',
  'is a trap', 'is a mistake',
];

/** Heads that make "made/ran/shipped our own ..." a system rather than, say, coffee. */
const SYSTEM_HEADS = [
  'service', 'system', 'server', 'layer', 'backend', 'infrastructure', 'infra', 'cluster', 'implementation', 'stack',
  'app', 'api', 'algorithm', 'operator', 'bot', 'client', 'driver', 'plugin', 'extension', 'package', 'tracker',
  'editor', 'compiler', 'interpreter', 'language', 'dsl', 'format', 'protocol', 'storage', 'store', 'db', 'index',
  'cdn', 'runtime', 'vm', 'container', 'installer', 'updater', 'uploader', 'scraper', 'crawler', 'generator',
  'builder', 'runner', 'worker', 'daemon', 'agent', 'manager', 'middleware', 'router', 'widget', 'player', 'viewer',
  'resolver', 'validator', 'serializer', 'formatter', 'linter', 'transpiler', 'minifier', 'mailer', 'notifier',
  'portal', 'ui', 'frontend', 'registry', 'repo', 'vault', 'limiter', 'balancer', 'shipper', 'aggregator',
  'collector', 'exporter', 'importer', 'sync', 'replication', 'backup', 'deployment', 'k8s', 'kubernetes', 'docker',
  'ci', 'cd', 'pubsub', 'bus', 'stream', 'streaming', 'warehouse', 'lake', 'etl', 'logging', 'tracing', 'profiler',
  'debugger',
];

/** Heads that only say "a version of something": what follows "of" decides ("our own version of LaunchDarkly"). */
const GENERIC_HEADS = ['version', 'implementation', 'thing', 'solution', 'take', 'flavor', 'flavour', 'clone', 'copy'];

/** Pronouns that stand for a thing named earlier ("I'll build one"). */
const PRONOUN_OBJECT = ['one', 'it', 'this', 'that', 'them'];

// ---- Patterns (compiled once) ------------------------------------------------------------------------------
// Each pattern is a plain word alternation or anchored; the logic finds a marker ("our own", "custom",
// "ourselves") and then looks back a few words for a build verb, so no pattern needs an unbounded gap.

const alt = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s')).join('|');

const BUILD_VERB_RE = new RegExp(`\\b(?:${alt(BUILD_VERBS)})\\b`, 'gi');
const ANY_MAKE_VERB_RE = new RegExp(`\\b(?:${alt([...MAKE_VERBS, ...SMALL_MAKE_VERBS])})\\b`, 'gi');
const SMALL_MAKE_VERB_RE = new RegExp(`^(?:${alt(SMALL_MAKE_VERBS)})$`, 'i');
const DIMINUTIVE_RE = new RegExp(`^(?:(?:very|really|super|pretty)\\s)?(?:${alt(DIMINUTIVES)})\\b`, 'i');
const DIMINUTIVE_WORD_RE = new RegExp(`^(?:${alt(DIMINUTIVES)})$`, 'i');
const STRONG_HOMEMADE_RE = new RegExp(`^(?:${alt(STRONG_HOMEMADE)})$`, 'i');
/** An agent noun names a working thing ("tracker", "shortener", "loader"), unless it is one of the plain ones. */
const AGENT_NOUN = /^\w{3,}(?:er|or)s?$/i;
const NOT_AGENT_NOUN_RE = new RegExp(`^(?:${alt(NOT_AGENT_NOUNS)})s?$`, 'i');
/** Heads that are sizeable even though "custom" often qualifies them as ordinary config (with a strong marker only). */
const SIZEABLE_ORDINARY = /^(?:pipeline|pipelines|dashboard|dashboards|workflow|workflows|module|modules)$/i;
/** Heads that say "a working piece of software" on their own. */
const SIZEABLE_HEAD = /^(?:harness|cli|utility|utilities|toolkit|toolchain|suite|console|hub|kit|mechanism|shortener|pipeline|dashboard|relay|bridge|sidecar|mirror)s?$/i;
/** What a library is replaced with: "our own utils", "our own fetch wrapper", "our own implementation". */
const NAMED_WORD = /^[A-Z][a-z]/;
const OWN_CODE_HEAD = /^(?:utils?|helpers?|wrappers?|client|implementation|version|code|one|thing|solution|lib|package)$/i;
/** A standard or format named before an ordinary head ("our own SAML handler", "our own JWT validation"). */
const ACRONYM_WORD = /^(?:[A-Z]{2,}[\w/-]*|CODE)$/;
/** Before a marker with no verb: the sentence proposes it ("Proposal: an in-house X", "idea: our own X"). */
const PROPOSAL_LEAD = /(?:^|\b)(?:idea|proposal|pitch|plan|suggestion|proposing|propose|suggest|time\sfor|we\sneed|we\swant|let's\shave|lets\shave|we\sshould\shave|we\scould\shave)\s?[:–—-]?\s(?:(?:a|an|the|some)\s)?(?:(?:small|little|tiny|simple|proper|new)\s)?$/i;
/** "replaced moment.js with our own": the marker ends a replacement. */
const SHOWCASE = /\b(?:demo|sample|example|toy|poc|practice|hello-world|throwaway|test)\b/i;
/** "... in Grafana", "... on Retool": made inside an existing tool. */
const IN_NAMED_TOOL = /^\s(?:in|on|with|using)\s(?:[A-Z]|CODE\b)/;
const WITH_BEFORE = /\bwith\s$/i;
const REPLACE_VERB = /\b(?:replace|replaced|replacing|replaces|swap|swapped|swapping|swaps)\b/i;
/** The thing replaces an existing dependency or tool ("so we don't need Zapier anymore"): a clear case. */
const REPLACES_EXISTING = /\bso\s(?:we|i)\s(?:don't|dont|no\slonger|won't|wont)\s(?:need|have\sto|pay)\b|\binstead\sof\b|\breplaces?\b|\banymore\b|\bno\smore\b|\bstop\spaying\b/i;
/** A named alternative after "rather" ("rather use Auth0 than ..."); "rather than another vendor" is too vague to exempt. */
const NAMED_ALTERNATIVE = /\s(?:[A-Z][\w.+#-]+|CODE)\b/;
/** Another language, when unmistakable: a verb of building and "our own" ("construir nuestro propio ..."). */
const FOREIGN_OWN_BUILD = /(?:^|\s)(?:construir|construyamos|crear|escribir|escribamos|desarrollar|desarrollemos|implementar|implementemos|programar|criar|desenvolver|escrever|construire|construisons|créer|créons|écrire|écrivons|développer|développons|implémenter|programmer|bauen|schreiben|entwickeln|implementieren|programmieren)\s(?:\S+\s){0,2}?(?:nuestro\spropio|nuestra\spropia|nuestros\spropios|nuestras\spropias|nosso\spróprio|nossa\sprópria|nossos\spróprios|notre\spropre|nos\spropres|unser(?:e|en|er|es)?\seigene[nrs]?)(?:\s|$)/gi;
/** "our own", "my very own". */
const OWN_MARK = /\b(?:our|my)\s(?:very\s)?own\b/gi;
const HOMEMADE_MARK = new RegExp(`\\b(?:${alt(HOMEMADE)})(?![\\w-])`, 'gi');
const OURSELVES_MARK = new RegExp(`\\b(?:${alt(OURSELVES)})\\b`, 'gi');
const BY_US_VERB_RE = new RegExp(`\\b(?:${alt(BY_US_VERBS)})\\b`, 'gi');
const WRITE_VERB = /^(?:write|writing|wrote)$/i;
const EDGE_PUNCT = /^\W+|\W+$/g;
/** "a tiny CMS", "an internal tool": the noun phrase after a make-verb. */
const DETERMINER = /^\s(?:us\s|me\s)?(?:a|an|the|our|my|some)\s/i;
/** Up to four words right after a marker (anchored, so linear). */
const NEXT_WORDS = /^(?:\s[\w'&+/-]+){0,4}/;
/** Where a noun phrase stops: a preposition, a "to"-purpose, a relative clause, punctuation. */
const PHRASE_END = /\s(?:to|for|that|which|who|with|in|on|of|from|so|and|but|over|at|by|this|next|last|tonight|today|tomorrow|yesterday|earlier|recently|already|again)\b|[,:(]/i;
// The thing must be the head of its phrase ("a tool to diff ..." yes, "a tool shed" no).
const ARTEFACT_RE = new RegExp(`(?:^|\\s)(?:${alt(ARTEFACTS)})s?\\s?$`, 'i');
const SYSTEM_THING_RE = new RegExp(`(?:^|\\s)(?:${alt([...ARTEFACTS, ...SYSTEM_HEADS])})s?\\s?$`, 'i');
const ARTEFACT_ANY_RE = new RegExp(`\\b(?:${alt(ARTEFACTS)})s?\\b`, 'i');
const GENERIC_HEAD_RE = new RegExp(`(?:^|\\s)(?:${alt(GENERIC_HEADS)})s?\\s?$`, 'i');
/** After "version of": a named product (capitalised or code) or a system-like thing. */
/** A product's name as the thing ("our own Heroku", "an in-house Sentry"). */
const PRODUCT_NAME = /(?:^|\s)[A-Z][\w.+#-]*/;
const OF_LEAD = /^\sof\s(?:the\s|a\s|an\s)?/;
const OF_NAMED = /^\sof\s(?:the\s|a\s|an\s)?(?:[A-Z]|CODE\b)/;
/** Someone else did the building ("the vendor built ...", "whoever wrote our own auth ..."). */
const OTHER_BUILDER = /\b(?:whoever|who|you|they|he|she|someone|somebody|vendor|vendors|agency|contractor|contractors|consultant|consultants|team\s\w+)\s(?:\w+\s)?$/i;
/** "what we need is an internal tool ..." followed by "I'll build one". */
const NAMED_HOMEMADE = new RegExp(`\\b(?:${alt(HOMEMADE)}|our\\sown|my\\sown)\\s(?:[\\w'&+/-]{1,40}\\s)?(?:${alt(ARTEFACTS)})`, 'i');
const BUILD_PRONOUN = new RegExp(`\\b(?:${alt(MAKE_VERBS)})\\s(?:${alt(PRONOUN_OBJECT)})\\b`, 'gi');
/** "would be so cool to build", "how hard can it be to write my own X". */
const WISHFUL_BUILD = /\b(?:would|will|could|it'd|itd)\sbe\s(?:so\s|really\s|super\s|pretty\s)?(?:cool|fun|nice|neat|awesome|great|easy|interesting)\sto\s(?:build|write|make|roll|implement|code|hack)\b/gi;
const HOW_HARD = /\bhow\shard\s(?:can|could)\sit\s(?:really\s)?be\sto\s(?:build|write|make|roll|implement|code)\b/gi;
const WEIGHED_RE = new RegExp(`(?:^|\\b|(?<=\\s))(?:${alt(WEIGHED)})(?:\\b|$|(?=\\s))|[$€£]\\d`, 'i');
const VERDICT_AGAINST_RE = new RegExp(`\\b(?:${alt(VERDICT_AGAINST)})\\b`, 'i');
const ORDINARY_CODE_RE = new RegExp(`^(?:${alt(ORDINARY_CODE)})s?$`, 'i');
const LOOSE_VERB_RE = new RegExp(`^(?:${alt([...LOOSE_VERBS])})$`, 'i');
/** "I don't think we need ...", "rather ... than build": the sentence argues against. */
const NEGATED_OPINION = /\b(?:don't|dont|do not|doesn't|never)\s(?:think|believe|need|want)\b|\bno\sneed\b/i;
/** "wondering whether we should roll our own": an open question, even without a question mark. */
const WONDERING = /\b(?:wonder|wondering|wondered|curious|debating|unsure|idk|dunno|not\ssure|asking)\s(?:\w+\s)?(?:if|whether)\b/i;
const RATHER = /\brather\b/i;
const THAN = /\bthan\b/i;
const WHITESPACE = /\s+/;
const ROLL = /^roll/i;
/** "on my own" means "alone", not "my own thing". */
const ON_BEFORE = /\bon\s$/i;
/** A question that opens with the verb itself ("roll my own analytics?") is the writer musing, not asking others. */
const VERB_FIRST = new RegExp(`^(?:(?:so|ok|okay|hmm|honestly|maybe),?\\s)?(?:${alt(BUILD_VERBS)})\\b`, 'i');
/** "what we really need is ...": a statement that starts like a question. */
const PSEUDO_CLEFT = /^(?:so\s|and\s)?what\s(?:we|i|you|they)\b/i;

/**
 * Cheap first pass on the lowercased text: every path needs one of these stems (a marker, a verb of making, or
 * another language's "own"), so a message without any cannot hold a finding.
 */
const TRIGGER_STEMS = [
  'own', 'ourselves', 'scratch', 'house', 'home', 'hand', 'custom', 'bespoke', 'diy', 'internal', 'writ', 'wrot',
  'buil', 'roll', 'implement', 'develop', 'creat', 'hack', 'whip', 'cook', 'prototyp', 'throw', 'threw', 'knock',
  'cobble', 'together', 'mak', 'made', 'cod', 'propi', 'própri', 'propre', 'eigen', 'reimplement', 're-implement',
];
// One alternation of word starts: far faster than an includes() per stem, and than lowercasing each message.
const TRIGGER = new RegExp(`\\b(?:${TRIGGER_STEMS.map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})`, 'i');
/** Per-scan gates in findBuilds: each marker scan runs only when its marker's stem is in the sentence. */
const GATE = {
  howHard: /how\shard/i,
  own: /own/i,
  homemade: /custom|bespoke|home|house|hand|internal|diy/i,
  ourselves: /ourselves|house|scratch/i,
  foreign: /propi|própri|propre|eigen/i,
  wishful: /\sbe\s/i,
};
const MAX_HITS = 8;

const PATTERNS: readonly RegExp[] = [
  TRIGGER, ...Object.values(GATE), BY_US_VERB_RE, ANY_MAKE_VERB_RE, SMALL_MAKE_VERB_RE, DIMINUTIVE_RE, DIMINUTIVE_WORD_RE, STRONG_HOMEMADE_RE, AGENT_NOUN,
  NOT_AGENT_NOUN_RE, SIZEABLE_ORDINARY, SIZEABLE_HEAD, NAMED_WORD, OWN_CODE_HEAD, ACRONYM_WORD, PROPOSAL_LEAD, WITH_BEFORE, SHOWCASE, IN_NAMED_TOOL, REPLACE_VERB,
  REPLACES_EXISTING, NAMED_ALTERNATIVE, FOREIGN_OWN_BUILD, WRITE_VERB, EDGE_PUNCT, GENERIC_HEAD_RE, PRODUCT_NAME, OF_LEAD, OF_NAMED, ARTEFACT_ANY_RE, OTHER_BUILDER, BUILD_VERB_RE, OWN_MARK, HOMEMADE_MARK, OURSELVES_MARK, DETERMINER, NEXT_WORDS, PHRASE_END, ARTEFACT_RE,
  SYSTEM_THING_RE, NAMED_HOMEMADE, BUILD_PRONOUN, WISHFUL_BUILD, HOW_HARD, WEIGHED_RE, VERDICT_AGAINST_RE,
  ORDINARY_CODE_RE, LOOSE_VERB_RE, NEGATED_OPINION, WONDERING, RATHER, THAN, WHITESPACE, ROLL, ON_BEFORE, VERB_FIRST, PSEUDO_CLEFT,
];

// ---- Logic -------------------------------------------------------------------------------------------------

export interface BuildHit {
  /** sentence-relative offsets */
  start: number;
  end: number;
  confidence: number;
}

function statementQuestion(sentence: string): boolean {
  return isQuestion(sentence) && !(PSEUDO_CLEFT.test(sentence) && !sentence.trimEnd().endsWith('?'));
}

/** The build verb at most `maxWords` words before `index` (the nearest one), or undefined. */
function verbBefore(sentence: string, index: number, maxWords: number, verbs = BUILD_VERB_RE): { start: number; verb: string } | undefined {
  const from = Math.max(0, index - 80);
  const window = sentence.slice(from, index);
  let found: { start: number; verb: string } | undefined;
  for (const m of boundedMatches(verbs, window)) found = { start: from + m.index, verb: m[0] };
  if (!found) return undefined;
  const between = sentence.slice(found.start + found.verb.length, index).trim();
  const words = between ? between.split(WHITESPACE).length : 0;
  return words <= maxWords ? found : undefined;
}

/** The noun phrase right after `index`: up to four words, cut at a preposition or punctuation. */
function phraseAfter(sentence: string, index: number): string {
  const words = NEXT_WORDS.exec(sentence.slice(index, index + 200))?.[0] ?? '';
  const cut = PHRASE_END.exec(words);
  return cut ? words.slice(0, cut.index) : words;
}

const wordsOf = (thing: string) => thing.trim().split(WHITESPACE).filter(Boolean);
const headOf = (thing: string) => (wordsOf(thing).at(-1) ?? '').replace(EDGE_PUNCT, '');

/**
 * A sizeable piece of software, whatever its name: a known system-like head, a working "-er" noun ("tracker",
 * "shortener"), or a harness/CLI/utility. `strong` (an unmistakable marker) also admits pipelines and dashboards.
 */
function sizeable(thing: string, strong: boolean): boolean {
  const head = headOf(thing);
  if (!head) return false;
  // Pipelines and dashboards are often ordinary config: only a strong marker or a known kind ("metrics pipeline").
  if (SIZEABLE_ORDINARY.test(head)) return strong || ARTEFACT_RE.test(thing);
  if (SIZEABLE_HEAD.test(head)) return true;
  if (ORDINARY_CODE_RE.test(head) && !ARTEFACT_RE.test(thing)) return false;
  return SYSTEM_THING_RE.test(thing) || (AGENT_NOUN.test(head) && !NOT_AGENT_NOUN_RE.test(head));
}

/** "our own SAML handler": a standard's name before an ordinary head says a library exists for it. */
const namesStandard = (thing: string) => wordsOf(thing).slice(0, -1).some((w) => ACRONYM_WORD.test(w));

/** "replaced the date library with our own": the replacement verb a few words before "with". */
function replacedWith(sentence: string, index: number): { start: number; verb: string } | undefined {
  const before = sentence.slice(Math.max(0, index - 60), index);
  if (!WITH_BEFORE.test(before)) return undefined;
  const m = REPLACE_VERB.exec(before);
  return m ? { start: index - before.length + m.index, verb: m[0] } : undefined;
}

/** Build proposals in one sentence (sentence-relative spans), before message-level exemptions. Shared with missing-tradeoffs. */
export function findBuilds(sentence: string, previous: string | undefined, contextNamesHomemade: () => boolean): BuildHit[] {
  const hits: BuildHit[] = [];
  const question = statementQuestion(sentence);
  const keep = (start: number, end: number, confidence: number) => {
    const from = Math.max(0, start - 200);
    if (OTHER_BUILDER.test(sentence.slice(Math.max(0, start - 30), start))) return;
    if (isNegatedAt(sentence, start) || isOthersWords(sentence.slice(from, start + 200), start - from)) return;
    const before = sentence.slice(from, start);
    if (NEGATED_OPINION.test(before) || WONDERING.test(before)) return;
    // "rather use Auth0 than build" weighed a named option; "rather than another vendor" did not.
    const rather = before.search(RATHER);
    if (rather >= 0 && THAN.test(before.slice(rather)) && NAMED_ALTERNATIVE.test(before.slice(rather))) return;
    if (VERDICT_AGAINST_RE.test(sentence.slice(end, end + 60))) return;
    hits.push({ start, end, confidence });
  };

  if (GATE.howHard.test(sentence)) for (const m of boundedMatches(HOW_HARD, sentence)) keep(m.index, m.index + m[0].length + phraseAfter(sentence, m.index + m[0].length).length, 0.9);
  // Musing questions that open with the verb ("roll our own X?") still propose the build; real questions don't fire.
  if (question && !VERB_FIRST.test(sentence)) return hits;
  const doubt = question ? 0.2 : 0;

  // "write our own X": a system-like X is sure; anything else ("our own team culture") is doubtful, and with loose
  // verbs ("made our own coffee") not a build at all. Bare "roll our own" needs no noun.
  if (GATE.own.test(sentence)) for (const m of boundedMatches(OWN_MARK, sentence)) {
    if (hits.length >= MAX_HITS) break;
    if (ON_BEFORE.test(sentence.slice(Math.max(0, m.index - 4), m.index))) continue;
    const verb = verbBefore(sentence, m.index, 3) ?? replacedWith(sentence, m.index);
    // No verb: "idea: our own X", "Proposal: our own status page" still propose it.
    if (!verb && !PROPOSAL_LEAD.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
    const start = verb?.start ?? m.index;
    const thing = phraseAfter(sentence, m.index + m[0].length);
    const thingEnd = m.index + m[0].length + thing.length;
    const roll = !!verb && ROLL.test(verb.verb);
    if (GENERIC_HEAD_RE.test(thing)) {
      // "our own PDF templating thing": the words before the head say what it is.
      if (wordsOf(thing).filter((w) => !DIMINUTIVE_WORD_RE.test(w)).length > 1) { keep(start, thingEnd, 0.8 - doubt); continue; }
      // "our own version of X": only a build when X is a product or a system, not "of the runbook".
      const of = sentence.slice(thingEnd, thingEnd + 60);
      const ofThing = phraseAfter(of.replace(OF_LEAD, ' '), 0);
      if (OF_NAMED.test(of) || SYSTEM_THING_RE.test(ofThing)) keep(start, thingEnd, 0.9 - doubt);
      continue;
    }
    // "replaced moment.js with our own (date utils)": swapping a dependency for our own code.
    if (verb && REPLACE_VERB.test(verb.verb) && (!thing.trim() || sizeable(thing, true) || OWN_CODE_HEAD.test(headOf(thing)))) {
      keep(start, thingEnd, 0.85 - doubt);
      continue;
    }
    // Bare "roll our own" needs no noun.
    if (!thing.trim() && roll) { keep(start, thingEnd, 0.85 - doubt); continue; }
    const head = headOf(thing);
    if (ORDINARY_CODE_RE.test(head) && !ARTEFACT_RE.test(thing)) {
      // "roll our own JWT validation", "write our own SAML handler": reinventing a standard's library.
      if (roll || namesStandard(thing)) keep(start, thingEnd, 0.85 - doubt);
      continue;
    }
    // "our own Grafana board": a thing made inside a named tool is that tool's, unless the thing is itself a system.
    const sized = sizeable(thing, true);
    if (!sized && !roll && wordsOf(thing).slice(0, -1).some((w) => NAMED_WORD.test(w))) continue;
    const systemLike = sized || PRODUCT_NAME.test(thing) || roll;
    if (!systemLike && (!verb || LOOSE_VERB_RE.test(verb.verb))) continue;
    keep(start, thingEnd, (systemLike ? 0.9 : 0.65) - doubt);
  }
  // "build a custom caching layer", "replaces the i18n library with a custom system", "Proposal: an in-house X".
  if (GATE.homemade.test(sentence)) for (const m of boundedMatches(HOMEMADE_MARK, sentence)) {
    if (hits.length >= MAX_HITS) break;
    const verb = verbBefore(sentence, m.index, 5);
    if (!verb && !PROPOSAL_LEAD.test(sentence.slice(Math.max(0, m.index - 40), m.index))) continue;
    const thing = phraseAfter(sentence, m.index + m[0].length);
    // Only things that exist as products or services ("a custom caching layer", not "a custom prompt").
    if (!(sizeable(thing, STRONG_HOMEMADE_RE.test(m[0])) || (PRODUCT_NAME.test(thing) && !ORDINARY_CODE_RE.test(headOf(thing))))) continue;
    keep(verb?.start ?? m.index, m.index + m[0].length + thing.length, 0.85 - doubt);
  }
  // "implementing retry logic ourselves", "build this in-house".
  if (GATE.ourselves.test(sentence)) for (const m of boundedMatches(OURSELVES_MARK, sentence)) {
    if (hits.length >= MAX_HITS) break;
    const verb = verbBefore(sentence, m.index, 7, BY_US_VERB_RE);
    if (!verb) continue;
    // "write the migration ourselves" is ordinary work; writing (not building) needs a system-like object.
    const object = sentence.slice(verb.start + verb.verb.length, m.index).trim();
    const head = (object.split(WHITESPACE).at(-1) ?? '').replace(EDGE_PUNCT, '');
    if (ORDINARY_CODE_RE.test(head) && !ARTEFACT_RE.test(object)) continue;
    if (WRITE_VERB.test(verb.verb) && !SYSTEM_THING_RE.test(object)) continue;
    keep(verb.start, m.index + m[0].length, 0.85 - doubt);
  }
  // "gonna write a tiny CMS", "I'm building a tool to diff ...", "made a little CLI so we don't need X anymore".
  for (const m of boundedMatches(ANY_MAKE_VERB_RE, sentence)) {
    if (hits.length >= MAX_HITS) break;
    const after = m.index + m[0].length;
    const det = DETERMINER.exec(sentence.slice(after, after + 8));
    if (!det) continue;
    const thing = phraseAfter(sentence, after + det[0].length - 1);
    const end = after + det[0].length - 1 + thing.length;
    // The size says it is a side tool ("a small X service", "a tiny bot"); looser verbs ("made") need it.
    // "a little demo app", "a tiny sample service": something to show, not something to depend on.
    const small = DIMINUTIVE_RE.test(thing.trim()) && !SHOWCASE.test(thing);
    if (SMALL_MAKE_VERB_RE.test(m[0]) && !small) continue;
    const replaces = REPLACES_EXISTING.test(sentence.slice(end, end + 120));
    if (ARTEFACT_RE.test(thing) || (SYSTEM_THING_RE.test(thing) && ARTEFACT_ANY_RE.test(thing))) keep(m.index, end, (replaces ? 0.85 : 0.8) - doubt);
    else if (small && sizeable(thing, true)) {
      // Dashboards are often ordinary config, and one made in a named tool ("in Grafana") is that tool's; sure only
      // when it replaces something.
      const ordinary = SIZEABLE_ORDINARY.test(headOf(thing));
      if (ordinary && !replaces && IN_NAMED_TOOL.test(sentence.slice(end, end + 40))) continue;
      const sure = replaces || !ordinary;
      keep(m.index, end, (sure ? (replaces ? 0.85 : 0.8) : 0.65) - doubt);
    } else if (small && GENERIC_HEAD_RE.test(thing)) keep(m.index, end, (replaces ? 0.8 : 0.6) - doubt);
  }
  // Another language, when unmistakable ("vamos a construir nuestro propio ...").
  if (GATE.foreign.test(sentence)) for (const m of boundedMatches(FOREIGN_OWN_BUILD, sentence)) {
    const lead = m[0].length - m[0].trimStart().length;
    keep(m.index + lead, m.index + m[0].trimEnd().length, 0.8 - doubt);
  }
  // What "this" or "one" stands for: an in-house artefact just before, or in the message replied to.
  const antecedentIsHomemade = () => contextNamesHomemade() || (previous !== undefined && namesHomemade(previous));
  if (GATE.wishful.test(sentence)) for (const m of boundedMatches(WISHFUL_BUILD, sentence)) {
    keep(m.index, m.index + m[0].length, antecedentIsHomemade() || namesHomemade(sentence) ? 0.85 : 0.7);
  }
  // "I'll build one": only when the thing it stands for was an in-house artefact.
  if (antecedentIsHomemade()) for (const m of boundedMatches(BUILD_PRONOUN, sentence)) {
    keep(m.index, m.index + m[0].length, 0.8 - doubt);
  }
  return hits;
}

/** "our own feature flag service", "an internal tool": the text names an in-house artefact. */
export function namesHomemade(text: string): boolean {
  return NAMED_HOMEMADE.test(text);
}

/** Whether the message names concretely what it weighed, or is a thin layer over an existing tool. */
export function buildWasWeighed(prose: string): boolean {
  return WEIGHED_RE.test(prose);
}

export const buildVsBuy: Rule = {
  id: 'build-vs-buy',
  patterns: [...PATTERNS, ...TEXT_PATTERNS],
  examples: {
    flag: [
      { text: "I'm going to write our own OAuth server for the partner API." },
      { text: "let's build a custom metrics pipeline, it'll be way more flexible" },
      { text: 'hacked together a homegrown job runner over the weekend, PR soon' },
      { text: "we'll implement the PDF export engine ourselves" },
      { text: 'so cool, would be fun to build ourselves', context: 'What if we had our own status page service?' },
    ],
    pass: [
      { text: 'We looked at Unleash and LaunchDarkly, but neither runs on-prem, so I wrote a small flag table.' },
      { text: 'Before we build our own queue: could SQS do this?' },
      { text: "I'll add a retry button to the upload form." },
      { text: "I don't think we should roll our own crypto." },
      { text: 'I finished the report on my own this morning.' },
    ],
  },
  message: (quote) => `"${quote}" sounds like building our own. Worth saying whether it needs to exist, and which existing tool or simpler fix you weighed.`,
  tip: 'Does this need to exist? Could an existing tool or service do it (name one), or is there a simpler fix? If you still build, say what you weighed and why it lost.',
  detect(doc: PreparedText, context: PreparedText | undefined): RawFinding[] {
    // Read the replied-to message only when a sentence needs to know what "one" stands for.
    let contextHomemade: boolean | undefined;
    const contextNamesHomemade = () => (contextHomemade ??= !!context && namesHomemade(context.prose));
    const out: RawFinding[] = [];
    let previous: string | undefined;
    for (const s of doc.sentences) {
      // analyze() keeps one finding per rule: a handful of hits is plenty, and bounds the work on huge inputs.
      if (out.length >= MAX_HITS) break;
      // Cheap first pass: a sentence without a trigger stem cannot hold a build.
      if (TRIGGER.test(s.text)) for (const h of findBuilds(s.text, previous, contextNamesHomemade)) {
        out.push({ start: s.start + h.start, end: s.start + h.end, confidence: h.confidence });
      }
      previous = s.text;
    }
    // Checked only when there is something to exempt (most messages have no hit).
    return out.length && buildWasWeighed(doc.prose) ? [] : out;
  },
};
