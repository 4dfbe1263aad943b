// What every rule module exports. One rule per file in ./rules, named by its id, phrases as data beside the logic.
import type { PreparedText } from './prepare.ts';
import type { RuleId } from './types.ts';

export interface Example {
  text: string;
  context?: string;
}

/** A hit in PROSE coordinates; analyze() maps it back to the original text. */
export interface RawFinding {
  start: number;
  end: number;
  confidence: number;
}

export interface Rule {
  id: RuleId;
  /** Every regular expression the rule uses, so the ReDoS test can check them all. */
  patterns: readonly RegExp[];
  /** Must-flag and must-pass examples; a meta-test requires both kinds. */
  examples: { flag: readonly Example[]; pass: readonly Example[] };
  /** Short, non-accusatory explanation that quotes the trigger. */
  message(quote: string): string;
  /** The senior shape. */
  tip: string;
  detect(doc: PreparedText, context: PreparedText | undefined): RawFinding[];
}
