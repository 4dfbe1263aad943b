// missing-tradeoffs: recommends or decides on a single option with no cost, downside or alternative.
// A proposal to build something ourselves belongs to build-vs-buy instead (never both for the same words).
import type { PreparedText } from '../prepare.ts';
import type { RawFinding, Rule } from '../rule.ts';
import { boundedMatches, isNegatedAt, isOthersWords, isQuestion, TEXT_PATTERNS } from '../text.ts';
import { findBuilds, namesHomemade } from './build-vs-buy.ts';

// ---- Phrase data -------------------------------------------------------------------------------------------

/** Verbs of choosing or changing technology, each with the word that introduces the new option. */
const CHOICE_VERBS_WITH_OBJECT = [
  'use', 'using', 'uses', 'go w/', 'adopt', 'adopting', 'adopts', 'go with', 'going with', 'goes with', 'opt for',
  'go for', 'settle on', 'standardize on', 'standardise on', 'standardizing on', 'standardising on', 'bet on', 'pick',
  'choose', 'introduce', 'introducing', 'introduces', 'consolidate on', 'consolidate onto', 'consolidating on',
];
/** Verbs of adding or keeping one option: only with a decision frame ("let's just drop in Mixpanel"). */
const FRAMED_CHOICE_VERBS = [
  'drop in', 'plug in', 'wire up', 'wire in', 'put everything on',
];
/** Verbs of placing data or a service somewhere: "let's just stick the sessions in redis" (framed only). */
const PLACE_VERBS = ['stick', 'store', 'stash', 'dump', 'throw', 'shove', 'host'];
/** Targets of a place verb that are idioms, not options ("keep it in mind", "throw it in the mix"). */
const PLACE_IDIOMS = /^(?:mind|place|touch|check|sync|line|order|parallel|batches|sight|view|the\s(?:loop|mix|back|works|queue|picture|know|meantime|way)|one\splace|writing|memory|front|production|prod|an\seye|eye|tabs|touch)\b/i;
/** Verbs of moving from one thing to another: need a "to/with/in/for" part to count ("move X to Y"). */
const CHANGE_VERBS = [
  'switch', 'switching', 'switches', 'swap', 'swapping', 'swaps', 'move', 'moving', 'moves', 'migrate', 'migrating',
  'migrates', 'port', 'porting', 'ports', 'convert', 'converting', 'converts', 'rewrite', 'rewriting', 'rewrites',
  'rebuild', 'rebuilding', 'rebuilds', 'replace', 'replacing', 'replaces', 'change', 'changing', 'changes',
  'transition', 'transitioning', 'shard', 'sharding', 'be rebuilt', 'be rewritten', 'be moved', 'be migrated',
  'be ported', 'be replaced', 'be converted', 'be written', 'be built', 'be implemented', 'be redone', 'be hosted',
];
const CHANGE_LINKS = ['over to', 'to', 'onto', 'into', 'in', 'with', 'for', 'over', 'by'];
/** Verbs of removing, which only make a choice when the replacement follows ("drop Redux and use Zustand"). */
const DROP_VERBS = [
  'deprecate', 'deprecating', 'sunset', 'sunsetting', 'phase out', 'phasing out', 'move away from', 'moving away from',
  'move off', 'moving off', 'get off', 'getting off', 'drop', 'dropping', 'ditch', 'ditching', 'rip out', 'ripping out',
  'get rid of', 'getting rid of', 'retire', 'retiring', 'kill', 'remove', 'removing',
];
const DROP_LINKS = [
  'for', 'in favor of', 'in favour of', 'and use', 'and go with', 'and move to', 'and switch to', 'and replace it with',
  'and adopt', 'and onto', 'and on to', 'onto', 'and require', 'and rely on', 'and stick with', 'and just use',
  'and only use', 'and only support', 'and support only', 'and standardize on', 'and standardise on', 'and keep only',
  'and put everything on', 'and go all in on',
];

/** What makes a verb a decision: said by the writer as a plan, a proposal or a verdict. */
const DECISION_FRAMES = [
  "let's", 'lets', 'let us', 'we should', 'we must', 'we need to', 'we have to', 'we ought to', 'we gotta',
  'we want to', "we'd better", 'it would be better to', "it'd be better to", 'would be better to', 'better to',
  'best to', "it's best to", 'might as well', 'makes sense to', 'the right move is to', "i'd suggest",
  "i'd recommend", "i'd propose", 'i would suggest', 'i would recommend', 'i reckon', 'i reckon we', 'i think we',
  'i say we', "i'd say we", 'i guess we', "i'd", 'i would', "i'd rather", "we'll", 'we will', "we're going to",
  'we are going to', "we're gonna", 'gonna', 'going to', "we're", 'we are', 'i propose', 'i suggest', 'i recommend',
  'i vote', 'i say', 'let me', 'lemme', 'my suggestion is to', 'my proposal is to', 'the plan is to', 'plan is to',
  'time to', 'the fix is to', 'we should just', 'just', 'should', 'must',
  // decisions reported as agreed or planned, and formal proposals; the fillers below add "to", "that", "we"
  // ("consensus is to", "planning to", "propose that we")
  'consensus is', 'we agreed', "we've agreed", 'team agreed', 'everyone agreed', 'planning', 'we plan', 'i plan',
  'plan:', 'we intend', 'i intend', 'aiming', 'like to propose', 'like to suggest', 'like to recommend', 'we propose',
  'we suggest', 'we recommend', 'imo', 'imho', '+1',
];
/** Whole phrases that announce a verdict on their own. */
const VERDICTS = [
  'it has been decided', "it's been decided", 'it was decided', 'we have decided', "we've decided", 'we decided',
  "i've decided", 'i have decided', 'i decided', 'decision is', 'decision:', 'the fix is obvious',
  'the answer is obvious', 'the obvious fix is', 'the obvious choice is', 'my vote is', 'my vote goes to',
  'i vote for', "i'm voting for", 'needs a rewrite in', 'needs to be rewritten in',
];
const VERDICT_NOUNS = [
  'the better choice', 'the best choice', 'the better option', 'the best option', 'the best fit', 'the better fit',
  'a better choice', 'a better fit', 'the best bet', 'our best bet', 'the fix', 'the answer', 'the solution',
  'the way to go', 'the way forward', 'the right call', 'the right choice', 'the obvious choice', 'the obvious fix',
  'the move',
];

/** Objects and targets of logistics, not of a technical choice ("let's move standup to 3", "use this thread"). */
const LOGISTICS = [
  'meeting', 'standup', 'stand-up', 'call', 'sync', 'retro', 'demo', '1:1', 'time', 'slot', 'date', 'day', 'deadline',
  'ticket', 'card', 'issue', 'thread', 'channel', 'dm', 'dms', 'conversation', 'discussion', 'chat', 'doc', 'pr',
  'sprint', 'backlog', 'lunch', 'coffee', 'room', 'calendar', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'tomorrow', 'today', 'tonight', 'week', 'month', 'am', 'pm', 'noon', 'eod', 'review', 'qa',
  'done', 'agenda', 'invite', 'link', 'draft', 'docs', 'notes', 'summary', 'column', 'board', 'folder', 'drive', 'notion page', 'someone', 'walk',
  'drinks', 'dinner', 'breakfast', 'beer', 'beers', 'rfc', 'adr', 'epic', 'story', 'checklist', 'post', 'writeup',
  'write-up', 'spreadsheet', 'sheet', 'slides', 'deck', 'english', 'german', 'french', 'spanish', 'branch', 'office',
  'offices', 'desk', 'screenshot', 'screenshots', 'readme', 'wording', 'phrasing', 'copy', 'typo', 'typos', 'title',
  'name', 'label', 'color', 'colour', 'font', 'logo', 'icon', 'emoji', 'env', 'environment', 'staging', 'sandbox',
  'template', 'search bar', 'button', 'shortcut', 'form', 'offsite', 'onsite', 'party', 'workshop', 'meetup',
  'hackathon', 'conference', 'webinar',
];
/** Code-level things: changing one of them is a code change, not a technology choice, unless it spans everything. */
const CODE_LEVEL = [
  'function', 'functions', 'method', 'methods', 'helper', 'helpers', 'variable', 'variables', 'var', 'constant',
  'constants', 'param', 'params', 'parameter', 'parameters', 'argument', 'arguments', 'timeout', 'value', 'values',
  'key', 'keys', 'timestamp', 'timestamps', 'string', 'strings', 'loop', 'loops', 'import', 'imports', 'interface',
  'enum', 'field', 'fields', 'line', 'lines', 'comment', 'comments', 'name', 'names', 'error message', 'callback',
  'regex', 'condition', 'check', 'file', 'files', 'directory', 'dir', 'env var', 'secret', 'secrets', 'date', 'dates',
  'util', 'utils', 'snippet',
];
/** Scope words that turn a code-level change into a codebase-wide decision ("convert all the class components"). */
const WIDE_SCOPE = /\b(?:all|every|everything|whole|entire|across|codebase|everywhere)\b/i;
/** A target that starts with a verb is a purpose ("rewrite this to avoid the double loop"), not an option. */
const PURPOSE_VERBS = [
  'avoid', 'make', 'fix', 'handle', 'support', 'reduce', 'improve', 'test', 'get', 'keep', 'allow', 'prevent',
  'speed', 'save', 'match', 'help', 'cover', 'see', 'check', 'do', 'be', 'run', 'show', 'read', 'return', 'skip',
  'include', 'remove', 'clean', 'simplify', 'unblock', 'debug', 'catch', 'stop', 'let', 'reflect',
];
/** Finite verbs after a gerund phrase make it the subject of a report ("switching to Yarn 4 broke the lockfile"). */
const FINITE_AFTER = /^[^,;:.]*?\b(?:is|was|were|broke|breaks|would|will|should|could|might|sounds|sounded|seems|seemed|makes|made|caused|causes|took|takes|fixed|helped|has|had|did|didn't|isn't|wasn't|went|turned|worked|failed)\b/i;
/** Generic objects that are not a specific option ("we should use a proper tool"). */
const GENERIC_OBJECTS = [
  'it', 'this', 'that', 'them', 'these', 'those', 'something', 'anything', 'one', 'whatever', 'a proper tool',
  'a better tool', 'a tool', 'the right tool', 'a proper', 'a better', 'the right', 'common sense', 'your judgment',
  'your judgement', 'caution', 'the flow', 'your', 'his', 'her', 'their', 'the plan', 'the proposal', 'the same',
  'the existing', 'the current', 'what we have', 'the new', 'the latest', 'the updated', 'the other', 'the old',
  'the next', 'the previous', 'the first', 'the second', 'the third', 'the last', 'the former', 'the latter', 'more',
  'fewer', 'less', 'some', 'any', 'better', 'proper', 'option', 'options', 'plan a', 'plan b', 'approach',
  'the approach', 'up', 'now', 'for now', 'later', 'today', 'tomorrow',
];

/** Words that name a cost, a downside, an alternative weighed, or when to revisit: the senior shape, so no finding. */
const TRADEOFF_WORDS = [
  'downside', 'downsides', 'tradeoff', 'tradeoffs', 'trade-off', 'trade-offs', 'trade off', 'cost', 'costs', 'costly',
  'cons', 'pros', 'drawback', 'drawbacks', 'the catch', 'at the expense of', 'we lose', "we'd lose", 'we would lose',
  'lose', 'losing', 'would mean', 'it means', 'that means', 'which means', 'means running', 'means maintaining',
  'means we', 'vs', 'versus', 'alternative', 'alternatives', 'alternatively', 'other option', 'options', 'either',
  'or we could', 'revisit', 'reconsider', 're-evaluate', 'switch back', 'unless', 'lock-in', 'locks us', 'ties us',
  'learning curve', 'overhead', 'compared', 'considered', 'weighed', 'looked at', 'benchmarked', 'on the other hand',
  'otherwise', 'risk', 'risks', 'risky', 'dealbreaker', 'deal-breaker', 'not both', 'i disagree', 'we can always',
  'we can add it', 'if that changes', 'down the line', 'but it', 'but that', "but we'd", 'but we would', 'but needs',
  'but requires',
  // costs said as a worse property or a thing given up
  'catch', 'give up', 'gives up', 'giving up', 'sacrifice', 'in exchange', 'price', 'pricier', 'costlier', 'expensive',
  'slower', 'harder', 'heavier', 'riskier', 'worse', 'more work', 'more complex', 'more complexity', 'more ops',
  'ops work', 'ops load', 'ops burden', 'operational', 'to operate', 'to maintain', 'maintenance', 'less flexible',
  'less mature', 'less control', 'migration effort', 'penalty',
  // a priority judgement or a scope limit: the writer weighed it
  'matters more', 'more important than', 'worth it', 'worth the', 'acceptable', 'good enough', "we don't need",
  'until then', 'only for', 'for the rest', 'over the alternative',
];

/** Code-review remarks: a choice about a line of code, not a system ("use `Promise.all` here"). */
const CODE_REVIEW = /\b(?:here|in this (?:function|file|loop|method|class|test|line|spot|case|component))\b|^nit\b/i;

// ---- Patterns (compiled once) ------------------------------------------------------------------------------

const alt = (words: readonly string[]) =>
  [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
const WORD = `[\\w'&+./#-]+`;

/** choice verb + up to 5 words of object: group 1 is the verb, group 2 the object. */
const CHOICE = new RegExp(`\\b(${alt(CHOICE_VERBS_WITH_OBJECT)})\\s+(${WORD}(?:\\s+${WORD}){0,5})`, 'gi');
/** change verb + object + link + target: "move the cron jobs to Temporal". Group 1 verb, 2 object, 3 target. */
const CHANGE = new RegExp(
  `\\b(${alt(CHANGE_VERBS)})\\b((?:\\s+${WORD}){0,6}?)\\s+(?:${alt(CHANGE_LINKS)})\\s+(${WORD}(?:\\s+${WORD}){0,3})`,
  'gi',
);
/** Framed-only choice verbs + object: "let's just drop in Mixpanel", "imo just turn on read replicas". */
const FRAMED_CHOICE = new RegExp(`\\b(${alt(FRAMED_CHOICE_VERBS)})\\s+(${WORD}(?:\\s+${WORD}){0,4})`, 'gi');
/** Place verb + object + in/on + target: "stick the sessions in redis". Group 1 verb, 2 object, 3 target. */
const PLACE = new RegExp(`\\b(${alt(PLACE_VERBS)})\\b((?:\\s+${WORD}){1,4}?)\\s+(?:in|into|on)\\s+(${WORD}(?:\\s+${WORD}){0,2})`, 'gi');
/** "let's do Chargebee": doing a named option (framed only); short acronyms are practices ("do TDD", "do PRs"). */
const DO_NAMED = /\b(?:do|doing)\s(?:[A-Z][\w.+#-]+|CODE)(?![\w.+#-])/g;
/** "across the board" means everywhere, not a board of cards. */
const ACROSS_THE_BOARD = /\bacross\sthe\sboard\b/gi;
const FOREIGN_TARGET = /^\s(?:(?:o|os|el|los|le|les|il|lo)\s)?(?:[A-Z]|CODE\b)|^\s(?:\S+\s){0,3}?(?:à|a|al|para|pra|zu|auf|nach|vers|sur|su|in|en|em)\s(?:[A-Z]|CODE\b)/;
/** German puts the verb last: "wir sollten auf Kubernetes umsteigen". */
const GERMAN_FRAME = /(?:^|\s)(?:wir\ssollten|lass\suns|lasst\suns|wir\swerden|wir\smüssen)\s/gi;
const GERMAN_LATE_VERB = /\s(?:umsteigen|wechseln|migrieren|nutzen|verwenden|einsetzen|benutzen|einführen)(?:\s|$|[.!,])/i;
const DOC_WORDS = /\b(?:docs|doc|wiki|notes|readme|runbooks?)\b/gi;
/** The first word of a named option: capitalised anywhere ("gRPC"), code, or with digits. */
const NAMED_WORD = /^\s*(?:\w*[A-Z]|CODE\b|\w*\d)/;
const PRACTICE_ACRONYM = /\s[A-Z]{2,4}s?$/;
const DETERMINER_START = /^(?:a|an|the|this|that|these|those|our|my|your|their|some|one|each|every|its)\b/i;
/** "decided: X", "decision from the sync: X for all Y": a verdict lead, then a named option or a choice verb. */
const DECISION_LEAD = /\b(?:decided|decision|verdict|conclusion|outcome|consensus|resolution|agreed|final\scall)\b(?:\s[\w-]+){0,4}?\s?:/gi;
/** "new services are Rust from now on": a rule for the future that names an option. */
const GOING_FORWARD = /\b(?:from\snow\son|going\sforward|moving\sforward|from\shere\son|for\sall\snew|by\sdefault|as\s(?:the|our)\sdefault)\b/gi;
/** Technical nouns (also plural) that make a named option a technology rather than a person. */
const TECH_NOUN = /\b(?:db|database|queue|cache|framework|library|lib|service|bus|broker|store|storage|language|stack|infra|backend|frontend|api|orm|tool|tooling|platform|cloud|hosting|runtime|bundler|cluster|engine|protocol|format|repo|project|app|component|job|pipeline|deploy|build)s?\b/i;
/** "the default should be pnpm". */
const DEFAULT_IS = /\b(?:the\s)?default\s(?:should|will|must|is\sgoing\sto|has\sto)\sbe\s([\w.+#-]+)/gi;
/** "the answer here is obviously server components": a verdict naming any option (not "to ...", "yes", "a ..."). */
const SOLUTION_IS_ANY = /\b(?:the|our)\s(?:answer|solution|fix|way\sforward|way\sto\sgo|move|call|play)\s(?:here\s|imo\s)?is\s(?:just\s|simply\s|clearly\s|obviously\s|definitely\s)?([\w.+#-]+)/gi;
const NOT_AN_OPTION = /^(?:to|that|this|it|yes|no|not|we|you|i|they|a|an|the|simple|easy|unclear|probably|still|same|there|what|whatever|in|on|at|for|our|my|your|pretty|really|very|kinda|obviously|always|never|nothing|none|hard|tricky|complicated|more|less|either|both|neither|somewhere|something|out|up|being|ready|done|off|true|false|enabled|disabled|none|empty|zero|null|fine|ok|okay|good|bad|higher|lower)$/i;
/** A verbless pick that opens a sentence: "Tailwind for the new design system", "Redis Streams for the job queue". */
const FRAGMENT_PICK = /^(?:[A-Z][\w.+#-]*|CODE)(?:\s(?:[A-Z][\w.+#-]*|CODE))?\sfor\s(?:the|our|all|every|new|any|this|prod|production)\b/;
/** Capitalised words that open a "... for the ..." sentence without being an option. */
const FRAGMENT_NOT_OPTION = /^(?:thanks|thank|thx|ty|kudos|congrats|props|shoutout|shout-out|sorry|apologies|same|ditto|good|great|nice|happy|time|ready|available|here|waiting|looking|heading|off|out|back|next|also|just|perfect|ok|okay|yes|no|this|that|credit|reason|context|plan|link|notes|agenda|eta|standup|lunch|cheers|welcome|hi|hey|hello|all|everyone|nothing|something|enough|good\sluck|fine|sure|same|me|we|i|you|hope|hoping)\b/i;
/** The sentence closes the question ("done deal", "from now on"). */
const FINALITY = /\b(?:done\sdeal|final\sanswer|end\sof\sstory|no[\s-]brainer|easy\scall|going\sforward|from\snow\son|period)\b/i;
/** The message replied to asks for a pick ("what should back the queue?", "we need to pick a styling approach"). */
const CONTEXT_ASKS = /\b(?:what|which)\s(?:should|do|would|are|is|to)\b|\b(?:pick|choose|decide\son|go\swith)\b|\bshould\swe\s(?:use|go|pick)\b|\bwhat\s(?:\w+\s)?to\suse\b/i;
/** "Terraform → Pulumi": a migration in arrow shorthand (framed only). */
const ARROW = /(?:^|\s)[\w.+#-]+\s?(?:→|->|=>|⇒)\s?(?:[A-Z][\w.+#-]*|CODE)/g;
/** Another language, when unmistakable: a plan to use or move to a named option ("vamos migrar tudo pra MongoDB"). */
const FOREIGN_CHOICE = /(?:^|\s)(?:vamos|vamos\sa|deberíamos|debemos|devemos|deveríamos|on\sva|il\sfaut|nous\sdevrions|on\sdevrait|lass\suns|wir\ssollten|wir\swerden|dovremmo|dobbiamo)\s(?:\S+\s)?(?:migrar|usar|utilizar|adoptar|adotar|cambiar|mudar|pasar|passar|trocar|migrer|utiliser|adopter|passer|wechseln|migrieren|nutzen|verwenden|umsteigen|einsetzen|usare|passare|migrare|adottare)(?:\s|$)|(?:^|\s)(?:usemos|migremos|cambiemos|pasemos|adoptemos|adotemos|utilisons|migrons|passons|adoptons)\s/gi;
/** "put everything behind Cloudflare", "put a CDN in front of the images". */
const PUT_BEHIND = new RegExp(`\\b(put|putting)\\b((?:\\s+${WORD}){1,5}?)\\s+(?:behind|in\\s+front\\s+of)\\s+(${WORD}(?:\\s+${WORD}){0,3})`, 'gi');
/** After a verdict phrase: a named option (capitalised or code, not the first word) or a verb of choosing. */
const NAMED_TOKEN = /\s(?:[A-Z][\w.+#-]*|CODE)\b/;
const CHOICE_VERB_ANY = new RegExp(`\\b(?:${alt([...CHOICE_VERBS_WITH_OBJECT, ...CHANGE_VERBS, ...DROP_VERBS])})\\b`, 'i');
/** "standardize all services on OpenTelemetry", "consolidate the dashboards onto Grafana". */
const STANDARDIZE_ON = new RegExp(`\\b(standardi[sz]e|standardi[sz]ing|consolidate|consolidating)\\b((?:\\s+${WORD}){1,4}?)\\s+on(?:to)?\\s+(${WORD}(?:\\s+${WORD}){0,3})`, 'gi');
/** "let's do the frontend in Svelte": doing a part of the system in a named technology. */
const DO_IN_NAMED = /\b(do|doing)\s(?:the|our|this|all|all\sthe)\s(?:[\w-]+\s){0,2}?(?:in|with|on)\s(?:[A-Z][\w.+#-]*|CODE)/g;
/** "drop Redux and use Zustand", "ditch Jenkins for Argo". */
const DROP_FOR = new RegExp(`\\b(${alt(DROP_VERBS)})\\b((?:\\s+${WORD}){1,6}?)\\s+(?:${alt(DROP_LINKS)})\\s+(${WORD}(?:\\s+${WORD}){0,3})`, 'gi');
const CODE_LEVEL_RE = new RegExp(`\\b(?:${alt(CODE_LEVEL)})\\b(?![-\\w])|(?<=\\w)\\.(?:ts|tsx|js|jsx|py|go|rb|java|kt|json|ya?ml|md|css|scss|sql|sh)\\b`, 'i');
const PURPOSE_RE = new RegExp(`^(?:${alt(PURPOSE_VERBS)})\\b`, 'i');
/** "I'd rather use Auth0 than write our own": an alternative is weighed. */
const RATHER = /\b(?:rather|prefer)\b/gi;
const THAN = /\b(?:than|over)\b/i;
const HYPOTHETICAL = /\b(?:would|could|might)\s(?:be|work|give|have|also)\b/gi;
const BUT = /\bbut\b/i;
/** "this ticket moves us over", "we should just switch now": a change with the target said elsewhere. */
const BARE_CHANGE = /\b(?:switch|switches|switching|migrate|migrates|migrating|move|moves|moving|port|ports)\s+(?:us\s+|everything\s+|everyone\s+|it\s+all\s+)?(?:over|across)\b|\b(?:switch|migrate)(?=\s+(?:now|today|asap|right\s+away|already|soon)\b|\s*[.!]|\s*$)/gi;
/** "unocss fits my goals better", "X is a better fit": a preference stated by its benefits only. */
const BETTER_FIT = /\b(?:fits|suits|matches)\s+(?:my|our|the|your)\s+(?:\w+\s+)?(?:goals|needs|use\s+case|use-case|requirements|workflow|stack)\s+better\b|\bis\s+(?:a|the)\s+(?:much\s+|way\s+)?better\s+fit\b/gi;
/** "needs a Go rewrite", "a rewrite in Rust". */
const NOUN_REWRITE = new RegExp(`\\b(?:needs|need|deserves|time for)\\s+(?:a|an)\\s+(?:${WORD}\\s+)?(?:rewrite|migration|port)\\b`, 'gi');
const VERDICT = new RegExp(`(?:^|\\b)(?:${alt(VERDICTS)})(?:\\s+${WORD}){0,6}`, 'gi');
/** "the answer is Kubernetes", "our way forward is `pnpm`": a verdict naming an option (capitalised or code). */
const SOLUTION_IS = /\b(?:[Tt]he|[Oo]ur)\s(?:answer|solution|way\sforward|way\sto\sgo|choice|pick)\s(?:here\s)?is\s(?:just\s|simply\s|clearly\s|obviously\s)?(?:[A-Z][\w.+#-]*|CODE)/g;
/** "I'd recommend Vitest", "I suggest `pnpm`": recommending a named option (capitalised or code). */
const RECOMMEND_NAMED = /\b(?:[Ii]'d|[Ii]|[Ww]e'd|[Ii] would|[Mm]y vote:?)\s(?:strongly\s|really\s|probably\s)?(?:[Rr]ecommend|[Ss]uggest|[Pp]ropose|[Vv]ote for|[Pp]ick|[Cc]hoose|[Pp]refer)\s(?:going\swith\s|using\s|switching\sto\s|moving\sto\s)?(?:[A-Z][\w.+#-]*|CODE)/g;
/** A choice of "the shorter one", "the second date": it refers to options listed elsewhere. */
const REFERENTIAL = /^(?:the|a)\s\w+(?:er|est)\b/i;
/** "X is the fix for the backlog", "Kafka is the way to go". */
const IS_VERDICT = new RegExp(`\\b(?:is|are|'s)\\s+(?:clearly\\s+|obviously\\s+|definitely\\s+|just\\s+)?(?:${alt(VERDICT_NOUNS)})\\b`, 'gi');
/** The decision frame right before the verb (checked on the text before the match). */
const FRAME_BEFORE = new RegExp(
  `(?:^|\\b)(?:${alt(DECISION_FRAMES)})(?:\\s+(?:just|also|probably|definitely|really|finally|now|all|simply|totally|seriously|entirely|actually|fully|start|start\\s+to|go\\s+ahead\\s+and|be|eventually|first|honestly|that|we|to)){0,3}\\s*$`,
  'i',
);
/** The verb opens its clause: an imperative ("swap rollup for esbuild") or a heading-style gerund ("moving CI to X"). */
const CLAUSE_START = /(?:^[•◦▪·*-]?\s*|[:;(]\s*|\b(?:and|so|then|honestly|imo|imho|tbh|ok|okay|yeah|also|plan|proposal|step toward|step towards|start|starting|pls|plz|please)\s+|,\s+(?:and\s+)?)(?:just\s+|also\s+|first\s+)?$/i;
/** "this PR converts ...", "this ticket moves us over": a change description in the third person. */
const CHANGE_DESCRIPTION = /\b(?:this|the)(?:\s(?:pr|mr|ticket|change|commit|patch|diff|branch|rfc|proposal|epic|story))?\s$/i;
const LOGISTICS_RE = new RegExp(`\\b(?:${alt(LOGISTICS)})\\b(?![-\\w]|\\.\\w)`, 'i');
const GENERIC_RE = new RegExp(`^(?:${alt(GENERIC_OBJECTS)})\\b`, 'i');
const TRADEOFF_RE = new RegExp(`\\b(?:${alt(TRADEOFF_WORDS)})\\b`, 'gi');
/** Cost words used as a benefit ("cuts our compute cost", "lower risk") or dismissed ("either way") name no downside. */
const BENEFIT_BEFORE = /\b(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|lower|lowers|lowering|save|saves|saving|slash|slashes|no|zero|low|less|fewer|minimal|without)\s(?:\w+\s){0,2}$/i;
const EITHER_WAY = /^either\sway/i;
/** "no idea what it'd cost": a cost not known is not a cost named. */
const UNKNOWN_BEFORE = /\b(?:no\sidea|not\ssure|unsure|dunno|don't\sknow|do\snot\sknow|unclear|no\sclue)\s(?:what|how\smuch|whether|if)\s(?:[\w']+\s){0,3}$/i;
/** "the caching alone is worth it", "totally worth it": a benefit, not a price paid. */
const WORTH_BENEFIT = /\b(?:alone|totally|so|easily|absolutely|definitely|well)\s(?:is\s|are\s)?$/i;
const WORTH = /^worth/i;
/** Past-tense reports are status, not proposals ("switched the deploy to the new cli and now it's broken"). */
const PAST_FRAME = /\b(?:we|i|they|he|she|already|just)\s+(?:have\s+|had\s+|'ve\s+)?$/i;
/** "-1 on moving CI", "against switching": the writer argues against the choice. */
const AGAINST = /(?:-1|👎|\bagainst|\bnot a fan of|\bno to)\s+(?:\w+\s+){0,2}$/i;
/** "A or B?" in the message replied to: a pick from it with no reasons is a bare choice. */
const CONTEXT_CHOICE = /(?<![\w.+#-])([\w.+#-]+)\s(?:or|oder|ou|o|vs\.?|versus)\s([\w.+#-]+)/i;
/** An option that looks like a name: capitalised, code, or with digits or dots ("RabbitMQ", "S3", "Next.js"). */
const NAMED_OPTION = /^[A-Z]|^CODE$|\d|\w\.\w/;
const SENTENCE_START_BEFORE = /(?:^|[.!?:]\s*|\n\s*)$/;
const TECH_CONTEXT = /\b(?:db|database|queue|cache|framework|library|lib|service|bus|broker|store|storage|language|stack|infra|backend|frontend|api|orm|ci|cd|tool|tooling|platform|cloud|hosting|runtime|bundler|cluster|engine|protocol|format)\b/i;
/** Contrast in the message replied to ("Kafka gives replay but needs ops; SQS ..."): its options came with costs. */
const CONTRAST = /\b(?:but|whereas|however|although)\b/i;
const OFFERS_CHOICE = /\b(?:which|or|either|option|options)\b/i;
const GERUND = /ing$/i;
const SECOND_PERSON = /\byou(?:'ll|'d)?\s(?:\w+\s){0,2}$/i;
/** Third person singular of a verb ("uses", "replaces", "goes with"), not "us" or "ss" words. */
const THIRD_PERSON = /^\w+(?:[^su]s|es)(?:\s|$)/i;
/** How-to answers: "To parse X, use Y", "If you need X, use Y", "For X, use Y". */
const HOW_TO = /^(?:to|if|for|when|in order to)\s/i;
/** "how do I ...?", "anyone know how to ...": a practical question, answered with instructions. */
const HOW_TO_QUESTION = /\bhow\s(?:do|can|could)\s(?:i|you)\b|\bhow\sto\b|\bwhat'?s\sthe\s(?:best\s|easiest\s|right\s)?way\sto\b|\bany\s(?:tips|tricks)\b/i;
const PLEASE = /\b(?:please|pls|plz)\s$/i;
/** "use X to do Y" without a decision frame is an instruction. */
const PURPOSE_IN_OBJECT = /\sto\s(?!the\b|a\b|an\b|our\b|my\b)[a-z]+/i;
const USE_VERB = /^us/i;
const GOING_WITH = /^going\s/i;
/** "the use of X" is a noun. */
const USE_OF = /^use\sof\b/i;
const WORDS = /[\w.+#-]+/g;
const NON_WORD = /[^\w]/g;
const SPACES = /\s+/;

/** "we're using Redis": a progressive after "we're" reports the present; only "going with" announces a choice. */
const PROGRESSIVE_STATUS = /\b(?:we're|we\s+are|i'm|im|i\s+am|they're|currently|already)\s*$/i;

const TRAILING_TIME = /\s(?:next|this|last|the\s+following|by|on|before|after|in|over|for|and|then|so)\b|\s(?:now|today|tomorrow|asap|soon)\b/i;
/** Idioms: "move on", "move forward", "move fast". */
const IDIOM_OBJECT = /^\s*(?:on|along|forward|ahead|fast|faster|quickly|quick|gears|back|up|down|around)\s*$/i;
const WONDERING = /\b(?:wonder|wondering|wondered|curious|debating|unsure|idk|dunno|not\ssure|asking|question)\s(?:\w+\s)?(?:if|whether)\b|\b(?:open\squestion|question):/i;
const PASSIVE = /^be\s/i;
const NAMED_START = /^(?:[A-Z]|CODE\b|\w*\d)/;
const FUTURE_BEFORE = /\b(?:will|'ll|is\sgoing\sto|are\sgoing\sto|gonna|is\sto|are\sto)\s$/i;
const CONDITION_AFTER = /\b(?:if|unless|until|once|as\slong\sas|provided)\b/i;
const PREFERRED_OVER = /\sover\s(?!to\b|there\b|here\b|the\s(?:weekend|holidays|summer)\b)/i;
const PROPOSING = /\b(?:propose|suggest|recommend|vote)\b/i;


/** Inline code placeholders; code that is an option, a command or a member access rather than a tool's name. */
const CODE_WORD = /\bCODE\b/g;
const BACKTICKS = /^`|`$/g;
const CODE_LEVEL_SNIPPET = /^[-.]|\s|[()=]|^\w+\.\w+$/;

/**
 * Cheap gates: the stems that start each family of triggers. One scan of the lowercased sentence tells which families
 * are present, and only their scans run (most sentences hold none of the rarer ones).
 */
type Gate = 'choice' | 'change' | 'put' | 'standardize' | 'doing' | 'drop' | 'better' | 'verdict' | 'framed' | 'arrow' | 'future' | 'foreign' | 'lead';
const GATE_STEMS: Record<Gate, readonly string[]> = {
  choice: ['use', 'usin', 'adopt', 'go w', 'go for', 'going w', 'goes w', 'opt for', 'settl', 'standardi', 'bet on', 'pick', 'choos', 'introduc', 'consolidat'],
  change: [
    'switch', 'swap', 'mov', 'migrat', 'port', 'convert', 'rewrit', 'rebuil', 'replac', 'chang', 'transition', 'shard',
    'be rebuilt', 'be rewritten', 'be moved', 'be migrated', 'be ported', 'be replaced', 'be converted', 'be written',
    'be built', 'be implemented', 'be redone', 'be hosted',
  ],
  put: ['put'],
  standardize: ['standardi', 'consolidat'],
  doing: ['do ', 'doing'],
  drop: ['deprecat', 'sunset', 'phas', 'mov', 'get off', 'getting off', 'get rid', 'getting rid', 'drop', 'ditch', 'rip out', 'ripping out', 'retir', 'kill', 'remov'],
  better: ['better', 'fits', 'suits', 'matches'],
  verdict: [
    'decid', 'decision', 'obvious', 'vote', 'rewrit', 'migration', 'port', 'answer', 'solution', 'fix', 'way to',
    'way forward', 'the move', 'move is', 'call is', 'right call', 'play is', 'choice', 'pick', 'choos', 'option', 'fit',
    'bet', 'recommend', 'suggest', 'propos', 'prefer',
  ],
  framed: ['drop', 'plug', 'wire', 'put', 'stick', 'stor', 'stash', 'throw', 'shove', 'dump', 'host'],
  arrow: ['→', '->', '=>', '⇒'],
  future: ['forward', 'from now', 'from here', 'for all new', 'default'],
  foreign: [
    'vamos', 'deber', 'debemos', 'devemos', 'deveríamos', 'on va', 'il faut', 'nous devrions', 'on devrait', 'lass uns',
    'wir sollten', 'wir werden', 'dovremmo', 'dobbiamo', 'usemos', 'migremos', 'cambiemos', 'pasemos', 'adoptemos',
    'adotemos', 'utilisons', 'migrons', 'passons', 'adoptons',
  ],
  lead: ['decided', 'decision', 'verdict', 'conclusion', 'outcome', 'consensus', 'resolution', 'agreed', 'final'],
};
const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** Each stem's gates, including those of the stems it starts with ("move" also opens what "mov" opens). */
const STEM_GATES = new Map<string, Gate[]>();
for (const [gate, stems] of Object.entries(GATE_STEMS) as [Gate, readonly string[]][]) for (const stem of stems) STEM_GATES.set(stem, []);
for (const stem of STEM_GATES.keys()) {
  for (const [gate, stems] of Object.entries(GATE_STEMS) as [Gate, readonly string[]][]) {
    if (stems.some((t) => stem.startsWith(t))) STEM_GATES.get(stem)!.push(gate);
  }
}
const WORD_STEMS = [...STEM_GATES.keys()].filter((w) => /^\w/.test(w)).sort((a, b) => b.length - a.length);
const STEM_RE = new RegExp(`\\b(?:${WORD_STEMS.map(escape).join('|')})|→|->|=>|⇒`, 'g');

/** The gates open in a lowercased sentence (a case-sensitive scan is much faster than the i flag). */
function gatesIn(lower: string): Set<Gate> {
  const open = new Set<Gate>();
  STEM_RE.lastIndex = 0;
  for (let m = STEM_RE.exec(lower); m; m = STEM_RE.exec(lower)) for (const g of STEM_GATES.get(m[0]) ?? []) open.add(g);
  return open;
}

const PATTERNS: readonly RegExp[] = [
  // triggers
  STEM_RE, CHOICE, CHANGE, DROP_FOR, STANDARDIZE_ON, DO_IN_NAMED, PUT_BEHIND, BARE_CHANGE, BETTER_FIT, NOUN_REWRITE, VERDICT, IS_VERDICT,
  SOLUTION_IS, RECOMMEND_NAMED, FRAMED_CHOICE, PLACE, PLACE_IDIOMS, DO_NAMED, DECISION_LEAD, GOING_FORWARD, TECH_NOUN,
  DEFAULT_IS, SOLUTION_IS_ANY, NOT_AN_OPTION, FRAGMENT_PICK, FRAGMENT_NOT_OPTION, FINALITY, CONTEXT_ASKS, ARROW,
  FOREIGN_CHOICE, PRACTICE_ACRONYM, DETERMINER_START, ACROSS_THE_BOARD, GERMAN_FRAME, GERMAN_LATE_VERB, FOREIGN_TARGET, DOC_WORDS, NAMED_WORD, UNKNOWN_BEFORE, WORTH_BENEFIT, WORTH,
  // what makes a trigger a decision
  FRAME_BEFORE, CLAUSE_START, CHANGE_DESCRIPTION, PROPOSING, WONDERING, PASSIVE, NAMED_START, FUTURE_BEFORE, CONDITION_AFTER, PREFERRED_OVER, NAMED_TOKEN, CHOICE_VERB_ANY,
  // not a decision: status, instructions, arguments against
  PROGRESSIVE_STATUS, PAST_FRAME, FINITE_AFTER, AGAINST, SECOND_PERSON, THIRD_PERSON, HOW_TO, HOW_TO_QUESTION, PLEASE,
  PURPOSE_IN_OBJECT, USE_VERB, GOING_WITH, USE_OF, GERUND,
  // not a technology choice: logistics, code-level changes, idioms, references to options listed elsewhere
  LOGISTICS_RE, GENERIC_RE, REFERENTIAL, IDIOM_OBJECT, CODE_REVIEW, CODE_LEVEL_RE, WIDE_SCOPE, PURPOSE_RE, TRAILING_TIME,
  CODE_WORD, BACKTICKS, CODE_LEVEL_SNIPPET,
  // the senior shape: a named cost or an alternative weighed
  TRADEOFF_RE, BENEFIT_BEFORE, EITHER_WAY, RATHER, THAN, HYPOTHETICAL, BUT,
  // context: a pick from "A or B?"
  CONTEXT_CHOICE, CONTRAST, OFFERS_CHOICE, NAMED_OPTION, SENTENCE_START_BEFORE, TECH_CONTEXT, WORDS, NON_WORD, SPACES,
];

// ---- Logic -------------------------------------------------------------------------------------------------

const MAX_HITS = 8;

interface Hit {
  start: number;
  end: number;
  confidence: number;
}

/** Someone else's words, judged on the 200 characters before (keeps long inputs linear). */
function othersWords(sentence: string, index: number): boolean {
  const from = Math.max(0, index - 200);
  return isOthersWords(sentence.slice(from, index + 200), index - from);
}

/** How the verb at `index` is framed: a decision (confidence) or not one (0). */
function framing(sentence: string, index: number, verb = '', kind: 'choice' | 'change' = 'change'): number {
  const before = sentence.slice(Math.max(0, index - 60), index);
  // "we're using Redis" reports the present; "we're switching to Flutter" announces a change.
  if (kind === 'choice' && GERUND.test(verb) && PROGRESSIVE_STATUS.test(before) && !PROPOSING.test(before)) return 0;
  // "you can use X", "you should switch to Y": instructions or advice to the reader, not the writer's decision.
  if (AGAINST.test(before) || SECOND_PERSON.test(before)) return 0;
  // "wondering whether we should go with Kafka": an open question, even without a question mark.
  if (WONDERING.test(before)) return 0;
  if (FRAME_BEFORE.test(before)) return 0.85;
  // "the new service will be written in Rust": a decision announced in the passive.
  if (PASSIVE.test(verb) && FUTURE_BEFORE.test(before)) return 0.8;
  if (CHANGE_DESCRIPTION.test(before)) return 0.8;
  // Bare imperatives and headings: only the base form ("swap X for Y") or a heading gerund ("moving X to Y");
  // "uses X", "replaces X with Y" describe what something does (docs), and how-to answers ("To do Y, use X") instruct.
  if (CLAUSE_START.test(before) && !THIRD_PERSON.test(verb) && !HOW_TO.test(sentence) && !(kind === 'choice' && PLEASE.test(before))) return 0.8;
  return 0;
}

/** "Vite next sprint" -> "Vite": a time after the option is when, not what (but "next sprint" alone is logistics). */
function withoutTrailingTime(target: string): string {
  const m = TRAILING_TIME.exec(target);
  return m && m.index > 0 ? target.slice(0, m.index) : target;
}

/** Choices in one sentence (sentence-relative spans). `codeLevelAt` tells whether inline code in a span is code-level. */
function choicesIn(sentence: string, gates: Set<Gate>, codeLevelAt: (index: number, length: number) => boolean, howToAsked: boolean): Hit[] {
  const hits: Hit[] = [];
  const consider = (index: number, length: number, object: string, base: number, target = object, verbal = true) => {
    if (hits.length >= MAX_HITS) return;
    if (base === 0 || isNegatedAt(sentence, index) || othersWords(sentence, index)) return;
    if (LOGISTICS_RE.test(object.replace(ACROSS_THE_BOARD, ' ')) || GENERIC_RE.test(target.trim()) || PURPOSE_RE.test(target.trim())) return;
    if (REFERENTIAL.test(target.trim())) return;
    if (codeLevelAt(index, length)) return;
    // "let's adopt Bazel if build times keep growing": a condition on the choice is a revisit point.
    if (CONDITION_AFTER.test(sentence.slice(index + length, index + length + 120))) return;
    if (CODE_LEVEL_RE.test(`${object} ${target}`) && !WIDE_SCOPE.test(object)) return;
    // A heading-style gerund followed by a finite verb is the subject of a report, not an announcement.
    const verb = sentence.slice(index, index + 40).split(SPACES)[0] ?? '';
    if (verbal && GERUND.test(verb) && FINITE_AFTER.test(sentence.slice(index + verb.length, index + verb.length + 60))) return;
    hits.push({ start: index, end: index + length, confidence: base });
  };
  if (gates.has('choice')) for (const m of boundedMatches(CHOICE, sentence)) {
    const object = m[2] ?? '';
    if (USE_VERB.test(m[1] ?? '') && CODE_REVIEW.test(sentence.slice(m.index))) continue;
    // Choice verbs other than "going with" need a frame when not in the base form ("using X" is not a decision).
    const verb = m[1] ?? '';
    if (USE_OF.test(sentence.slice(m.index, m.index + 8))) continue;
    let base = framing(sentence, m.index, verb, 'choice');
    const framed = FRAME_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index));
    if (!framed && (GERUND.test(verb) && !GOING_WITH.test(verb))) base = 0;
    if (!framed && PURPOSE_IN_OBJECT.test(object)) base = 0;
    // "ECS over EKS": the alternative is named and weighed.
    if (PREFERRED_OVER.test(object)) continue;
    // A bare "use X" could be advice on how to do something; keep it below the nudge bar, and drop it after a how-to question.
    if (!framed && base > 0) base = howToAsked ? 0 : Math.min(base, 0.75);
    consider(m.index, m[0].length, object, base);
  }
  if (gates.has('change')) for (const m of boundedMatches(CHANGE, sentence)) {
    const before = sentence.slice(Math.max(0, m.index - 30), m.index);
    if (PAST_FRAME.test(before) && !FRAME_BEFORE.test(before)) continue;
    // Logistics show in the object or the first words of the target ("move standup to 3", "move it to next week").
    if (IDIOM_OBJECT.test(m[2] ?? '') || GENERIC_RE.test((m[3] ?? '').trim())) continue;
    const target = withoutTrailingTime(m[3] ?? '');
    // "move the docs to Docusaurus": docs moving to a named tool is a tool choice, not logistics.
    const docsToTool = NAMED_START.test(target.trim()) && !LOGISTICS_RE.test(target);
    const object = `${docsToTool ? (m[2] ?? '').replace(DOC_WORDS, ' ') : (m[2] ?? '')} ${target}`;
    // A passive ("will be written in Rust") names its subject before the verb: the target must be a named option.
    if (PASSIVE.test(m[1] ?? '') && !NAMED_START.test(target.trim())) continue;
    consider(m.index, m[0].length, object, framing(sentence, m.index, m[1]), target);
  }
  if (gates.has('put')) for (const m of boundedMatches(PUT_BEHIND, sentence)) {
    consider(m.index, m[0].length, `${m[2] ?? ''} ${withoutTrailingTime(m[3] ?? '')}`, framing(sentence, m.index), m[3] ?? '');
  }
  if (gates.has('standardize')) for (const m of boundedMatches(STANDARDIZE_ON, sentence)) {
    consider(m.index, m[0].length, `${m[2] ?? ''} ${withoutTrailingTime(m[3] ?? '')}`, framing(sentence, m.index, m[1]), m[3] ?? '');
  }
  if (gates.has('doing')) for (const m of boundedMatches(DO_IN_NAMED, sentence)) {
    // Only as a plan or proposal ("let's do ...", "we'll do ..."), never a bare "doing X in Y".
    if (FRAME_BEFORE.test(sentence.slice(Math.max(0, m.index - 60), m.index))) consider(m.index, m[0].length, m[0], 0.85, '', false);
  }
  if (gates.has('drop')) for (const m of boundedMatches(DROP_FOR, sentence)) {
    if (GENERIC_RE.test((m[2] ?? '').trim())) continue;
    consider(m.index, m[0].length, `${m[2] ?? ''}`, framing(sentence, m.index), m[3] ?? '');
  }
  if (gates.has('change')) for (const m of boundedMatches(BARE_CHANGE, sentence)) consider(m.index, m[0].length, '', framing(sentence, m.index));
  if (gates.has('better')) for (const m of boundedMatches(BETTER_FIT, sentence)) consider(m.index, m[0].length, '', 0.7);
  if (gates.has('verdict')) for (const m of boundedMatches(NOUN_REWRITE, sentence)) consider(m.index, m[0].length, '', 0.8, '', false);
  if (gates.has('verdict')) for (const m of boundedMatches(VERDICT, sentence)) {
    // "we decided to keep it simple" is a decision, but not a choice of technology: need a named option or a choice verb.
    const tail = sentence.slice(m.index, m.index + 100);
    if (!NAMED_TOKEN.test(tail) && !CHOICE_VERB_ANY.test(tail)) continue;
    consider(m.index, m[0].length, sentence.slice(m.index, m.index + 80), 0.85, '', false);
  }
  // Verbs that are a choice only when the writer frames them as a plan or proposal.
  const framed = (index: number) => framing(sentence, index) >= 0.85;
  if (gates.has('framed')) for (const m of boundedMatches(FRAMED_CHOICE, sentence)) {
    if (framed(m.index) && !PREFERRED_OVER.test(m[2] ?? '')) consider(m.index, m[0].length, m[2] ?? '', 0.85);
  }
  if (gates.has('framed')) for (const m of boundedMatches(PLACE, sentence)) {
    const target = withoutTrailingTime(m[3] ?? '');
    // "in redis", "on Fly": a named place; "in a temp table", "in the db" is an implementation detail.
    if (!framed(m.index) || PLACE_IDIOMS.test(target.trim()) || DETERMINER_START.test(target.trim())) continue;
    consider(m.index, m[0].length, `${m[2] ?? ''} ${target}`, 0.85, target);
  }
  if (gates.has('doing')) for (const m of boundedMatches(DO_NAMED, sentence)) if (framed(m.index) && !PRACTICE_ACRONYM.test(m[0])) consider(m.index, m[0].length, m[0], 0.85, '', false);
  if (gates.has('arrow')) for (const m of boundedMatches(ARROW, sentence)) {
    const at = m.index + (m[0].startsWith(' ') ? 1 : 0);
    if (framed(at)) consider(at, m.index + m[0].length - at, m[0], 0.85, '', false);
  }
  if (gates.has('lead') && sentence.includes(':')) for (const m of boundedMatches(DECISION_LEAD, sentence)) {
    // "decision from the sync: Temporal for all workflows": the lead, then a named option or a choice verb.
    const tail = sentence.slice(m.index + m[0].length, m.index + m[0].length + 80);
    if (NAMED_TOKEN.test(` ${tail.trimStart()}`) || NAMED_WORD.test(tail) || CHOICE_VERB_ANY.test(tail)) consider(m.index, m[0].length + Math.min(tail.length, 40), tail, 0.85, '', false);
  }
  if (gates.has('future')) for (const m of boundedMatches(GOING_FORWARD, sentence)) {
    // A rule for the future naming a technology ("new services are Rust from now on"), not a person or a meeting.
    if (NAMED_TOKEN.test(sentence) && (TECH_NOUN.test(sentence) || CHOICE_VERB_ANY.test(sentence)) && !LOGISTICS_RE.test(sentence)) {
      consider(0, Math.min(sentence.length, m.index + m[0].length), '', 0.8, '', false);
    }
  }
  // A lowercase word after "should be" may be a setting ("off", "strict"), not an option: below the nudge bar.
  const verdictOn = (option: string) => (NAMED_WORD.test(option) ? 0.8 : 0.7);
  if (gates.has('future')) for (const m of boundedMatches(DEFAULT_IS, sentence)) {
    if (!NOT_AN_OPTION.test(m[1] ?? '') && !GENERIC_RE.test(m[1] ?? '')) consider(m.index, m[0].length, m[1] ?? '', verdictOn(m[1] ?? ''), m[1] ?? '', false);
  }
  if (gates.has('verdict')) for (const m of boundedMatches(SOLUTION_IS_ANY, sentence)) {
    if (!NOT_AN_OPTION.test(m[1] ?? '') && !GENERIC_RE.test(m[1] ?? '')) consider(m.index, m[0].length, m[1] ?? '', verdictOn(m[1] ?? ''), m[1] ?? '', false);
  }
  if (gates.has('foreign')) {
    for (const m of boundedMatches(FOREIGN_CHOICE, sentence)) {
      // The named option right after the verb ("usemos Redis", "passare a Kubernetes"), not "la salle B".
      const lead = m[0].length - m[0].trimStart().length;
      const end = m.index + m[0].trimEnd().length;
      if (FOREIGN_TARGET.test(sentence.slice(end, end + 40))) consider(m.index + lead, end - m.index - lead, '', 0.8, '', false);
    }
    for (const m of boundedMatches(GERMAN_FRAME, sentence)) {
      const rest = sentence.slice(m.index + m[0].length - 1, m.index + 100);
      if (NAMED_TOKEN.test(rest) && GERMAN_LATE_VERB.test(rest)) consider(m.index, Math.min(m[0].length + 40, sentence.length - m.index), '', 0.8, '', false);
    }
  }
  if (gates.has('verdict')) for (const m of boundedMatches(RECOMMEND_NAMED, sentence)) consider(m.index, m[0].length, sentence.slice(m.index, m.index + 60), 0.8, '', false);
  if (gates.has('verdict')) for (const m of boundedMatches(SOLUTION_IS, sentence)) consider(m.index, m[0].length, '', 0.85, '', false);
  if (gates.has('verdict')) for (const m of boundedMatches(IS_VERDICT, sentence)) {
    // "Autoscaling is the fix for the backlog": the verdict sits on what came before it.
    const start = Math.max(0, sentence.lastIndexOf(',', m.index) + 1);
    consider(start, m.index + m[0].length - start, '', 0.8, '', false);
  }
  return hits;
}

/** Inline code in the span that is a flag, a command or a call (`--frozen-lockfile`, `git rebase -i`, `Promise.all`). */
function hasCodeLevelSnippet(doc: PreparedText, start: number, end: number): boolean {
  const span = doc.prose.slice(start, end);
  for (const m of boundedMatches(CODE_WORD, span, 4)) {
    const at = doc.toOriginal(start + m.index, start + m.index + m[0].length);
    const code = doc.original.slice(at.start, at.end).replace(BACKTICKS, '');
    if (CODE_LEVEL_SNIPPET.test(code)) return true;
  }
  return false;
}

/** A cost, downside, alternative or revisit condition named anywhere in the text. */
function namesTradeoff(text: string): boolean {
  for (const m of boundedMatches(TRADEOFF_RE, text)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (BENEFIT_BEFORE.test(before) || EITHER_WAY.test(text.slice(m.index, m.index + 12)) || UNKNOWN_BEFORE.test(before)) continue;
    if (WORTH.test(m[0]) && WORTH_BENEFIT.test(before)) continue;
    return true;
  }
  return false;
}

/** "I'd rather use Auth0 than write our own", "prefer X over Y": an alternative is weighed. */
function weighsAlternative(text: string): boolean {
  for (const m of boundedMatches(RATHER, text)) if (THAN.test(text.slice(m.index + m[0].length, m.index + 80))) return true;
  // "Mongo would be faster to start, but ...": another option considered, with its cost.
  for (const m of boundedMatches(HYPOTHETICAL, text)) if (BUT.test(text.slice(m.index + m[0].length, m.index + 80))) return true;
  return false;
}

/** "Tailwind for the new design system, done deal": a verbless pick, answering a call for one or closing the question. */
function fragmentPicks(doc: PreparedText, context: PreparedText | undefined): Hit[] {
  let asked: boolean | undefined;
  const hits: Hit[] = [];
  for (const s of doc.sentences) {
    const text = s.text.trimStart();
    const m = FRAGMENT_PICK.exec(text);
    if (!m || FRAGMENT_NOT_OPTION.test(text) || LOGISTICS_RE.test(m[0]) || isQuestion(text)) continue;
    asked ??= !!context && CONTEXT_ASKS.test(context.prose);
    if (!asked && !FINALITY.test(text)) continue;
    const start = s.start + (s.text.length - text.length);
    hits.push({ start, end: start + m[0].length, confidence: 0.8 });
    if (hits.length >= 2) break;
  }
  return hits;
}

/** A very short reply that picks one side of an "A or B?" from the message replied to. */
function pickFromContext(doc: PreparedText, context: PreparedText | undefined): Hit | undefined {
  if (!context || !context.prose.includes('?')) return undefined;
  const options = CONTEXT_CHOICE.exec(context.prose);
  if (!options) return undefined;
  // Only a technical choice ("Kafka or RabbitMQ?", "postgres or mysql for the new service?"), not "coffee or tea?".
  const named = (o: string | undefined, atStart: boolean) => !!o && !atStart && NAMED_OPTION.test(o);
  const sentenceStart = options.index === 0 || SENTENCE_START_BEFORE.test(context.prose.slice(Math.max(0, options.index - 3), options.index));
  if (!named(options[1], sentenceStart) && !named(options[2], false) && !TECH_CONTEXT.test(context.prose)) return undefined;
  if (LOGISTICS_RE.test(options[0])) return undefined;
  const reply = doc.sentences[0];
  if (!reply || doc.sentences.length > 3 || isQuestion(reply.text)) return undefined;
  // A short reply, or a longer one that opens with the pick ("RabbitMQ, it's simpler and we know it").
  const replyWords = reply.text.trim().split(SPACES);
  const long = replyWords.length > 5;
  const wordsOf = (text: string) => new Set([...boundedMatches(WORDS, text.toLowerCase(), 40)].map((m) => m[0].replace(NON_WORD, '')));
  const lead = wordsOf(long ? replyWords.slice(0, 3).join(' ') : reply.text);
  const all = long ? wordsOf(doc.prose) : new Set<string>();
  const key = (o: string | undefined) => (o && o.length > 1 ? o.toLowerCase().replace(NON_WORD, '') : '');
  const [a, b] = [key(options[1]), key(options[2])];
  // A longer reply that names both options talks about each ("B is overkill here, A"): it weighed them.
  const picked = (a && lead.has(a) && !(b && all.has(b))) || (b && lead.has(b) && !(a && all.has(a)));
  return picked ? { start: reply.start, end: reply.end, confidence: 0.8 } : undefined;
}

export const missingTradeoffs: Rule = {
  id: 'missing-tradeoffs',
  patterns: [...PATTERNS, ...TEXT_PATTERNS],
  examples: {
    flag: [
      { text: "let's go with DynamoDB for the sessions table" },
      { text: 'honestly we should just move the whole monolith to k8s.' },
      { text: 'Switching the billing jobs from Sidekiq to Temporal, it scales better.' },
      { text: 'imo we need to migrate the mobile app to React Native' },
    ],
    pass: [
      { text: 'should we go with DynamoDB for the sessions table?' },
      { text: "I'd go with SQS: zero ops, but no replay, so we'd revisit if analytics needs it." },
      { text: "let's move standup to 10 tomorrow" },
      { text: "I don't think we should switch to Bazel right now." },
      { text: 'use `Array.from` here, it reads better' },
    ],
  },
  message: (quote) => `"${quote}" reads as a single option. Naming what it costs, or what else you weighed, makes the call easier to trust.`,
  tip: 'Two options: A gives us X but costs Y; B gives us ... Given Z, I would pick A, and revisit if W.',
  detect(doc: PreparedText, context: PreparedText | undefined): RawFinding[] {
    const lower = doc.prose.toLowerCase();
    // Lowercasing can change the length of rare characters ("İ"); then the offsets no longer line up.
    const sameLength = lower.length === doc.prose.length;
    const out: RawFinding[] = [];
    const howToAsked = !!context && HOW_TO_QUESTION.test(context.prose);
    let previous: string | undefined;
    for (const s of doc.sentences) {
      // analyze() keeps one finding per rule: a handful of hits is plenty, and bounds the work on huge inputs.
      if (out.length >= MAX_HITS) break;
      const text = s.text;
      const gates = gatesIn(sameLength ? lower.slice(s.start, s.end) : text.toLowerCase());
      if (gates.size && !isQuestion(text)) {
        const codeLevelAt = (index: number, length: number) => hasCodeLevelSnippet(doc, s.start + index, s.start + index + length);
        const choices = choicesIn(text, gates, codeLevelAt, howToAsked);
        // A build proposal is build-vs-buy's finding: skip choices that overlap it.
        const builds = choices.length ? findBuilds(text, previous, () => !!context && namesHomemade(context.prose)) : [];
        for (const h of choices) {
          if (builds.some((b) => b.start < h.end && h.start < b.end)) continue;
          out.push({ start: s.start + h.start, end: s.start + h.end, confidence: h.confidence });
        }
      }
      previous = text;
    }
    const picked = pickFromContext(doc, context);
    if (picked) out.push(picked);
    out.push(...fragmentPicks(doc, context));
    // Exemptions for the whole message, checked only when there is something to exempt (most messages have no hit).
    if (!out.length || namesTradeoff(doc.prose) || weighsAlternative(doc.prose)) return [];
    // A pick made after the message replied to laid out the costs is the senior shape's last step, not a gap.
    if (context && (namesTradeoff(context.prose) || (CONTRAST.test(context.prose) && OFFERS_CHOICE.test(context.prose)))) return [];
    return out;
  },
};
