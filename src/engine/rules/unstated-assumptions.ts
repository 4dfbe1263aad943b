// unstated-assumptions: the writer's own estimate or date given as a bare fact ("it'll take 3 weeks", "done by
// Friday", "ETA tomorrow", "~4 days"), or padded "just to be safe", with no range, assumption or named risk.
// Not: a range, a stated assumption, a plan with no duration or date, the asker's own deadline repeated.
import type { PreparedText } from '../prepare.ts';
import type { RawFinding, Rule } from '../rule.ts';
import {
  clauseBefore,
  hasAssumption,
  hasRange,
  isHypotheticalAt,
  isNegatedAt,
  isOthersWords,
  isQuestion,
  TEXT_CONDITION_PATTERNS,
  TEXT_PATTERNS,
} from '../text.ts';

// ---- Phrase data -------------------------------------------------------------------------------------------

// Durations: "3 weeks", "two days", "a half-day", "30-minute", "4h", "a weekend".
const DURATION =
  /\b(?:[0-9]+(?:\.[0-9]+)?[ -]?(?:h|hrs?|d|w|wks?|mins?)|(?:[0-9]+(?:\.[0-9]+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half an?|half|a couple of|a couple|couple of|couple|a few|few|several)[ -]?(?:minutes?|hours?|days?|weeks?|sprints?|months?|quarters?|years?|weekends?|afternoons?|mornings?|evenings?|nights?))\b/gi;
// Vague amounts ("a few weeks") are estimates only with a strong estimate word.
const VAGUE_AMOUNT = /^(?:a few|few|several|a couple|couple)/i;
// Dates: "Friday", "tomorrow", "EOD", "end of sprint", "next week", "the 14th", "Q2", "end of february".
const DATE =
  /\b(?:today|tonight|tomorrow|tmrw|eod|eow|cob|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:the )?end of (?:the )?(?:day|week|sprint|month|quarter|year|next [a-z]+|q[1-4])|(?:this|next|the following) (?:week|month|sprint|quarter|year|weekend|cycle|iteration|milestone|release|monday|tuesday|wednesday|thursday|friday)|this (?:afternoon|morning|evening)|over the weekend|later (?:today|this week)|(?:sometime|some time|at some point) (?:this|next) (?:week|month|sprint|quarter|year)|(?:the )?[0-9]{1,2}(?:st|nd|rd|th)|q[1-4]|january|february|april|june|july|august|september|october|november|december|(?:in|by|end of|early|mid|late|until|before) (?:may|march))\b/gi;
// A release or version as the date: "slated for 1.9", "targeting v2.3".
const VERSION_TARGET = /\b(?:slated|scheduled|planned|targeted|targeting|aiming) (?:for )?(?:v|version )?[0-9]+(?:\.[0-9]+)+\b/gi;
// "soon" promised as a delivery: "coming soon", "out soon".
const SOON = /\b(?:soon|shortly|any day now)\b/gi;

// Words that make a date a delivery promise (a date alone may be a plan: "I'll start on it tomorrow").
const DELIVERY =
  /\b(?:done|finished|finish|ready|complete|completed|delivered|deliver|ship|ships|shipped|shipping|release|released|releasing|land|lands|landing|live|available|(?:be|been|is|it|them|go|goes|get it|have it|put it|ship it|roll it|push it) out|out by|wraps? up|wrapped up|fixed|launch|launches|launching|eta|expect|expected|aiming|aim|target|targeting|slated|scheduled|hit|put out|coming|happen|happens|at the latest|rollout|have it|have a|have the|have them|cutover|go out|goes out)\b/i;
// Words that make a duration an estimate ("it'll take 3 weeks", "a day of work", "4 hours tops").
const ESTIMATE =
  /\b(?:takes?|taking|it'll take|need|needs|of work|of effort|job|change|fix|task|tops|max|maximum|at most|downtime|outage|estimate|eta|like|about|around|roughly|approx|approximately|within|in|just|only|on it|for the)\b|~/i;
const STRONG_ESTIMATE = /\b(?:takes?|taking|need|needs|of work|of effort|job|tops|max|maximum|at most)\b/i;
// Padding an estimate instead of naming the risk.
const PADDING =
  /\b(?:just to be safe|to be safe|just in case|to be on the safe side|padded (?:it|that|this|the estimate)|pad(?:ding)? (?:it|the estimate)|(?:added|add|adding) (?:an? )?(?:extra|buffer)|with (?:some |a )?buffer|some buffer)\b/gi;
const PADDING_OF_ESTIMATE = /\b(?:padd?|buffer|extra)/i;
const HAS_DURATION = new RegExp(DURATION.source, 'i');
// Simple-sounding effort with no number: "quick one to implement", "easy fix".
const EASY =
  /\b(?:(?:quick|easy|trivial|simple) (?:one |fix |change |thing )?to (?:implement|fix|add|build|do|write|ship)|(?:an? )?(?:easy|quick|trivial|tiny|one-line) (?:fix|change)|should be (?:trivial|quick|easy))\b/gi;

// The duration or date is about the past or a recurring schedule, not an estimate.
const NOT_ESTIMATE_BEFORE = /\b(?:last|past|every|each|per|since|spent|took|been|during|after|ago|was|were|had|did|leave|allow|give it|wait|soak|until|till)\b[^.,;]{0,12}$/i;
const NOT_ESTIMATE_AFTER = /^ *(?:ago|old|later|earlier|since|before|in a row)\b/i;
const PAST_SENTENCE = /\b(?:took|spent|was|were|yesterday|last (?:week|month|sprint|time))\b/i;
// The next sentence that qualifies the estimate ("5 days. If Mei pairs, 3."); a passing "tell me if ..." does not.
const NEXT_ASSUMPTION =
  /^(?:if|assuming|provided|unless|that's assuming|this assumes|that assumes|depends|it depends|risk|caveat|but if|only if|as long as)\b|\b(?:assuming|provided that|depends on|based on|risks?|unknowns?|caveat)\b/i;
// A status against an existing plan, not a new estimate: "we're on track for Tuesday".
const STATUS = /\b(?:on track|on schedule|as planned|as scheduled|still on for)\b/i;
// A hedge in the clause makes it an effort word (that's sure-well-try), not a bare estimate.
const HEDGED = /\b(?:try|trying|hopefully|hope|best|see if|maybe|might|could|with luck|fingers crossed)\b/i;
// Standalone estimates: "3 weeks", "yep, next week.", "ETA Tuesday". Only these words may accompany the time.
const FILLER_WORDS =
  /^(?:yes|yep|yeah|yup|sure|ok|okay|so|probably|prob|likely|like|about|around|roughly|approx|eta|tops|max|maximum|by|on|in|for|done|the|just|only|realistically|honestly|say|think|i|i'd|est|estimate|estimated|a|it's|its|it'll|be|that's|thats|hmm|um|uh)$/i;
const WORD = /[a-z0-9']+/gi;

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

function timeMentions(sentence: string): TimeMention[] {
  const found: TimeMention[] = [];
  const kinds: [RegExp, TimeMention['kind']][] = [[DURATION, 'duration'], [DATE, 'date'], [VERSION_TARGET, 'version'], [SOON, 'soon']];
  for (const [pattern, kind] of kinds) {
    for (const m of sentence.matchAll(pattern)) {
      if (found.length >= MAX_CANDIDATES) return found;
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Every word outside the time mentions is a filler: the sentence is nothing but an estimate. */
function isStandalone(sentence: string, mentions: TimeMention[]): boolean {
  let rest = '';
  let pos = 0;
  for (const t of mentions) {
    rest += sentence.slice(pos, t.start) + ' ';
    pos = t.end;
  }
  rest += sentence.slice(pos);
  let words = 0;
  for (const m of rest.matchAll(WORD)) {
    if (++words > 6 || !FILLER_WORDS.test(m[0])) return false;
  }
  return true;
}

function repeatsContext(mention: TimeMention, context: PreparedText | undefined): boolean {
  return context !== undefined && context.prose.toLowerCase().includes(mention.text.toLowerCase());
}

export const unstatedAssumptions: Rule = {
  id: 'unstated-assumptions',
  patterns: [
    DURATION, HAS_DURATION, VAGUE_AMOUNT, DATE, VERSION_TARGET, SOON, DELIVERY, ESTIMATE, STRONG_ESTIMATE, PADDING, PADDING_OF_ESTIMATE, EASY,
    NOT_ESTIMATE_BEFORE, NOT_ESTIMATE_AFTER, PAST_SENTENCE, NEXT_ASSUMPTION, STATUS, HEDGED, FILLER_WORDS, WORD,
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
    const sentences = doc.sentences;
    let candidates = 0;

    for (let i = 0; i < sentences.length && candidates < MAX_CANDIDATES; i++) {
      const s = sentences[i]!;
      const text = s.text;
      if (isQuestion(text) || hasRange(text)) continue;
      // An assumption stated in the same sentence or the next one covers the estimate.
      const next = sentences[i + 1]?.text ?? '';
      if (hasAssumption(text) || NEXT_ASSUMPTION.test(next) || STATUS.test(text) || PAST_SENTENCE.test(text)) continue;

      const mentions = timeMentions(text);
      candidates += mentions.length;
      const standalone = mentions.length > 0 && isStandalone(text, mentions);

      for (const t of mentions) {
        const before = text.slice(Math.max(0, t.start - 50), t.start);
        const after = text.slice(t.end, t.end + 30);
        if (NOT_ESTIMATE_BEFORE.test(before) || NOT_ESTIMATE_AFTER.test(after)) continue;
        if (isNegatedAt(text, t.start) || isOthersWords(text, t.start) || isHypotheticalAt(text, t.start)) continue;
        if (HEDGED.test(clauseBefore(text, t.start, 50))) continue;
        if (repeatsContext(t, context)) continue;

        const window = `${before} ${text.slice(t.start, t.end)} ${after}`;
        let confidence = 0;
        if (standalone) confidence = t.kind === 'soon' ? DOUBTFUL : LIKELY;
        else if (t.kind === 'duration') {
          if (VAGUE_AMOUNT.test(t.text)) confidence = STRONG_ESTIMATE.test(window) ? 0.75 : 0;
          else confidence = ESTIMATE.test(window) || DELIVERY.test(window) ? LIKELY : 0;
        } else if (t.kind === 'version') confidence = LIKELY;
        else confidence = DELIVERY.test(window) ? (t.kind === 'soon' ? 0.8 : LIKELY) : 0;
        if (confidence > 0) hits.push({ start: s.start + t.start, end: s.start + t.end, confidence });
      }

      for (const m of text.matchAll(EASY)) {
        if (!isNegatedAt(text, m.index) && !isOthersWords(text, m.index)) {
          hits.push({ start: s.start + m.index, end: s.start + m.index + m[0].length, confidence: DOUBTFUL });
        }
      }
    }

    // Padding: "3 weeks, just to be safe" names no risk, it hides one.
    if (!hasRange(doc.prose)) {
      for (const m of doc.prose.matchAll(PADDING)) {
        const near = doc.prose.slice(Math.max(0, m.index - 120), m.index + 120);
        if (PADDING_OF_ESTIMATE.test(m[0]) || HAS_DURATION.test(near)) {
          hits.push({ start: m.index, end: m.index + m[0].length, confidence: SURE });
          break;
        }
      }
    }
    return hits;
  },
};
