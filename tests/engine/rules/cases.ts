// What every rule's table-driven test shares: a case is a draft and, optionally, the message it replies to.
import { analyze, type RuleId } from '../../../src/engine/index.ts';

export type Case = [text: string, context?: string];

/** The finding for one rule in a draft (undefined when that rule stays quiet). */
export const findingOf =
  (rule: RuleId) =>
  (text: string, context?: string) =>
    analyze(text, context ? { context } : {}).findings.find((f) => f.rule === rule);
