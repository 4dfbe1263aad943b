// unstated-assumptions: the writer's own estimate or date given as a bare fact ("it'll take 3 weeks", "done by
// Friday", "ETA tomorrow", "~4 days"), or padded "just to be safe", with no range, assumption or named risk.
// Not: a range, a stated assumption, a plan with no duration or date, the asker's own deadline repeated.
import type { PreparedText, Sentence } from '../prepare.ts';
import type { RawFinding, Rule } from '../rule.ts';
import {
  clauseBefore,
  hasAssumption,
  hasRange,
  isHypotheticalAt,
  isNegatedAt,
  isOthersWords,
  isQuestion,
  matchesIn,
  type SentenceMatch,
  TEXT_CONDITION_PATTERNS,
  TEXT_PATTERNS,
  unionOf,
} from '../text.ts';

// ---- Phrase data -------------------------------------------------------------------------------------------

// Durations: "3 weeks", "two days", "a half-day", "30-minute", "4h", "a weekend".
const DURATION =
  /\b(?:[0-9]+(?:\.[0-9]+)?[ -]?(?:h|hrs?|d|w|wks?|mins?)|(?:[0-9]+(?:\.[0-9]+)?|an?|another|one more|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half an?|half|a couple of|a couple|couple of|couple|a few|few|several)[ -]?(?:minutes?|hours?|days?|weeks?|sprints?|months?|quarters?|years?|weekends?|afternoons?|mornings?|evenings?|nights?))\b/gi;
// Vague amounts ("a few weeks") are estimates only with a strong estimate word.
const VAGUE_AMOUNT = /^(?:a few|few|several|a couple|couple)/i;
// Dates: "Friday", "tomorrow", "EOD", "end of sprint", "next week", "the 14th", "Q2", "end of february".
const DATE =
  /\b(?:today|tonight|tomorrow|tmrw|eod|eow|cob|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:the )?end of (?:the |this |next )?(?:day|week|sprint|month|quarter|year|q[1-4])|(?:this|next|the following) (?:week|month|sprint|quarter|year|weekend|cycle|iteration|milestone|monday|tuesday|wednesday|thursday|friday)|this (?:afternoon|morning|evening)|(?:over|by|on|for|before) the weekend|later (?:today|this week)|(?:sometime|some time|at some point) (?:this|next) (?:week|month|sprint|quarter|year)|(?:the )?[0-9]{1,2}(?:st|nd|rd|th)|q[1-4]|january|february|april|june|july|august|september|october|november|december|(?:in|by|end of|early|mid|late|until|before) (?:may|march)|[0-9]{1,2}(?::[0-9]{2})? ?(?:am|pm)|noon|midnight|lunes|martes|jueves|viernes|mañana|lundi|mardi|mercredi|jeudi|vendredi|demain|montag|dienstag|mittwoch|donnerstag|freitag|sexta-feira|segunda-feira)\b/gi;
// A release or version as the date: "slated for 1.9", "in the next release", "fixed in v2.4".
const VERSION =
  /\b(?:(?:the )?next (?:minor |major |patch |point )?(?:release|version|patch|build)|(?:in|for|into|by|with|as part of) (?:v|version |release )?[0-9]+\.[0-9]+(?:\.[0-9]+)?|(?:in|for|into|by|with) (?:v|version )[0-9]+|the (?:v|version )?[0-9]+\.[0-9]+(?:\.[0-9]+)? (?:release|build|drop))\b/gi;
// "soon" promised as a delivery: "coming soon", "out soon".
const SOON = /\b(?:soon|shortly|any day now)\b/gi;

// Words that make a date a delivery promise (a date alone may be a plan: "I'll start on it tomorrow").
const DELIVERY =
  /\b(?:done|finished|finish|ready|complete|completed|delivered|deliver|ship|ships|shipped|shipping|release|released|releasing|land|lands|landing|live|available|wrap|wraps|wrapped|wrapping|fixed|merged|deployed|migrated|resolved|sorted|updated|finali[sz]ed|in place|launch|launches|launching|eta|expect|expected|aiming|aim|target|targeting|targeted|slated|scheduled|planned|hit|put out|coming|happen|happens|at the latest|rollout|have it|have a|have the|have them|cutover|ga|go-live|go live|(?:be|been|is|it|them|go|goes|get it|have it|put it|ship it|roll it|push it) out|(?:pr|draft|fix|patch|it)(?: will be|'ll be| should be| is)? up|pr[eê]te?|fini|listo|lista|terminado|fertig|erledigt)\b/i;
// "get a fix out this weekend", "out by Friday": "out" right before the date.
const OUT_BEFORE = /\bout (?:by |on |in |over |within |before )?(?:the )?$/i;
// A version is a date only when promised: "will be in 2.4", "slated for 1.9".
const VERSION_PROMISE =
  /\b(?:will|'ll|should|gonna|going to|going|goes|headed|queued|lined up|included|bundled|part of|make it|makes it|rides?|slated|scheduled|planned|targeted|targeting|aiming|coming|expect|lands?|landing|ships?|shipping|arrives?|goes out|comes out)\b/i;
// A version the problem was seen on, not one promised: "reproduced in 1.12", "regressed in 2.3".
const VERSION_OBSERVED =
  /\b(?:reproduced|reproduces|repro|introduced|regress(?:ed|ion)|broke|broken|seen|observed|tested|happens|occurs|affects|affected|present|exists|since|started|began|root cause|caused|running|bisected|upgraded|downgraded)\b/i;
// Words that make a duration an estimate: before it ("needs 3 weeks", "I reckon 2 sprints") or right after it
// ("a day of work", "4 hours tops", "a half-day job"). "the job takes 3 minutes now" has neither.
const ESTIMATE_BEFORE =
  /\b(?:need|needs|estimate|eta|within|reckon|guess|i'd say|ballpark|i think|at most|give me|gimme|talking|looking at|more like)\b/i;
const ESTIMATE_AFTER =
  /^ *(?:of (?:work|effort|dev|coding)|'s? (?:work|effort|job)|worth of (?:work|effort)|(?:job|change|fix|task|thing|one|project|piece of work|window|ticket|story|spike|effort|exercise|lift|turnaround|tops|max|maximum|downtime|outage|or so|ish)\b|to (?:[a-z]+ )?(?:build|implement|write|fix|add|wire|set up|ship|finish|port|migrate|integrate|deploy|roll out|clean up|refactor|upgrade|hook up|plumb|knock out|get (?:it|this|that) (?:done|working|in|out)|do)\b)/i;
// "a 30 min thing" sizes work, but not an event: "the meeting is a 30 min thing".
const SIZE_NOUN_AFTER = /^ *(?:thing|one|window)\b/i;
const EVENT =
  /\b(?:meeting|call|sync|standup|stand-up|retro|demo|talk|session|conference|workshop|presentation|interview|offsite|flight|drive|commute|break|lunch|walk|webinar|training|course|podcast|video)s?\b/i;
// The work itself as the subject: "the fix itself is 10 minutes", "the reindex takes about 6 hours".
const WORK_SUBJECT =
  /\b(?:fix|change|patch|migration|reindex|backfill|rewrite|refactor|upgrade|port|rollout|cutover|implementation|integration|setup|cleanup|conversion|work|spike|poc|prototype)(?: itself| alone| part)? (?:is|'s|takes|will take|'ll take|should take|would take|needs)(?: (?:about|around|roughly|like|maybe|just|only|probably|~))? ?$/i;
// Away, not a delivery: "I'm out tomorrow afternoon", "she's off on Friday".
const ABSENCE =
  /\b(?:i'm|im|i am|i'll be|i will be|we're|we'll be|he's|she's|he'll be|she'll be|they're|they'll be) (?:out|off|ooo|away|offline|unavailable|on (?:leave|vacation|holiday|pto)|travell?ing)(?: of (?:the )?office)?(?: (?:on|from|until|till|for|all))? ?$/i;
// A cost named beside the estimate: "cheap (~2 days), but we keep the ops burden".
const COST_BESIDE = /\bbut (?:we|you|it|that|this|they) (?:keep|lose|give up|pay|inherit|carry|take on|would|'d)\b|\b(?:downside|trade-?off|at the cost of)\b/i;
// "POC by next Friday": a bare deliverable and a date, nothing else in the clause.
// Not a request to others: "please comment by Friday", "feedback by Monday".
const TERSE_BY =
  /^ *(?!(?:please|pls|kindly|comment|comments|feedback|input|thoughts|votes?|rsvps?|replies|answers|reviews?)\b)(?:(?:the|a|an|our|my|first|initial) )?[a-z0-9'-]+(?: [a-z0-9'-]+)? by (?:the )?$/i;
// An upper bound is still a bare estimate: "won't take more than a day", "less than an hour", "no later than Friday".
const UPPER_BOUND =
  /\b(?:(?:won't|will not|shouldn't|should not|doesn't|does not|wouldn't|would not) take (?:more|longer) than|(?:no|not) (?:more|longer|later) than|less than|under|at most)\s*$/i;
// "can do it in 3 days", "I'll have it done in a week".
const DO_IT_IN =
  /\b(?:do|done|finish|finished|fix|fixed|build|built|ship|shipped|have|knock out|wrap up|turn|implement|write|deliver|land|migrate|port|sort|ready)(?: (?:it|this|that|them))?(?: around)? in (?:about |around |roughly |~ ?)?$/i;
// "take" is an estimate when promised or personal ("it'll take a week", "takes me 2 days"), not "CI takes 20 minutes".
const TAKE_ESTIMATE =
  /\b(?:(?:will|'ll|'d|would|should|gonna|going to|might|could) (?:only |probably |likely |easily )?take|takes? (?:me|us|you|him|her|them|the team)|it takes|that takes)\b/i;
const STRONG_ESTIMATE = /\b(?:take|takes|need|needs|of work|'s? work|of effort|tops|max|maximum|at most)\b/i;
// "I'll fix it by Friday": a first-person promise of work by a date. Not "I'll report back by Friday" (a next step).
const BY_DATE = /\bby (?:the )?$/i;
const OWN_PROMISE = /\b(?:i'll|ill|we'll|i will|we will|gonna|going to)\b/i;
const REPORTING = /\b(?:report|post|share|write up|send (?:an? )?(?:update|summary)|get back|let (?:you|them|everyone) know|update (?:you|the (?:ticket|thread|channel|doc|issue)|here|everyone)|circle back|confirm|know|hear|find out|follow up|ping|reply|respond|decide)\b/i;
// Padding an estimate instead of naming the risk.
const PADDING =
  /\b(?:just to be safe|to be safe|just in case|to be on the safe side|padded (?:it|that|this|the estimate)|pad(?:ding)? (?:it|the estimate)|(?:added|add|adding) (?:an? )?(?:extra|buffer)|(?:with|for|as|of) (?:some |a )?(?:buffer|padding|slack))\b/gi;
const PADDING_OF_ESTIMATE = /\b(?:padd?|extra)/i;
const HAS_DURATION = new RegExp(DURATION.source, 'i');
// Simple-sounding effort with no number: "quick one to implement", "easy fix".
const EASY =
  /\b(?:(?:quick|easy|trivial|simple) (?:one |fix |change |thing )?to (?:implement|fix|add|build|do|write|ship)|(?:an? )?(?:easy|quick|trivial|tiny|one-line) (?:fix|change)|should be (?:trivial|quick|easy))\b/gi;

// The duration or date is about the past or a recurring schedule, not an estimate.
const NOT_ESTIMATE_BEFORE =
  /\b(?:last|past|every|each|per|since|spent|took|been|during|after|ago|was|were|had|did|leave|allow|give it|wait|soak|until|till|as of)\b[^.,;]{0,12}$/i;
// "Today:" heads a standup section; it is not a date given for anything.
const NOT_ESTIMATE_AFTER = /^ *(?::|(?:ago|old|later|earlier|since|before|in a row|now)\b|in(?= *(?:[,.!;)]|$)))/i;
// "runs for about 2 hours" describes the system; "will be down for 30 minutes" is an estimate.
const FOR_PERIOD = /\bfor (?:about |around |roughly |~ ?)?$/i;
const FUTURE = /\b(?:will|'ll|gonna|going to|should|would|'d|need|needs)\b/i;
// "the fix shipped on Tuesday", "it went out this morning": a clause reporting a delivery, with no auxiliary
// that would make it a promise ("will be released Friday", "is merged and goes out tomorrow").
const PAST_DELIVERY =
  /\b(?:finished|shipped|released|deployed|merged|landed|launched|completed|delivered|went out|came out|wrapped up|rolled out|fixed|resolved)\b/i;
const AUXILIARY = /\b(?:will|'ll|gonna|going to|should|would|'d|be|been|is|are|get|gets|have|has|can)\b/i;
// Somebody's demand or a deadline, not an estimate: "the PM wants it done by Friday", "the report is due Monday".
const DEMAND = /\b(?:wants?|wanted|needs? (?:it|this|that|them)|asked for|asking for|expects|expecting|requested|requires?|due)\b/i;
// "Shipped v2.3 today": a report of what happened, not a promise.
const PAST_REPORT = /^(?:just |finally )?(?:shipped|released|deployed|merged|landed|launched|published|rolled out|tagged|finished|fixed|cut)\b/i;
const PAST_SENTENCE = /\b(?:took|spent|was|were|yesterday|last (?:week|month|sprint|time))\b/i;
// The next sentence that qualifies the estimate ("5 days. If Mei pairs, 3."); a passing "tell me if ..." does not.
const NEXT_ASSUMPTION =
  /^(?:if|assuming|provided|unless|that's assuming|this assumes|that assumes|depends|it depends|risk|caveat|but if|only if|as long as)\b|\b(?:assuming|provided that|depends on|based on|risks?|unknowns?|caveat)\b/i;
// A status against an existing plan, not a new estimate: "we're on track for Tuesday".
const STATUS = /\b(?:on track|on schedule|as planned|as scheduled|still on for)\b/i;
// A hedge in the clause makes it an effort word (that's sure-well-try), not a bare estimate.
const HEDGED = /\b(?:try|trying|hopefully|hope|hoping|best|see if|maybe|might|could|with luck|fingers crossed|(?:will|'ll|gonna) aim)\b/i;
// An estimate on its own ("3 weeks", "yep, next week.", "rewriting the importer, ~5 days"): only these words may
// share its clause.
const FILLER_WORDS =
  /^(?:yes|yep|yeah|yup|sure|ok|okay|so|probably|prob|likely|like|about|around|roughly|approx|eta|tops|max|maximum|by|on|in|for|done|the|just|only|realistically|honestly|say|think|i|i'd|est|estimate|estimated|a|it's|its|it'll|be|that's|thats|hmm|um|uh|another|more|then|and|plus|or|so|guess|well)$/i;
const WORD = /[a-z0-9']+/gi;
const CLAUSE_EDGE = /[,;:()\-]/g;

// ---- Logic -------------------------------------------------------------------------------------------------

/** Cap on time expressions examined per message: one finding per rule is reported, and this keeps work linear. */
const MAX_CANDIDATES = 64;
const SURE = 0.9;
const LIKELY = 0.85;
const DOUBTFUL = 0.6;

interface TimeMention {
  start: number;
  end: number;
  text: string;
  kind: 'duration' | 'date' | 'version' | 'soon';
}

// Every time mention in one pass; `kind` says which one matched.
const TIME = unionOf({ padding: PADDING, easy: EASY, duration: DURATION, date: DATE, version: VERSION, soon: SOON });

/** The sentence with every time mention blanked out, so the words around an estimate can be judged. */
function blankMentions(sentence: string, mentions: TimeMention[]): string {
  const chars = sentence.split('');
  for (const t of mentions) chars.fill(' ', t.start, t.end);
  return chars.join('');
}

/** The clause around [start, end): from the last comma, dash or "and" before it to the first one after. */
function clauseAround(text: string, start: number, end: number): string {
  const from = Math.max(0, start - 60);
  let clauseStart = from;
  const head = text.slice(from, start);
  CLAUSE_EDGE.lastIndex = 0;
  for (let m = CLAUSE_EDGE.exec(head); m; m = CLAUSE_EDGE.exec(head)) clauseStart = from + m.index + m[0].length;
  const tail = text.slice(end, end + 60);
  CLAUSE_EDGE.lastIndex = 0;
  const edge = CLAUSE_EDGE.exec(tail);
  return text.slice(clauseStart, edge ? end + edge.index : end + tail.length);
}

/** Only filler words beside the estimate: "3 weeks", "yep, next week.", "rewriting the importer, ~5 days". */
function onlyFillers(words: string): boolean {
  let count = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(words); m; m = WORD.exec(words)) if (++count > 6 || !FILLER_WORDS.test(m[0])) return false;
  return true;
}

/** How much this time mention reads as an estimate or a delivery date, from the words around it; 0 when not. */
function cueConfidence(t: TimeMention, text: string, blanked: string, hasContext: boolean): number {
  const before = text.slice(Math.max(0, t.start - 50), t.start);
  const after = text.slice(t.end, t.end + 30);
  if (NOT_ESTIMATE_BEFORE.test(before) || NOT_ESTIMATE_AFTER.test(after) || ABSENCE.test(before)) return 0;
  const ownClause = clauseAround(text, t.start, t.end);
  if ((PAST_DELIVERY.test(ownClause) && !AUXILIARY.test(ownClause)) || DEMAND.test(ownClause)) return 0;
  if (UPPER_BOUND.test(before)) return LIKELY;
  if (t.kind === 'duration' && FOR_PERIOD.test(before) && !FUTURE.test(clauseBefore(text, t.start, 50))) return 0;

  const window = `${before} ${t.text} ${after}`;
  const alone = onlyFillers(clauseAround(blanked, t.start, t.end));
  switch (t.kind) {
    case 'duration':
      if (VAGUE_AMOUNT.test(t.text)) return alone || STRONG_ESTIMATE.test(window) || DELIVERY.test(window) ? 0.75 : 0;
      if (SIZE_NOUN_AFTER.test(after) && EVENT.test(ownClause)) return 0;
      const cued =
        ESTIMATE_BEFORE.test(before) || ESTIMATE_AFTER.test(after) || DO_IT_IN.test(before) || TAKE_ESTIMATE.test(window) || WORK_SUBJECT.test(before);
      return alone || cued || DELIVERY.test(window)
        ? LIKELY
        : 0;
    case 'date': {
      const clause = ownClause;
      // "should know by noon", "I'll report back by Friday": a time to report by, not to deliver by.
      if (REPORTING.test(clause)) return 0;
      if (alone || DELIVERY.test(clause) || OUT_BEFORE.test(before)) return LIKELY;
      // "I'll fix it by Friday" promises work by a date; so does a terse "POC by next Friday".
      return BY_DATE.test(before) && (OWN_PROMISE.test(clause) || TERSE_BY.test(clauseBefore(text, t.start, 50))) ? 0.75 : 0;
    }
    case 'version':
      return VERSION_PROMISE.test(window) && !VERSION_OBSERVED.test(ownClause) ? LIKELY : 0;
    case 'soon':
      if (DELIVERY.test(window)) return 0.8;
      return alone ? (hasContext ? 0.8 : DOUBTFUL) : 0;
  }
}

/** Not the writer's own committed estimate: negated, someone else's, conditional, hedged, or the asker's date. */
function isExempt(t: TimeMention, text: string, contextLower: string): boolean {
  const bounded = UPPER_BOUND.test(text.slice(Math.max(0, t.start - 50), t.start));
  return (
    (!bounded && isNegatedAt(text, t.start)) ||
    isOthersWords(text, t.start) ||
    isHypotheticalAt(text, t.start) ||
    HEDGED.test(clauseBefore(text, t.start, 50)) ||
    (contextLower !== '' && contextLower.includes(t.text.toLowerCase()))
  );
}

/** A range, an assumption or a named risk covers every estimate in the sentence; so does a past or status report. */
function sentenceExempt(text: string, next: string): boolean {
  if (isQuestion(text) || hasRange(text) || hasAssumption(text) || STATUS.test(text) || PAST_SENTENCE.test(text) || COST_BESIDE.test(text)) return true;
  // An assumption stated in the next sentence covers the estimate too.
  return (PAST_REPORT.test(text) && !FUTURE.test(text)) || NEXT_ASSUMPTION.test(next);
}

export const unstatedAssumptions: Rule = {
  id: 'unstated-assumptions',
  patterns: [
    TIME, DURATION, HAS_DURATION, VAGUE_AMOUNT, DATE, VERSION, SOON, DELIVERY, OUT_BEFORE, VERSION_PROMISE, UPPER_BOUND, DO_IT_IN, ESTIMATE_BEFORE, ESTIMATE_AFTER, TAKE_ESTIMATE,
    STRONG_ESTIMATE, SIZE_NOUN_AFTER, EVENT, VERSION_OBSERVED, WORK_SUBJECT, ABSENCE, COST_BESIDE, TERSE_BY, BY_DATE, OWN_PROMISE, REPORTING, PADDING, PADDING_OF_ESTIMATE, EASY, NOT_ESTIMATE_BEFORE, NOT_ESTIMATE_AFTER,
    FOR_PERIOD, FUTURE, PAST_DELIVERY, AUXILIARY, DEMAND, PAST_REPORT, PAST_SENTENCE, NEXT_ASSUMPTION, STATUS, HEDGED, FILLER_WORDS, WORD, CLAUSE_EDGE,
    ...TEXT_PATTERNS, ...TEXT_CONDITION_PATTERNS,
  ],
  examples: {
    flag: [
      { text: "The billing migration will take 4 weeks." },
      { text: 'ETA thursday', context: 'when will the dashboard be back up?' },
      { text: 'rewriting the importer, ~5 days' },
      { text: 'the staging cluster will be ready by end of sprint' },
      { text: "gonna say 6 sprints, added an extra one just to be safe" },
    ],
    pass: [
      { text: '3-5 days, assuming the vendor sandbox works the way the docs say.' },
      { text: "A week if Ravi can pair on the CSS, closer to two if I'm on my own." },
      { text: "I'll start on it tomorrow morning." },
      { text: 'can we ship it by Friday?' },
      { text: 'took us 3 days last time' },
      { text: 'Sure, Friday works.', context: 'can you have the report ready by Friday?' },
    ],
  },
  message: (quote) => `"${quote}" gives a bare estimate: no range, no assumption it rests on, no risk that could move it.`,
  tip: 'Give a range and what it rests on: "2-3 weeks, assuming A. If the migration lands first, add one; I\'ll know by Tuesday."',
  detect(doc, context) {
    const hits: RawFinding[] = [];
    // Time mentions first (one pass): most messages have none, and then nothing else needs to run.
    const bySentence = new Map<Sentence, TimeMention[]>();
    const extras: SentenceMatch[] = [];
    for (const m of matchesIn(doc, TIME, MAX_CANDIDATES)) {
      if (m.kind === 'padding' || m.kind === 'easy') {
        extras.push(m);
        continue;
      }
      const list = bySentence.get(m.sentence) ?? [];
      list.push({ start: m.index, end: m.index + m.text.length, text: m.text, kind: m.kind as TimeMention['kind'] });
      bySentence.set(m.sentence, list);
    }
    const sentences = doc.sentences;
    const contextLower = context ? context.prose.toLowerCase() : '';
    for (const [s, mentions] of bySentence) {
      const text = s.text;
      const blanked = blankMentions(text, mentions);
      // Cheapest test first: most mentions have no estimate or delivery word around them.
      const cued = mentions
        .map((t) => ({ t, confidence: cueConfidence(t, text, blanked, context !== undefined) }))
        .filter((c) => c.confidence > 0 && !isExempt(c.t, text, contextLower));
      if (cued.length === 0 || sentenceExempt(text, sentences[sentences.indexOf(s) + 1]?.text ?? '')) continue;
      for (const { t, confidence } of cued) hits.push({ start: s.start + t.start, end: s.start + t.end, confidence });
    }

    for (const m of extras) {
      const text = m.sentence.text;
      const start = m.sentence.start + m.index;
      const end = start + m.text.length;
      if (isQuestion(text) || isNegatedAt(text, m.index) || isOthersWords(text, m.index)) continue;
      if (m.kind === 'easy') {
        // "quick one to implement": an estimate with no number; doubtful on its own.
        hits.push({ start, end, confidence: DOUBTFUL });
        continue;
      }
      // Padding: "3 weeks, just to be safe" names no risk, it hides one.
      const near = doc.prose.slice(Math.max(0, start - 120), end + 120);
      if (!hasRange(near) && (PADDING_OF_ESTIMATE.test(m.text) || HAS_DURATION.test(near))) hits.push({ start, end, confidence: SURE });
    }
    return hits;
  },
};
