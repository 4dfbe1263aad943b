// The seam between the Slack surfaces and whatever writes the rewrite: the rules (always there) or a model.
import type { Analysis } from '../engine/index.ts';

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
}
