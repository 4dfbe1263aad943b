// no-next-step: uncertainty or being blocked, stated and left there ("no idea", "it depends", "waiting on design").
// Not when the message goes on to how to find out or what happens meanwhile ("not sure - I'll check the logs").
import type { RawFinding, Rule } from '../rule.ts';
import { hasNextStep, isHypotheticalAt, isNegatedAt, isOthersWords, isQuestion, matchesIn, TEXT_CONDITION_PATTERNS, TEXT_PATTERNS, unionOf } from '../text.ts';

// Not knowing, and not saying how to find out. Sure on their own.
const UNKNOWN =
  /\b(?:(?:i|we) (?:really |honestly |just |genuinely |still )?(?:don't|dont|do not) (?:know|understand|get)|(?:haven't|have not|still haven't) (?:figured|worked) out|(?:i |we )?(?:still )?(?:don't|dont|do not) (?:know|understand) (?:why|what|how|if|whether|who|when|where|which)|i (?:have|got) no (?:idea|clue)|idk|dunno|no (?:idea|clue)|not a clue|clueless|beats me|who knows|(?:hard|tough|difficult|impossible) to (?:say|tell)|can't (?:really )?(?:say|tell)|(?:i'm |im |i am |we're |we are )?(?:completely |totally )?(?:out of ideas|stumped)|(?:there's |there is )?no (?:eta|timeline|timeframe|estimate)(?: yet)?|(?:ships?|done|ready|out) when (?:it's|it is) (?:ready|done)|for whatever reason|no way to (?:debug|tell|know|test|reproduce)|can't (?:figure out|work out)|(?:not much|nothing) (?:we|i) can do|(?:still )?undecided|no explanation|(?:is|are|remains?) (?:still )?(?:unknown|a mystery)|at a loss|your guess is as good as mine|(?:i'm|im|i am) (?:totally |completely |a bit |kinda |kind of )?lost)\b/gi;
// More ways of not knowing (scanned only when one of their words appears, see GUESSING_WORDS).
const UNKNOWN_MORE =
  /\b(?:(?:zero|0|not the (?:slightest|faintest|foggiest)|not the first|no earthly|no real) (?:idea|clue)|(?:couldn't|could not|can't|cannot) (?:really )?tell you|wouldn't know|no way of knowing|makes? (?:absolutely |zero )?no sense|(?:doesn't|does not|don't) make (?:any )?sense|baffled|puzzled|mystified|(?:total|complete) mystery|scratching (?:my|our) heads?|anyone's guess|anybody's guess|(?:have|got) (?:no|zero) visibility|haven't (?:got )?the (?:foggiest|faintest|slightest)|(?:eta|timeline|date|estimate|timeframe)s?:? (?:is |still )?(?:tbd|tba|unknown|to be determined)|out of (?:our|my) hands|ball(?:'s| is) in (?:their|his|her|your|[a-z]+'s) court)\b/gi;
// The same in other languages, unmistakable ones only ("keine Ahnung", "ni idea de por qué").
const FOREIGN_UNKNOWN =
  /\b(?:ni idea|no tengo (?:ni )?idea|no s[eé] (?:por qu[eé]|qu[eé]|c[oó]mo)|keine ahnung|ich wei(?:ß|ss) (?:es )?nicht|n[aã]o sei|n[aã]o fa[cç]o ideia|nem ideia|sei l[aá]|aucune id[eé]e|je (?:ne )?sais pas|j'en sais rien|non lo so|nessuna idea|geen idee)(?![a-zà-ÿ])/gi;
// A guess handed back with nothing to do: "probably a config issue on your end", "seems like an issue in the SDK".
const GUESS =
  /\b(?:probably|prob|likely|must be|might be|could be|maybe|seems like|seems to be|looks like|sounds like|my guess is|i(?:'d)? guess|i bet|i suspect)(?: (?:it's|its|just|an?|some|one of|something|the))?(?: [a-z-]+){0,2} (?:issue|problem|bug|glitch|quirk|mismatch|deps|dependencies|dependency|misconfig|misconfiguration)\b|\bworks (?:fine )?(?:on my (?:machine|end|side|laptop)|for me)(?= *(?:[.!,]|$))/gi;
// Something was done about it: a report, not a guess left hanging.
const ACTED =
  /\b(?:fixed|resolved|patched|reverted|rolled back|restarted|bumped|pinned|worked around|confirmed|verified|reran|re-ran|retried|rebuilt|redeployed|cleared|(?:it's|is) green|works now|fine now)\b/i;
// "makes no sense to build X" is an opinion about a plan, not confusion.
const SENSE_OPINION = /^ *(?:to|for (?:us|you|them|anyone) to) (?!me\b|us\b)/i;

// "not sure", "it depends", "unclear": uncertain, but softer (a "not sure it's worth it" is an opinion).
const UNSURE =
  /\b(?:(?:i'm |im |i am |we're |we are |honestly |still )?not (?:really |entirely |totally |100% )?sure(?: (?:yet|if|whether|who|what|why|how|when|where|which|about))?|unsure(?: (?:if|whether|who|what|why|how|when|about))?|(?:it (?:all )?)?depends\b|(?:it's |it is |still )?unclear(?: (?:why|what|how|if|whether|who))?|can't (?:really )?(?:recommend|answer|help)(?: (?:anything|much|there|with that))?|can't (?:repro|reproduce)\b|(?:have to |just )?wait and see|we'll see(?= *(?:[.!]|$)))/gi;

// Being blocked and stopping there.
const BLOCKED =
  /\b(?:on (?:hold|ice)(?! with)|in (?:[a-z]+ )?(?:limbo|purgatory)|parked (?:until|till|pending|for now|indefinitely)|stalled (?:on|until|pending|waiting|behind)|blocked (?:on|by|until)|(?:is|are|am|it's|we're|i'm|im) (?:still |currently |totally |kinda )?blocked|(?:still )?waiting (?:on|for|to hear)|pending (?:[a-z]+ )?(?:review|approval|sign-?off)|(?:has|have|had|needs?) to wait (?:until|for|on)|on hold (?:until|pending|while|till)|stuck (?:until|on|waiting|behind)|(?:we're|we are|i'm|im|i am) (?:[a-z]+ )?stuck|nothing (?:we|i) can do (?:until|till)|nothing (?:more |else )?to do (?:until|till|before)|held up (?:by|on|until|behind|waiting))\b/gi;
// "can't start" is being blocked when a condition follows: "can't start until the spec is final".
const CANT_START =
  /\b(?:can't|cant|cannot|can not) (?:really |even )?(?:start|begin|proceed|continue|move forward|move on|move ahead|go ahead|get going|get started|make progress|progress|do (?:anything|much|more)|ship|merge|test|finish|deploy|release|launch|touch|plan|estimate|commit)\b/gi;
const UNTIL = /\b(?:until|without|till|before)\b/i;

const STRONG = 0.85;
const SOFT = 0.7;
/** Cap on candidate matches per message: one finding per rule is reported, and this keeps work linear. */
const MAX_CANDIDATES = 64;

// The triggers in three passes; `kind` says which one matched. (Small unions: the ReDoS checker takes
// milliseconds to seconds on each instead of half a minute on their union.)
const KNOWING_TRIGGER = unionOf({ unknown: UNKNOWN, cantStart: CANT_START });
const GUESSING_TRIGGER = unionOf({ unknown: UNKNOWN_MORE, foreignUnknown: FOREIGN_UNKNOWN, guess: GUESS });
// A word every GUESSING_TRIGGER match contains: one scan of plain literals lets most messages skip that union.
const GUESSING_WORDS =
  /issue|problem|bug|glitch|quirk|mismatch|dep|misconfig|works|idea|clue|ahnung|nicht|sei|id[eé]e|sais|lo so|tell you|know|sense|baffled|puzzled|mystified|mystery|head|guess|visibility|foggiest|faintest|slightest|tb[da]|unknown|determined|hands|court/i;
const WAITING_TRIGGER = unionOf({ blocked: BLOCKED, unsure: UNSURE });
const CONFIDENCE: Record<string, number> = { unknown: STRONG, foreignUnknown: STRONG, blocked: STRONG, cantStart: STRONG, unsure: SOFT, guess: SOFT };

// "it depends on whether ..." names what it hangs on; a bare "depends" must end the sentence.
const DEPENDS_ON = /^\s+(?:on|upon|if|whether)\b/i;
// A bare "depends" opens its clause ("honestly depends on ..."), it is not "our service depends on ...".
const DEPENDS_LEAD = /(?:[,;:(\-]|\b(?:that|this|honestly|tbh|well|really|all|kinda|mostly|so|it))\s?$/i;
// ... unless what it hangs on is vague or someone else's call: "depends on a lot of things", "depends on what legal says".
const DEPENDS_VAGUE =
  /^\s+(?:on|upon) (?:what (?!you\b)|who (?!you\b)|a (?:lot|bunch|ton|few|number) of|lots of|many|several|various|loads of|too many|so many|stuff|things|everything|the (?:situation|circumstances|day)|(?:[a-z]+ )?(?:says|decides|wants|thinks|replies|answers))\b/i;
const ONLY_PUNCTUATION = /^[^a-z0-9]*$/i;
// Figures of speech: "not sure if you saw, but ...", "I don't know about you, but ...", "stuck in traffic".
const NOT_UNCERTAINTY = /^ *(?:(?:if|whether) )?(?:(?:you|anyone|everyone|y'all|folks) (?:saw|seen|heard|noticed|know|knew|remember|caught|got)|about you)\b/i;
const STUCK_IN = /^ in\b/i;
// "not sure" followed by an opinion ("not sure it's worth it") is a view, not uncertainty left hanging.
const UNSURE_OPINION =
  /^(?:i'm |im |i am |we're |we are |honestly |still )?not (?:really |entirely |totally )?sure(?=\s+(?:it|it's|that|that's|this|we|they|you|the)\b)(?!\s+(?:it|that|this|they)(?:'ll| will| would|'d| can| could)\b)/i;

export const noNextStep: Rule = {
  id: 'no-next-step',
  patterns: [DEPENDS_LEAD, GUESSING_TRIGGER, GUESSING_WORDS, UNKNOWN_MORE, FOREIGN_UNKNOWN, GUESS, ACTED, SENSE_OPINION, DEPENDS_VAGUE, KNOWING_TRIGGER, WAITING_TRIGGER, UNKNOWN, UNSURE, BLOCKED, CANT_START, UNTIL, DEPENDS_ON, ONLY_PUNCTUATION, NOT_UNCERTAINTY, STUCK_IN, UNSURE_OPINION, ...TEXT_PATTERNS, ...TEXT_CONDITION_PATTERNS],
  examples: {
    flag: [
      { text: 'no clue why the nightly export is timing out' },
      { text: "honestly I'm not sure whether the mobile SDK handles retries." },
      { text: 'Blocked by the security review.' },
      { text: "can't start on the invoices page until finance gives us the tax rules" },
      { text: 'hard to tell tbh', context: 'when do you think the search fix will land?' },
    ],
    pass: [
      { text: "no clue yet - I'll diff the job config against last week's and post what I find by 4" },
      { text: "Blocked on the API keys, pinged Sam and I'm doing the UI in the meantime." },
      { text: "It depends on whether legal signs off; I've asked them and will update the ticket tomorrow." },
      { text: 'do you know why the build is red?' },
      { text: "I'm not blocked anymore, the keys arrived." },
      { text: 'Not sure yet. I would bisect the last five commits and report back after lunch.' },
    ],
  },
  message: (quote) => `"${quote}" says what isn't known or what's in the way, but not how you'll find out or move it.`,
  tip: 'Add the way forward: "I don\'t know yet. I\'d find out by checking A and testing B; I\'ll report back by Tuesday."',
  detect(doc) {
    const hits: RawFinding[] = [];
    for (const m of [
      ...matchesIn(doc, KNOWING_TRIGGER, MAX_CANDIDATES),
      ...(GUESSING_WORDS.test(doc.prose) ? matchesIn(doc, GUESSING_TRIGGER, MAX_CANDIDATES) : []),
      ...matchesIn(doc, WAITING_TRIGGER, MAX_CANDIDATES),
    ]) {
      const text = m.sentence.text;
      const end = m.index + m.text.length;
      if (m.kind === 'unsure' && UNSURE_OPINION.test(text.slice(m.index, m.index + 40))) continue;
      if (NOT_UNCERTAINTY.test(text.slice(end, end + 40))) continue;
      if (m.text.toLowerCase().endsWith('stuck') && STUCK_IN.test(text.slice(end, end + 4))) continue;
      const word = m.text.toLowerCase();
      if (word.endsWith('depends')) {
        const rest = text.slice(end, end + 200);
        const vague = DEPENDS_VAGUE.test(rest) && (m.index === 0 || DEPENDS_LEAD.test(text.slice(Math.max(0, m.index - 12), m.index)));
        if ((DEPENDS_ON.test(rest) && !vague) || (!vague && !word.startsWith('it') && !ONLY_PUNCTUATION.test(text.slice(end)))) continue;
      }
      // "I'm not blocked" / "nobody is waiting on it" - but an "unknown" trigger itself may start with a negation.
      if ((m.kind === 'blocked' || m.kind === 'cantStart') && isNegatedAt(text, m.index)) continue;
      if (m.kind === 'cantStart' && !UNTIL.test(text.slice(end, end + 60))) continue;
      if (word.endsWith('sense') && SENSE_OPINION.test(text.slice(end, end + 20))) continue;
      // A guess counts only as a short reply that hands it back, not inside a write-up or beside what was done.
      if (m.kind === 'guess' && (doc.sentences.length > 2 || ACTED.test(doc.prose))) continue;
      if (isOthersWords(text, m.index) || isHypotheticalAt(text, m.index)) continue;
      hits.push({ start: m.sentence.start + m.index, end: m.sentence.start + end, confidence: CONFIDENCE[m.kind ?? ''] ?? SOFT });
    }
    // A way forward anywhere in the message, or a question asking the reader for one, is not stopping there.
    if (hits.length === 0 || hasNextStep(doc.prose) || doc.sentences.some((s) => isQuestion(s.text))) return [];
    return hits;
  },
};
