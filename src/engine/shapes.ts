// What a senior writes in each situation: per shape, the clauses the rewrite adds (from the leanest, with the fewest
// [placeholders], to the fullest) and the tip shown with the finding. The phrasing is the senior move itself - a
// cost or a cut, options with a cost each, an estimate with its assumption, a next step with a time, the did-we-weigh
// question - so the rules must read it as such (tests/engine/shapes.test.ts holds them to it).
import type { Plan, Shape, Situation } from './plan.ts';

/** One way to write a situation's senior move: `inline` continues its sentence, `after` follows it. */
export interface Variant {
  inline?: string;
  after?: string;
  /** Ends on "by [when]": a message gets one such checkpoint, not one per finding. */
  checkpoint?: boolean;
}

/** What a shape may use besides its situation: the plan, and an unknown merged into an estimate. */
export interface Setting {
  plan: Pick<Plan, 'subject' | 'asked'>;
  /** The thing the message does not know, when it sits beside an estimate: the estimate's assumption. */
  mergedUnknown?: string;
  /** This unknown already became an estimate's assumption: its next step is firming that estimate up. */
  feedsEstimate?: boolean;
  /** A date from the replied-to message, to report back before. */
  contextDate?: string;
  /** The draft already names what the option gives ("it's faster"), so the rewrite adds only the cost. */
  benefitStated?: boolean;
}

const will = (subject: 'I' | 'we') => (subject === 'I' ? "I'll" : "We'll");
const would = (subject: 'I' | 'we') => (subject === 'I' ? "I'd" : "we'd");
const lower = (s: string) => (s.startsWith("I'") ? s : s.toLowerCase());
const am = (subject: 'I' | 'we') => (subject === 'I' ? "I'm" : "we're");

/**
 * The variants of each shape, leanest first. The rewrite takes the fullest that keeps the whole message within three
 * placeholders (see rewrite.ts), so a message with one gap gets the full senior shape and one with four gets each lean.
 */
export const VARIANTS: Record<Shape, (s: Situation, set: Setting) => Variant[]> = {
  'accept-deadline': (_s, { plan }) => {
    const ask = plan.asked ? 'Which matters more?' : undefined;
    return [
      { inline: ' if something else moves out; otherwise it slips', after: ask },
      { inline: ' if [what gets cut] moves out; otherwise it slips', after: ask },
    ];
  },
  'accept-open': (_s, { plan }) => {
    const now = plan.subject === 'I' ? "what I'm on now" : "what we're on now";
    const ask = plan.asked ? 'Does that work, or should it wait?' : undefined;
    return [
      { inline: `, but it delays ${now}`, after: ask },
      { inline: ', but it delays [current work]', after: ask },
      { inline: ', but it delays [current work] by [how much]', after: ask },
    ];
  },
  'decide-among': (s, { plan, benefitStated }) => {
    const [picked = 'it', other = 'the alternative'] = s.options ?? [];
    const we = would(plan.subject);
    const variants: Variant[] = [
      { after: `What does ${picked} cost us next to ${other}?` },
      { after: `${picked} costs us [cost] next to ${other}, but ${we} still go ahead and revisit if that grows.` },
      { after: `${picked} costs us [cost] next to ${other}, but ${we} still go ahead and revisit if [what would change it].` },
    ];
    if (!benefitStated) variants.push({ after: `${picked} gives us [benefit], but it costs [cost] next to ${other}; ${we} revisit if [what would change it].` });
    return variants;
  },
  'decide-one': (s, { plan, benefitStated }) => {
    const option = s.options?.[0];
    const we = would(plan.subject);
    const variants: Variant[] = [
      { after: `What else did we weigh against ${option ?? 'it'}?` },
      { after: `It costs [cost], but ${we} still go ahead and revisit if that grows.` },
      { after: `It costs [cost], and the alternative is [alternative]; ${we} revisit if that changes.` },
    ];
    if (!benefitStated) variants.push({ after: `${option ?? 'It'} gives us [benefit], but it costs [cost]; the alternative is [alternative], and ${we} revisit if that changes.` });
    return variants;
  },
  'estimate-bare': (_s, { plan, mergedUnknown }) =>
    estimateVariants(mergedUnknown, `${will(plan.subject)} firm it up by [when].`, `If [the biggest risk] hits, it takes longer; ${lower(will(plan.subject))} firm it up by [when].`),
  'estimate-date': (_s, { plan, mergedUnknown }) =>
    estimateVariants(mergedUnknown, `If that changes, ${lower(will(plan.subject))} say so by [when].`),
  'estimate-padded': (_s, { plan, mergedUnknown }) => [
    { inline: mergedUnknown ? `, assuming no surprises in ${mergedUnknown}` : ', with margin if the main risk hits' },
    { inline: ', with margin if [the named risk] hits' },
    { inline: ', assuming [main assumption]', after: `The margin is for [the named risk]; ${lower(will(plan.subject))} firm it up by [when].`, checkpoint: true },
  ],
  unknown: (_s, { plan, feedsEstimate, contextDate }) => {
    const I = will(plan.subject);
    const by = contextDate ? `before ${contextDate}` : 'by [when]';
    if (feedsEstimate) {
      return [
        { after: `${I} dig into that first and firm up the estimate here.` },
        { after: `${I} dig into that first and firm up the estimate ${by}.`, checkpoint: !contextDate },
      ];
    }
    return [
      { after: `${I} dig in and report back here${contextDate ? ` before ${contextDate}` : ''}.` },
      { after: `${I} dig in and report back ${by}.`, checkpoint: !contextDate },
      { after: `${I} check [what to check first] and report back ${by}.`, checkpoint: !contextDate },
    ];
  },
  'blocked-someone': (s, { plan }) => {
    const I = will(plan.subject);
    const meanwhile = (what: string) => `meanwhile ${am(plan.subject)} on ${what}`;
    const who = s.blocker;
    return [
      { after: `${I} ask ${who ?? 'who can unblock it'} for a date and escalate if it slips; ${meanwhile('other work')}.` },
      ...(who
        ? [{ after: `${I} ask ${who} for a date and escalate if it slips; ${meanwhile("[what doesn't need it]")}.` }]
        : [
            { after: `${I} ask [who can unblock it] for a date and escalate if it slips; ${meanwhile('other work')}.` },
            { after: `${I} ask [who can unblock it] for a date and escalate if it slips; ${meanwhile("[what doesn't need it]")}.` },
          ]),
    ];
  },
  'blocked-thing': (_s, { plan }) => {
    const I = will(plan.subject);
    const i = lower(I);
    const meanwhile = (what: string) => `meanwhile ${am(plan.subject)} on ${what}`;
    return [
      { after: `${I} chase it and escalate if it stalls; ${meanwhile('other work')}.` },
      { after: `If it hasn't moved by [when], ${i} escalate it; ${meanwhile('other work')}.`, checkpoint: true },
      { after: `If it hasn't moved by [when], ${i} escalate it; ${meanwhile("[what doesn't need it]")}.`, checkpoint: true },
    ];
  },
  'build-proposed': (s) => [
    { after: `Does it need to exist, or could ${s.existing ?? 'an existing tool'} do it?` },
    ...(s.existing ? [] : [{ after: "Before that, though: does it need to exist, or could [an existing tool or service] do it?" }]),
  ],
  'build-done': (s) => [
    { after: `Could ${s.existing ?? 'an existing tool'} do the same for less upkeep?` },
    ...(s.existing ? [] : [{ after: 'Before we adopt it, though: could [an existing tool or service] do the same, and what will maintaining it cost us?' }]),
  ],
};

function estimateVariants(mergedUnknown: string | undefined, checkpoint: string, full?: string): Variant[] {
  if (mergedUnknown) return [{ inline: `, assuming no surprises in ${mergedUnknown}` }];
  return [
    { inline: ', assuming nothing unexpected turns up' },
    { inline: ', assuming [main assumption]' },
    { inline: ', assuming [main assumption]', after: checkpoint, checkpoint: true },
    ...(full ? [{ inline: ', assuming [main assumption]', after: full, checkpoint: true }] : []),
  ];
}

const quoted = (s: string | undefined, fallback: string) => (s ? `"${s}"` : fallback);

/** The tip for one situation, in the draft's own terms: what to say instead, shaped like the situation. */
export function tipFor(s: Situation): string {
  switch (s.shape) {
    case 'accept-deadline': {
      const when = s.deadline ?? 'by then';
      return `Say what ${quoted(s.deadline, 'the date')} costs instead of trying: "We can do it ${when} if X moves out; otherwise it slips. Which matters more?"`;
    }
    case 'accept-open':
      return 'Say what taking it on displaces: "Yes, but it delays X by a few days. Does that work, or should it wait?"';
    case 'decide-among': {
      const [picked = 'it', other = 'the other option'] = s.options ?? [];
      return `Weigh ${picked} against ${other}: what ${picked} gives and costs next to ${other}, which you'd pick, and what would make you revisit.`;
    }
    case 'decide-one': {
      const option = s.options?.[0] ?? 'it';
      return `Say what ${option} costs and what else you weighed: "${option} gives us X but costs Y; the alternative is Z. I'd pick ${option} and revisit if W."`;
    }
    case 'estimate-bare':
      return `Give ${quoted(s.estimate, 'the estimate')} as a range with what it assumes: "${s.estimate ?? 'N days'}, assuming X; if Y hits, add Z. I'll firm it up by W."`;
    case 'estimate-date':
      return `Say what ${quoted(s.estimate, 'the date')} rests on and when you'll know: "${s.estimate ?? 'By Friday'}, assuming X; if that changes, I'll say so by Y."`;
    case 'estimate-padded':
      return `Swap ${quoted(s.padding, 'the padding')} for the risk it covers: "${s.estimate ?? 'N weeks'}, assuming X; the margin is for Y."`;
    case 'unknown':
      return `Say how you'll find out${s.unknown ? ` about ${s.unknown}` : ''} and when you'll report back: "I don't know yet; I'll check X and report back by Y."`;
    case 'blocked-someone':
      return `Say who unblocks it, by when, and what you do meanwhile: "I've asked ${s.blocker ?? 'X'} for a date; meanwhile I'm on Y."`;
    case 'blocked-thing':
      return `Say when you'll chase ${s.blocker ?? 'it'} and what you do meanwhile: "If it's not in by X, I'll Y; meanwhile I'm on Z."`;
    case 'build-proposed':
      return 'Ask first: "Does this need to exist? Could an existing tool or service do it, or is there a simpler fix?"';
    case 'build-done':
      return "It exists now; weigh it before it stays: \"Could an existing tool do the same, and what will maintaining ours cost?\"";
  }
}

/**
 * The whole-sentence form of each shape: the last resort when the writer's sentence, even reworked, still reads as
 * the gap. It keeps the sentence's names, numbers and dates (`s.keep`) and says the senior move plainly.
 */
export function templateFor(s: Situation, set: Setting): string {
  const I = will(set.plan.subject);
  const Subject = set.plan.subject === 'I' ? 'I' : 'We';
  const list = (xs: readonly string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);
  const rest = (used: readonly string[]) => s.keep.filter((k) => !used.some((u) => u.includes(k)));
  switch (s.shape) {
    case 'accept-deadline':
    case 'accept-open': {
      const what = list(rest(s.deadline ? [s.deadline] : [])) || 'this';
      const when = s.deadline ? ` ${/^(?:by|before|until|till|on|in|at|for|over|within|this|next|end)\b/i.test(s.deadline) ? '' : 'by '}${s.deadline}` : '';
      return `${Subject} can take ${what} on${when} if [what gets cut] moves out; otherwise it slips.${set.plan.asked ? ' Which matters more?' : ''}`;
    }
    case 'decide-among': {
      const [picked = 'this option', other = 'the alternative'] = s.options ?? [];
      const also = rest([picked, other]);
      return `Weighing ${picked} against ${other}${also.length ? ` (${list(also)})` : ''}: it costs [cost], but ${would(set.plan.subject)} still go ahead and revisit if that grows.`;
    }
    case 'decide-one':
      return `Weighing ${list(s.keep) || 'this option'}: it costs [cost], but ${would(set.plan.subject)} still go ahead and revisit if that grows.`;
    case 'estimate-bare':
    case 'estimate-date':
    case 'estimate-padded': {
      const estimate = s.estimate ?? list(s.keep);
      const also = rest(estimate ? [estimate] : []);
      return `${set.plan.subject === 'I' ? 'My' : 'Our'} estimate${also.length ? ` for ${list(also)}` : ''}: ${estimate || 'to be confirmed'}, assuming [main assumption].`;
    }
    case 'unknown':
      return `${set.plan.subject === 'I' ? "I'm" : "We're"} finding out${s.keep.length ? ` about ${list(s.keep)}` : ''} and will report back by [when].`;
    case 'blocked-someone':
    case 'blocked-thing':
      return `${list(s.keep) || 'This'} comes first: ${lower(I)} ask for a date and escalate if it slips, and pick up other work meanwhile.`;
    case 'build-proposed':
      return `Before we build ${list(s.keep) || 'this'}: does it need to exist, or could [an existing tool or service] do it?`;
    case 'build-done':
      return `Before we adopt ${list(s.keep) || 'it'}: could [an existing tool or service] do the same, and what will maintaining it cost us?`;
  }
}
