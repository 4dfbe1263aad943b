// Human names and the longer "more detail" text for each rule, in the words of ../shared/taxonomy.md.
import type { RuleId } from '../../engine/index.ts';

export interface RuleGuide {
  title: string;
  gap: string;
  senior: string;
}

export const RULE_GUIDE: Record<RuleId, RuleGuide> = {
  'sure-well-try': {
    title: '“Sure, we’ll try”',
    gap: 'Takes on a deadline, extra scope or a request with effort words (“we’ll try”, “should be doable”) instead of saying what it costs, what it risks or what gets cut.',
    senior: '“We can do A or B by Friday, not both. Which matters more?” or “Yes, but it pushes X by two weeks. Want me to propose what to cut?”',
  },
  'missing-tradeoffs': {
    title: 'Missing tradeoffs',
    gap: 'Recommends or decides on one option with no cost, downside or alternative, so nobody can weigh it.',
    senior: '“Two options: A gives us X but costs Y; B gives us Z. Given W, I’d pick A, and revisit if V.”',
  },
  'unstated-assumptions': {
    title: 'Unstated assumptions',
    gap: 'States an estimate or a date as a bare fact (or pads it “just in case”) with no range, assumption or named risk.',
    senior: '“2–3 weeks, assuming A. If the migration lands first, add one; I’ll know by Tuesday.”',
  },
  'no-next-step': {
    title: 'No next step',
    gap: 'Says “I don’t know”, “it depends” or “blocked” and stops there, leaving the reader to decide what happens next.',
    senior: '“I don’t know yet. I’ll check A and test B, and report back by Tuesday.”',
  },
  'build-vs-buy': {
    title: 'Build vs. buy',
    gap: 'Proposes building something custom without asking whether it needs to exist, or whether an existing tool or a simpler fix would do.',
    senior: '“Does this need to exist? Could Redis do it, or is the query just missing an index?”',
  },
};

export function ruleTitle(rule: RuleId): string {
  return RULE_GUIDE[rule].title;
}
