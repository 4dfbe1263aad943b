// sure-well-try: taking on a deadline, added scope or a real request with effort words
// ("we'll try", "I'll do my best", "we'll make it work") instead of its cost, risk or what gets cut.
import type { PreparedText } from '../prepare.ts';
import type { RawFinding, Rule } from '../rule.ts';
import { isNegatedAt, isOthersWords, isQuestion, matchesIn, type SentenceMatch, TEXT_PATTERNS, unionOf } from '../text.ts';

// ---- Phrase data -------------------------------------------------------------------------------------------

// Effort and hope standing in for a plan: they read as the gap even with no context.
const EFFORT =
  /\b(?:(?:will |'ll )?(?:do|doing|try|trying) (?:my|our) (?:best|hardest|utmost)|(?:give|giving|gave) it (?:my|our) (?:best shot|best|all)|(?:best|good|our best|my best) shot|best[ -]effort|(?:squeeze|cram|wedge|shoehorn) (?:it|this|that|them|these|those|(?:the |a |an |our |my )?(?:[a-z]+ )?[a-z]+) in(?:to)?|push (?:hard|for it)|(?:do|doing) (?:everything|whatever|all|what) (?:we|i) can|(?:do|doing) (?:everything|all|whatever is|what's) (?:possible|humanly possible|in (?:our|my) power)|whatever it takes|pull(?:ing)? out all the stops|throw(?:ing)? everything (?:we have |we've got )?at it|(?:go|going) all in|all hands on deck|burn(?:ing)? the midnight oil|move heaven and earth|around the clock|(?:stay|staying|work|working) late|pull(?:ing)? an all-nighter|give it (?:100|110) percent|hop(?:e|ing) to (?:(?:have|get) (?:it|this|that|them|(?:the |our |a )?[a-z-]+) (?:done|finished|ready|out|shipped|in|live|merged|working)|ship|finish|land|deliver|wrap|be done|release|launch|hit)|fingers crossed|cross(?:ing)? (?:my|our) fingers|with (?:any )?luck|if all goes well|knock on wood|crunch|late nights|all-nighters?|work (?:through |over )?the weekend)\b/gi;
const MAKE_IT_WORK = /(?:'ll|\bwill|'d|\bwould|\bcan|\bgonna|\bgoing to|\blet's|\blet us) (?:[a-z]+ )?make it (?:work|happen|fit)\b/gi;
const WE_LL_MANAGE = /\b(?:we'll|we will|i'll|i will|we can|i can) (?:manage|cope)\b/gi;
const CROSSED_FINGERS = /\uD83E\uDD1E/g;
// "try" is a promise only with a future subject and nothing being tried ("I'll try the new SDK" is an experiment).
const TRY =
  /\b(?:we|i|we'll|i'll|ill|we will|i will|will|gonna|going to|we can|i can|we'd|i'd) (?:(?:definitely|really|certainly|still|just|totally|def|also|all|surely|sure) )?(?:try|attempt)(?: (?:our|my) (?:best|hardest))?\b/gi;
const BEST_WORDS = /\b(?:best|hardest)\b/i;
// With nothing in the context or message to accept, "try" is a promise only about delivering work
// ("I'll try to get the refactor done"), not "I'll try to be on time".
const TRY_TO_DELIVER =
  /^ (?:to|and) (?:get|ship|finish|land|deliver|fix|build|have|squeeze|fit|make it|hit|wrap|release|push|complete|cut|sort|knock|crank|turn|add|implement)\b/i;
// What may follow a promised "try": the end of the clause, "to <do it>", "and <do it>", "for Friday", "hard".
const TRY_PROMISE_AFTER = /^(?: *(?:[.,!;:)\-]|$)| (?:to|and|for|hard|harder|our|my|anyway|though|tho|at least)\b)/i;
// Investigation, a look or showing up are next steps or small things, not effort on real work.
const TRIED_INVESTIGATION =
  /^ +(?:to |and )?(?:repro|reproduce|figure|find out|check|debug|investigate|see (?:if|whether|why|what)|look|dig|narrow|bisect|understand|profile|test|take a look|have a look|review|read|reply|respond|answer|get back|be there|attend|join|come|make it to)\b/i;
// Attempt idioms: "give it a shot", "take a swing at it". Like "try", a promise only when accepting work.
const ATTEMPT =
  /\b(?:give|giving|gave) (?:it|this|that) (?:a|an|my|our) (?:good |real |proper |fair |honest |solid |quick )?(?:shot|go|try|whirl|crack|stab|bash)\b|\b(?:take|taking|have|having) (?:a|another) (?:swing|stab|crack|go|shot) at (?:it|this|that)\b/gi;
// Effort words in other languages, unmistakable ones only ("como sea", "faremos o possível").
const FOREIGN_EFFORT =
  /\b(?:como sea|haremos lo (?:posible|imposible)|har[eé] lo (?:que pueda|posible)|faremos o (?:poss[ií]vel|que der)|vamos dar um jeito|(?:on|nous) (?:fera|ferons) (?:de notre mieux|au mieux|tout notre possible)|unser bestes|mein bestes|faremo il possibile)(?![a-zà-ÿ])/gi;
// "try" in other languages: unmistakable only with "no promises" beside it ("vou tentar, sem promessas").
const FOREIGN_TRY =
  /\b(?:vou tentar|vamos tentar|lo intento|lo intentar[eé]|lo intentamos|vamos a intentar(?:lo)?|intentaremos|(?:on|je) va(?:is)? essayer|ich versuch(?:e|'s)|wir versuchen(?: es)?|ci provo|ci proviamo)(?![a-zà-ÿ])/gi;
// A hedge on the commitment itself: the writer takes the work on and disowns the outcome.
const NO_PROMISES =
  /\b(?:no promises|no promsies|no guarantees|can't promise(?: anything)?|sem promessas|sin promesas|sans promesse|keine versprechen|nessuna promessa)\b|\uD83E\uDD1E/i;
const LETS = /\b(?:let's|lets|let us) $/i;
const TRIAL = /\b(?:try|trying|trial|experiment|pilot|test drive)\b/i;
// "I'll try hard to ...": the intensifier before what is promised.
const TRY_HARD = /^ (?:really |super |very )?hard(?:er)?(?= )/i;
// "somehow" hung on the writer's own future: "we'll fit it in somehow".
const SOMEHOW = /\bsomehow\b/gi;
const OWN_FUTURE = /\b(?:we'll|we will|i'll|i will|we'd|i'd|we can|i can|gonna)\b|^ *will\b/i;

// Acceptance words: the gap only when something non-trivial is being accepted (context or named scope).
const ACCEPT =
  /\b(?:let me see what i can do|lemme see what i can do|(?:i'll|ill|we'll|i will|we will) see (?:what|if) (?:i|we) can(?: do)?|should be (?:doable|fine|easy|no problem|straightforward)|(?:totally |very |definitely |easily )?doable|no (?:problem|prob|probs|worries)|np|of course|absolutely|sure thing|you got it|consider it (?:done|handled|sorted)|leave it with (?:me|us)|(?:i'll|ill|we'll|i will|we will) (?:make|find) (?:the |some )?time|find a way|make room|(?:i'll|ill|i will|we'll|we will) get (?:to it|it done|that done|this done|it out|it sorted)|(?:we|i) can (?:[a-z]+ )?get (?:it|that|this) done|(?:i'll|ill|we'll|i will|we will) (?:sort|handle|take care of|build|fit) (?:it|that|this|them))\b/gi;
// More acceptance without cost: "get it done", "find time", "knock it out", "count us in", "will aim for".
const ACCEPT_MORE =
  /\b(?:(?:'ll|will|gonna|going to|can|could|let's|let me|lemme) (?:[a-z]+ )?(?:(?:get|have) (?:it|that|this|them) (?:done|in|out|sorted|shipped|finished|over the line)|get (?:right )?on (?:it|that|this)|(?:find|make) (?:the |some |a bit of )?time|(?:knock|bang|crank|churn|hammer|whip|bash|pump) (?:it|this|that|them) (?:out|up)|(?:fit|slot|sneak|throw|tack|work) (?:it|this|that|them) (?:in|into|on)|(?:aim|shoot) for|figure it out|get there|push through)|count (?:me|us) in|make sure (?:it|that|this) (?:gets|is) (?:done|in|out|shipped)|leave it to (?:me|us)|no (?:sweat|biggie)|piece of cake|easy peasy|(?:it|that|this)(?:'ll| will) get done|(?:can|could) (?:probably|likely|prob|surely) (?:do|manage|make|fit|get|handle)|should be able to (?:make it|do it|do that|get it|hit|fit|manage)|see how far (?:i|we) get)\b/gi;
// Taking the work on with no word of what it costs: the gap only under a deadline or added scope.
// (The subject is checked in code: a pattern that starts with "i"/"we" is slow to scan for.)
const TAKE_ON = /\btake (?:it|that|this)(?: on)?\b/gi;
const TAKE_ON_SUBJECT = /\b(?:i'll|ill|we'll|i will|we will|i can|we can|happy to) $/i;
// Vague timing on a request: "I'll look into it when I get a chance".
const VAGUE_WHEN =
  /\b(?:when (?:i|we) (?:get|have|find) (?:a|some|the) (?:chance|sec|second|minute|moment|time|cycles)|when (?:i|we) can|when time (?:permits|allows)|when things (?:calm|quiet|settle) down|once things (?:calm|quiet|settle) down)\b/gi;
// A vague "I'll look at it": fine for a small review, the gap when the ask is a feature or a deadline.
const LOOK_AT =
  /\b(?:i'll|ill|i will|we'll|we will|let me|lemme|will) (?:take a look|have a look|look (?:at|into) (?:it|this|that)|check (?:it|this|that) out|think about it|see what's possible)\b/gi;
// Short acceptances: "on it!", "will do.", "can do".
const ACCEPT_SHORT = /\b(?:on it|will do|can do)\b/gi;
// These and "we'll manage" count only where they end a clause: not "we will do the migration", "we manage the cluster".
const CLAUSE_END = /^ *(?:[.,!;:)\-]|$)/;
const ON_IT_SUBJECT = /(?:^|[,.!:;-] *|\b(?:i'm|im|i am|we're|we are|ok|okay|yep|sure|yes) )$/i;

// "hopefully" counts when it hangs on a delivery or a date, not on the world ("hopefully the tests pass").
const HOPEFULLY = /\bhopefully\b/gi;
const HOPE_DELIVERY =
  /\b(?:doable|feasible|have it|get it|ship|out|done|finish|land|make it|hit|deliver|release|ready|soon|today|tonight|tomorrow|by|this week|next week|monday|tuesday|wednesday|thursday|friday|eod|before)\b/i;
const HOPE_AFTER_DATE = /\b(?:soon|today|tonight|tomorrow|by [a-z]+) *$/i;
const ONLY_PUNCTUATION = /^[^a-z0-9]*$/i;

// A bare "sure!"/"yes" that is the whole reply.
const BARE_YES =
  /^(?:ok|okay|sure|yes|yep|yeah|yup|fine|ugh fine|absolutely|definitely|of course|sure thing|will do|on it|no problem|np|can do|deal|roger|got it)\b/i;

// The reply names a cost, what gets cut, a condition, or pushes back: that is the senior shape.
const COST =
  /\b(?:not both|at the (?:cost|expense) of|pushes|push(?:es)? (?:back|out)|slips?|slip by|delay(?:s|ing)?|instead of|in exchange|trade-?off|which (?:one )?matters more|what (?:should|do) (?:we|i) (?:cut|drop)|propose what to cut|as long as|assuming|provided|unless|no way|not realistic|isn't realistic|not going to happen|won't make it|can't make it|can't (?:do|fit) (?:it|both|that))\b/i;
const COST_AFTER_BUT =
  /\bbut (?:(?:it|that|this|then)(?:'d|'ll| would| will)? (?:push|pushes|mean|means|cost|costs|slip|slips|delay|delays|bump|bumps|eat|eats)|(?:not|only) (?:both|if|by|before|in time|the)|(?:we'd|i'd|we would|i would|we'll|i'll) (?:have to|need to|lose))\b/i;
const COST_BY_CUTTING =
  /\b(?:we'd|we would|i'd|i would|have to|need to|means?|meaning|that'd|that would|if we) (?:[a-z]+ )?(?:cut|drop|skip|defer|descope|move|push|punt|pause|deprioriti[sz]e)\b/i;
const EITHER_OR = /\beither\b[^.;]{1,60}\bor\b/i;

// What the context asks for. A deadline or added scope makes even "sure!" the gap; a small ask does not.
const CONTEXT_DEADLINE =
  /\b(?:deadline|due|eod|eow|cob|asap|urgent|today|tonight|tomorrow|this week|next week|this sprint|next sprint|end of (?:the )?(?:day|week|sprint|month|quarter|year)|instead of|moved? (?:up|forward)|earlier|sooner|in time for|timeline|launch|release|demo|keep the (?:original )?timeline|[0-9]{1,2}(?:st|nd|rd|th)|q[1-4]|monday|tuesday|wednesday|thursday|friday|before (?:the|our|their|code freeze|end of))\b/i;
const CONTEXT_SCOPE =
  /\b(?:also|too|on top|in addition|as well|take over|pick up|take (?:this|it|that) on|can you take|customer|client|leadership|promised|wants?|needs?|we need)\b/i;
const CONTEXT_REQUEST =
  /\b(?:can (?:you|we|your team|someone|u)|could (?:you|we|your team|u)|would you|will you|any (?:plans?|chance|news|update|eta|timeline|idea when)|feature request|would love|i'd love|it'd be (?:great|nice)|it would be (?:great|nice)|wishlist|would (?:really )?(?:be (?:amazing|great|nice|awesome|cool)|help)|please|is it possible|doable|how long|when(?:'s| is| will| can| do)|possible to|asking|asked)\b/i;
// A request for real work: a feature, a port, a release. "can you close the ticket?" is not one.
const CONTEXT_REAL_WORK =
  /\b(?:add|adding|support|supporting|build|implement|features?|port|migrat[a-z]*|rewrite|redesign|integrat[a-z]*|releases?|publish|ship|versions?|upgrades?|dark mode|exports?|imports?|apis?|plans?|roadmap|timeline|endpoints?|screens?|dashboards?)\b/i;
// A small, bounded ask: "sure, I'll review it after lunch" is fine.
const CONTEXT_SMALL =
  /\b(?:review (?:(?:my|this|the|a|our|his|her|their) )?(?:pr|prs|diff|change|changes|patch|code|mr|doc|draft|copy|it|this|that)|take a look|have a look|look at|glance|approve|pair|coffee|lunch|dinner|beer|drinks|party|pizza|bbq|happy hour|karaoke|trivia|game night|hike|(?:hop on|jump on|join|have) a (?:quick )?call|meet|meeting|standup|retro|1:1|join|attend|typo|one more column|just one|it's just|quick question|rubber ?stamp|proofread|merge (?:it|this)|share|send (?:me|us|over)|link|paste|forward (?:me|us|it|this|that)|remind|readme|docs?|changelog|survey)\b/i;
// The asker already framed the cost: "A or B, not both?", "we'd have to cut the export, agree?".
const CONTEXT_FRAMED = /\b(?:not both|which (?:one )?matters more|what (?:should|do) (?:we|i) (?:cut|drop)|what to cut|at the (?:cost|expense) of|trade-?off)\b/i;
// A proposal put to the group ("should we add linting?"): agreeing with it is not taking work on.
const CONTEXT_PROPOSAL = /\b(?:should we|shall we|what if we|how about|what do you think|thoughts|wdyt|any objections|do we want)\b/i;
const CONTEXT_NOT_SMALL =
  /\b(?:also|too|on top|deadline|instead of|moved? up|asap|take over|before (?:the|our) (?:demo|launch|release|deadline)|(?:look at|look into|a look at) (?:adding|building|implementing|supporting|porting|migrating|moving|rewriting|integrating))\b/i;
// "before the board meeting", "for the demo": a time, not the (small) ask itself.
const CONTEXT_TIME_REFERENCE =
  /\b(?:before|for|by|after|until|till|ahead of|at) (?:the |our |their |tomorrow's |today's |next |this |a )?(?:[a-z]+ )?(?:meeting|standup|retro|call|lunch|1:1|sync|offsite|party|dinner)\b/gi;

// Scope or a deadline named in the message itself ("PM added the export to this sprint, told her we'd try").
const SCOPE_IN_MESSAGE =
  /\b(?:added|adding|asked|asks|wants|on top|in addition|by (?:eod|eow|tomorrow|tonight|today|monday|tuesday|wednesday|thursday|friday|the end|end of|next)|deadline|this sprint|next sprint|this week|the release|launch|before the|in time for|code freeze|freeze|cutoff|go-live|[0-9]{1,2}(?:st|nd|rd|th))\b/i;

// The triggers in four passes; `kind` says which one matched. (Small unions rather than one big one: the ReDoS
// checker takes seconds on each instead of minutes on their union.)
const ACCEPT_TRIGGER = unionOf({ accept: ACCEPT, acceptShort: ACCEPT_SHORT, lookAt: LOOK_AT });
// Triggers that each need one literal word: scanned only when the word is in the text (a substring test is far
// cheaper than a regex scan, and most messages have none of them). "try" starts with its subject ("we'll try"),
// which is slow to scan for.
const KEYED_TRIGGERS: readonly { kind: string; words: readonly string[]; pattern: RegExp }[] = [
  { kind: 'try', words: ['try', 'attempt'], pattern: TRY },
  { kind: 'makeItWork', words: ['make it'], pattern: MAKE_IT_WORK },
  { kind: 'manage', words: ['manage', 'cope'], pattern: WE_LL_MANAGE },
  { kind: 'crossedFingers', words: ['\uD83E\uDD1E'], pattern: CROSSED_FINGERS },
  { kind: 'somehow', words: ['somehow'], pattern: SOMEHOW },
  { kind: 'hopefully', words: ['hopefully'], pattern: HOPEFULLY },
  { kind: 'foreignEffort', words: ['como sea', 'posible', 'pueda', 'poss', 'que der', 'jeito', 'mieux', 'bestes'], pattern: FOREIGN_EFFORT },
];

// Without a context, the acceptance and attempt triggers need named scope or "no promises": these plain words
// (the strongest of SCOPE_IN_MESSAGE, and NO_PROMISES) are a cheap test before those scans.
const MAY_ACCEPT_WORDS =
  /added|asked|on top|in addition|deadline|sprint|release|launch|freeze|cutoff|go-live|promis|promsies|guarant|promes|versprech|\uD83E\uDD1E/i;
// Any of the keyed words at all: one scan of plain literals, so most messages skip the keyed triggers.
const KEYED_WORDS = /try|attempt|make it|manage|cope|somehow|hopefully|\uD83E\uDD1E|como sea|posible|pueda|poss|que der|jeito|mieux|bestes/i;

/** The matches of the keyed triggers whose word appears in `lower` (the prose, lower-cased). */
function keyedMatches(doc: PreparedText, lower: string): SentenceMatch[] {
  const out: SentenceMatch[] = [];
  for (const { kind, words, pattern } of KEYED_TRIGGERS) {
    if (!words.some((w) => lower.includes(w))) continue;
    for (const m of matchesIn(doc, pattern, MAX_CANDIDATES)) out.push({ ...m, kind });
  }
  return out;
}
const TAKE_ON_TRIGGER = unionOf({ accept: ACCEPT_MORE, takeOn: TAKE_ON });
const ATTEMPT_TRIGGER = unionOf({ attempt: ATTEMPT, vagueWhen: VAGUE_WHEN, foreignTry: FOREIGN_TRY });

// ---- Logic -------------------------------------------------------------------------------------------------

/** Cap on candidate matches per message: one finding per rule is reported, and this keeps work linear. */
const MAX_CANDIDATES = 64;
const SURE = 0.9;
const LIKELY = 0.8;
const DOUBTFUL = 0.7;

type ContextKind = 'none' | 'small' | 'request' | 'pressure';

function contextKind(context: PreparedText | undefined): ContextKind {
  if (!context) return 'none';
  const text = context.prose;
  if (CONTEXT_SMALL.test(text.replace(CONTEXT_TIME_REFERENCE, ' ')) && !CONTEXT_NOT_SMALL.test(text)) return 'small';
  // Agreeing to a cut or a choice the asker already framed ("A or B, not both?") is the senior answer, not the gap.
  if (CONTEXT_FRAMED.test(text) || COST_BY_CUTTING.test(text) || EITHER_OR.test(text)) return 'none';
  const pressure = CONTEXT_DEADLINE.test(text) || CONTEXT_SCOPE.test(text);
  if (CONTEXT_PROPOSAL.test(text) && !pressure) return 'none';
  if (pressure) return 'pressure';
  // A question that asks for no real work ("can you close the ticket?") leaves only the effort words to judge.
  if (CONTEXT_REQUEST.test(text) || text.includes('?')) return CONTEXT_REAL_WORK.test(text) ? 'request' : 'none';
  return 'none';
}

function namesCost(prose: string): boolean {
  return COST.test(prose) || COST_AFTER_BUT.test(prose) || COST_BY_CUTTING.test(prose) || EITHER_OR.test(prose);
}

/** Not negated ("I don't think we should just try"), not someone else's words. */
function ownAffirmed(m: SentenceMatch): boolean {
  return !isNegatedAt(m.sentence.text, m.index) && !isOthersWords(m.sentence.text, m.index);
}

/** The span of a reply that is only acceptance words ("ok sure!", "yep, on it"), if that is all it is. */
function bareYes(prose: string): { start: number; end: number } | undefined {
  let pos = prose.length - prose.trimStart().length;
  const start = pos;
  let end = -1;
  for (let words = 0; words < 3; words++) {
    const m = BARE_YES.exec(prose.slice(pos));
    if (!m) break;
    end = pos + m[0].length;
    pos = end;
    while (pos < prose.length && ONLY_PUNCTUATION.test(prose[pos]!)) pos++;
  }
  return end > 0 && ONLY_PUNCTUATION.test(prose.slice(end)) ? { start, end } : undefined;
}

export const sureWellTry: Rule = {
  id: 'sure-well-try',
  patterns: [
    ACCEPT_TRIGGER, KEYED_WORDS, MAY_ACCEPT_WORDS, TAKE_ON_TRIGGER, ATTEMPT_TRIGGER, ACCEPT_MORE, ATTEMPT, LETS, TRIAL, TAKE_ON, TAKE_ON_SUBJECT, FOREIGN_EFFORT, FOREIGN_TRY, NO_PROMISES, TRY_HARD, VAGUE_WHEN, CONTEXT_TIME_REFERENCE, EFFORT, MAKE_IT_WORK, WE_LL_MANAGE, CROSSED_FINGERS, TRY, BEST_WORDS, TRY_TO_DELIVER, TRY_PROMISE_AFTER, TRIED_INVESTIGATION, SOMEHOW, OWN_FUTURE,
    ACCEPT, LOOK_AT, ACCEPT_SHORT, CLAUSE_END, ON_IT_SUBJECT, HOPEFULLY, HOPE_DELIVERY, HOPE_AFTER_DATE, ONLY_PUNCTUATION, BARE_YES,
    COST, COST_AFTER_BUT, COST_BY_CUTTING, EITHER_OR, CONTEXT_DEADLINE, CONTEXT_SCOPE, CONTEXT_REQUEST, CONTEXT_REAL_WORK, CONTEXT_SMALL, CONTEXT_FRAMED, CONTEXT_PROPOSAL,
    CONTEXT_NOT_SMALL, SCOPE_IN_MESSAGE, ...TEXT_PATTERNS,
  ],
  examples: {
    flag: [
      { text: "Sure, we'll try to fit it in.", context: 'Can the team also take on the billing export before the March release?' },
      { text: "ok, I'll do my best to hit Thursday", context: 'Marketing moved the webinar, we need the signup page by Thursday now' },
      { text: 'no worries, I can squeeze that in this sprint', context: 'could you also add audit logging to the admin API?' },
      { text: 'we will make it work somehow, the team is pumped' },
      { text: 'on it 💪', context: 'we need the payment retry fix live today, the client is waiting' },
      { text: 'hopefully by EOD!', context: 'when can we have the onboarding emails translated?' },
    ],
    pass: [
      { text: "Sure, I'll review it after lunch.", context: 'can you review my PR when you get a chance?' },
      { text: 'sure!', context: 'want to grab coffee?' },
      { text: 'We can, but it pushes the search revamp a week. Want me to propose what to cut?', context: 'can we also add the export by Friday?' },
      { text: 'We can do the webhooks or the exports by the 15th, not both. Which matters more?', context: 'can you get both the webhooks and the exports out by the 15th?' },
      { text: "I don't think we should just try and hope for the best here." },
      { text: "I'll try restarting the worker and see if the queue drains." },
      { text: 'should we just try it and see?' },
    ],
  },
  message: (quote) => `"${quote}" takes the work on with effort words; it doesn't say what it costs or what moves to make room.`,
  tip: 'Say the cost or the choice: "We can do A or B by Friday, not both. Which matters more?" or "Yes, but it pushes X by two weeks. Want me to propose what to cut?"',
  detect(doc, context) {
    // Find the trigger words first: most messages have none, and then nothing else needs to run.
    // The acceptance and attempt triggers count only against a context, named scope or "no promises": without
    // any of those, skip their scans (the common case on a channel message).
    const mayAccept = context !== undefined || MAY_ACCEPT_WORDS.test(doc.prose);
    const triggers = [
      ...matchesIn(doc, EFFORT, MAX_CANDIDATES).map((m) => ({ ...m, kind: 'effort' })),
      ...(KEYED_WORDS.test(doc.prose) ? keyedMatches(doc, doc.prose.toLowerCase()) : []),
      ...matchesIn(doc, ACCEPT_TRIGGER, MAX_CANDIDATES),
      ...(mayAccept ? [...matchesIn(doc, TAKE_ON_TRIGGER, MAX_CANDIDATES), ...matchesIn(doc, ATTEMPT_TRIGGER, MAX_CANDIDATES)] : []),
    ].filter((m) => !isQuestion(m.sentence.text) && ownAffirmed(m));
    const maybeBareYes = doc.sentences.length <= 2 && BARE_YES.test(doc.prose.trimStart());
    if (triggers.length === 0 && !maybeBareYes) return [];
    const of = (kind: string) => triggers.filter((m) => m.kind === kind);
    const endsClause = (m: SentenceMatch) => CLAUSE_END.test(m.sentence.text.slice(m.index + m.text.length));
    const effort = [...of('effort'), ...of('makeItWork'), ...of('manage').filter(endsClause), ...of('crossedFingers'), ...of('foreignEffort')];
    const tries = of('try');
    const somehows = of('somehow');
    const hopes = of('hopefully');
    const accepts = [...of('accept'), ...of('acceptShort').filter(endsClause)];
    const looks = of('lookAt');
    const attempts = [...of('attempt'), ...of('foreignTry')];
    const vagueWhens = of('vagueWhen');

    const kind = contextKind(context);
    if (kind === 'small' || namesCost(doc.prose)) return [];
    const scoped = kind !== 'none' || SCOPE_IN_MESSAGE.test(doc.prose);
    const hits: RawFinding[] = [];
    const add = (m: SentenceMatch, confidence: number) => {
      const start = m.sentence.start + m.index;
      hits.push({ start, end: start + m.text.length, confidence });
    };

    for (const m of effort) add(m, scoped ? SURE : LIKELY + 0.05);
    for (const m of tries) {
      const end = m.index + m.text.length;
      const after = m.sentence.text.slice(end, end + 40);
      const best = BEST_WORDS.test(m.text);
      if (TRIED_INVESTIGATION.test(after) || (!best && !TRY_PROMISE_AFTER.test(after))) continue;
      const hard = TRY_HARD.exec(after);
      const promised = after.slice(hard ? hard[0].length : 0);
      if (!scoped && !best && !TRY_TO_DELIVER.test(promised)) continue;
      add(m, scoped ? SURE : best || hard ? LIKELY + 0.05 : DOUBTFUL);
    }
    // "give it a shot", "vou tentar": taking on work as an attempt; on its own it may be an experiment.
    const disowned = attempts.length > 0 && NO_PROMISES.test(doc.prose);
    for (const m of attempts) {
      // "let's give it a go" proposes an experiment; so does answering "want to try X?".
      if (LETS.test(m.sentence.text.slice(Math.max(0, m.index - 8), m.index)) || (context && TRIAL.test(context.prose))) continue;
      if (m.kind === 'foreignTry' ? disowned : scoped || disowned) add(m, scoped ? SURE : DOUBTFUL);
    }
    for (const m of somehows) {
      if (OWN_FUTURE.test(m.sentence.text.slice(Math.max(0, m.index - 50), m.index))) add(m, scoped ? SURE : LIKELY + 0.05);
    }
    for (const m of hopes) {
      // Hope hung on a delivery or a date, or a bare "hopefully!" in reply to a request.
      const text = m.sentence.text;
      const end = m.index + m.text.length;
      const onDelivery = HOPE_DELIVERY.test(text.slice(end, end + 40)) || HOPE_AFTER_DATE.test(text.slice(Math.max(0, m.index - 20), m.index));
      const bareReply = kind !== 'none' && ONLY_PUNCTUATION.test(text.slice(0, m.index) + text.slice(end));
      if (onDelivery || bareReply) add(m, kind === 'none' ? LIKELY - 0.05 : SURE);
    }
    // Acceptance needs something non-trivial being accepted: a request or deadline in context, or named here.
    for (const m of accepts) {
      if (kind === 'none' && !SCOPE_IN_MESSAGE.test(m.sentence.text)) continue;
      const onIt = m.text.toLowerCase().startsWith('on ');
      if (onIt && !ON_IT_SUBJECT.test(m.sentence.text.slice(Math.max(0, m.index - 12), m.index))) continue;
      add(m, kind === 'pressure' ? SURE : LIKELY);
    }

    // "I'll look at it" only answers a real request or a deadline; to a small ask it is just fine.
    for (const m of looks) if (kind !== 'none') add(m, kind === 'pressure' || vagueWhens.length > 0 ? LIKELY + 0.05 : DOUBTFUL);
    // "I'll take it" is the gap only against a deadline the asker did not already weigh.
    const deadline = context !== undefined && CONTEXT_DEADLINE.test(context.prose) && !namesCost(context.prose);
    for (const m of of('takeOn')) {
      const subject = TAKE_ON_SUBJECT.test(m.sentence.text.slice(Math.max(0, m.index - 12), m.index));
      if (subject && kind === 'pressure' && deadline && endsClause(m)) add(m, LIKELY);
    }
    for (const m of vagueWhens) if (kind !== 'none') add(m, kind === 'pressure' ? LIKELY : DOUBTFUL);

    // "sure!" as the whole reply to a deadline or added scope.
    if (hits.length === 0 && kind === 'pressure' && maybeBareYes) {
      const span = bareYes(doc.prose);
      if (span) hits.push({ ...span, confidence: LIKELY });
    }
    return hits;
  },
};
