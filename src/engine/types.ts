// The engine's contract. Rule ids are shared with ../shared/taxonomy.md and the corpus: never rename them.
export const RULE_IDS = [
  'sure-well-try',
  'missing-tradeoffs',
  'unstated-assumptions',
  'no-next-step',
  'build-vs-buy',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One gap found in a message. `start`/`end` are offsets into the ORIGINAL text; `quote` equals text.slice(start, end). */
export interface Finding {
  rule: RuleId;
  start: number;
  end: number;
  quote: string;
  /** 0..1; how sure the rule is. Passive nudges need a high value (see NUDGE_CONFIDENCE). */
  confidence: number;
  /** Short, non-accusatory: why this reads as a gap, quoting the trigger. */
  message: string;
  /** The senior shape to aim for. */
  tip: string;
  /**
   * The rule's feature that weighed most for this finding, e.g. "attempt.own" (trying instead of committing),
   * "blocked.own" (waiting on someone), "build.own+artefact.past" (already built): what kind of gap it is.
   */
  evidence?: string;
}

export interface Analysis {
  findings: Finding[];
  /** True only when a finding is confident enough to interrupt someone who did not ask. */
  nudge: boolean;
  /**
   * True when no context was given and the message could read differently beside the message it replies to
   * ("sure, we'll try" under a deadline vs under a coffee invite): worth fetching a thread's parent for.
   */
  needsContext: boolean;
  /**
   * 'other' when the message is clearly not English: the engine reads English only, so it was not checked (no
   * findings, no nudge) and a surface says so instead of "reads clearly".
   */
  language: 'en' | 'other';
}

/** Where a rule's confidence becomes a finding (`report`: /tradeoff, DMs, the shortcut) or a passive nudge (`nudge`). */
export interface OperatingPoint {
  report: number;
  nudge: number;
}

export interface AnalyzeOptions {
  /** The message this one replies to, when there is one. */
  context?: string;
}
