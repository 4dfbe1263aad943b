// Feedback that tunes the bot, per workspace and rule, from counts only. "Not helpful" (and "Helpful") ratings are
// tallied per rule since the rule's bar last changed; when enough people found a rule unhelpful, that workspace's
// nudge bar for it rises one step, and past the last step the rule stops nudging there (it still answers
// /tradeoff, DMs and the shortcut). App Home shows each rule's state and resets it.
import type { Finding, OperatingPoint, RuleId } from '../engine/index.ts';
import { loadEngine } from '../engine-loader.ts';
import type { Day, RuleTally } from '../store/types.ts';
import type { SlackDeps } from './deps.ts';

/** Ratings since the last change before a rule's bar may move: five people-days, so one bad afternoon does not. */
export const MIN_RATINGS = 5;
/** Share of those ratings that must be "Not helpful": a clear majority, not a split team. */
export const NOT_HELPFUL_SHARE = 0.6;
/** Raised steps before "off". Each halves the room between the bar and certainty (see nudgeBar). */
export const RAISED_STEPS = 2;
/** The step at which a rule no longer nudges in the workspace. */
export const OFF_STEP = RAISED_STEPS + 1;

/** The engine's OPERATING_POINTS (from its trained model, so they come with the engine: src/engine-loader.ts). */
export type OperatingPoints = Readonly<Record<RuleId, OperatingPoint>>;

/**
 * The confidence a finding needs to nudge at `step`, or null when the rule is off. Step 0 is the engine's own nudge
 * point p; step k is 1 - (1 - p) / 2^k, so with calibrated confidences each step halves the share of nudges that
 * are expected to be wrong (p = 0.8: 0.8, 0.9, 0.95, then off). A rule the engine never nudges for (p above 1: no
 * confidence was precise enough) keeps p at every step: the formula would bring such a bar down towards 1.
 */
export function nudgeBar(points: OperatingPoints, rule: RuleId, step: number): number | null {
  if (step >= OFF_STEP) return null;
  const point = points[rule].nudge;
  if (step <= 0 || neverNudges(point)) return point;
  return Math.round((1 - (1 - point) / 2 ** step) * 10_000) / 10_000;
}

/** Whether a bar is out of reach of any confidence (0..1): the engine's "never" nudge point. */
export function neverNudges(bar: number): boolean {
  return bar > 1;
}

/** Whether a tally moves its rule up a step. */
export function shouldRaise({ step, helpful, notHelpful }: RuleTally): boolean {
  const ratings = helpful + notHelpful;
  return step < OFF_STEP && ratings >= MIN_RATINGS && notHelpful >= NOT_HELPFUL_SHARE * ratings;
}

/** The findings that may nudge in this workspace: at or above their rule's bar there. */
export function nudgeableFindings(points: OperatingPoints, findings: readonly Finding[], tallies: Record<RuleId, RuleTally>): Finding[] {
  return findings.filter((finding) => {
    const bar = nudgeBar(points, finding.rule, tallies[finding.rule]?.step ?? 0);
    return bar !== null && finding.confidence >= bar;
  });
}

/**
 * Counts one rating of a rule toward its workspace tally, at most once per person, rule and day (so one person
 * cannot move the workspace's bar alone), and raises the rule a step when the tally says so.
 */
export async function rateRule(deps: SlackDeps, team: string, user: string, rule: RuleId, helpful: boolean, day: Day): Promise<void> {
  if (!(await deps.store.takeDaily(`${team}:rated:${user}:${rule}`, day, 1))) return;
  const tally = await deps.store.rateRule(team, rule, helpful);
  if (!shouldRaise(tally)) return;
  const step = tally.step + 1;
  await deps.store.setRuleStep(team, rule, step);
  const bar = nudgeBar((await loadEngine()).OPERATING_POINTS, rule, step);
  deps.logger.info({ surface: 'tuning', team, rule, step, bar, helpful: tally.helpful, notHelpful: tally.notHelpful }, step >= OFF_STEP
    ? 'rule stops nudging in this workspace (Not helpful feedback)'
    : 'rule nudge bar raised in this workspace (Not helpful feedback)');
}
