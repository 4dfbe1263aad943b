// The seam between the Slack surfaces and whatever writes the rewrite: the rules (always there) or a model.
import type { Analysis, Finding } from '../engine/index.ts';

export interface RewriteRequest {
  draft: string;
  /** The message the draft replies to, when there is one. */
  context?: string;
  analysis: Analysis;
  /** Who asked: used for per-user and per-workspace daily caps on model calls. Absent in the CLI. */
  team?: string;
  user?: string;
}

export interface RewriteResult {
  text: string;
  source: 'ai' | 'rules';
  /** What the model had to assume (each also left as a visible [placeholder] in the text). */
  assumptions: string[];
  /** Short user-facing note when the model was skipped or failed ("AI rewrite timed out; showing the rules' rewrite"). */
  note?: string;
}

export interface Rewriter {
  /** True when rewrite() may call a model (so callers show a "refining..." state and update in place). */
  readonly usesModel: boolean;
  rewrite(request: RewriteRequest): Promise<RewriteResult>;
  /**
   * Present only when LLM_VERIFY_NUDGES is on and a model is configured: asks the model to confirm findings before
   * a passive nudge. Returns the confirmed subset; [] on any failure, timeout or cap (fail closed: no nudge).
   */
  verifyNudge?: VerifyNudge;
}

/** `who.team` counts the call against that workspace's daily cap (never the author's: they did not ask). */
export type VerifyNudge = (
  draft: string,
  findings: readonly Finding[],
  context?: string,
  who?: { team?: string },
) => Promise<Finding[]>;
