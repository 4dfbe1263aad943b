// The seam between the Slack surfaces and whatever writes the rewrite: the rules (always there) or a model.
import type { Analysis, Finding, RuleId } from '../engine/index.ts';

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
  /** The model's own reading of the draft, when it gave one that passed our checks. */
  judgement?: Judgement;
  /** Which check refused (part of) the model's answer, and on what: for --json and the logs, never shown as text. */
  rejected?: Rejection;
}

/** A gap as the model sees it: a rules' finding it confirmed (`by: 'rules'`, the rules' span) or one they missed. */
export interface JudgedFinding {
  rule: RuleId;
  /** Offsets into the draft; `quote === draft.slice(start, end)`. */
  start: number;
  end: number;
  quote: string;
  /** The model's one line on why this is a gap. */
  why: string;
  by: 'rules' | 'model';
}

export interface Judgement {
  /** The gaps, in the draft's order: the rules' findings the model kept and the ones it added. */
  findings: JudgedFinding[];
  /** The rules' findings the model judged not to be gaps. */
  dropped: Finding[];
  /** How many of the model's findings were ignored: a quote not in the draft, or a rule that is not ours. */
  ignored: number;
}

/** The checks a model answer must pass, in the order they run. */
export type CheckId =
  | 'response-size' // the HTTP body is over its byte limit
  | 'refusal' // the model refused
  | 'cut-off' // the answer hit the completion token limit
  | 'format' // not JSON of the requested shape
  | 'length' // the rewrite is over the limit the prompt states
  | 'markup' // pings nested to survive their removal
  | 'empty' // nothing left once sanitised
  | 'invented-facts' // numbers, dates or names the draft and its context never stated
  | 'fails-rules'; // the rewrite still has the gaps the rules look for

export interface Rejection {
  check: CheckId;
  /** What the check objected to: the invented words, the rule ids, the fields (at most 5, never the answer's text). */
  tokens?: string[];
  /** For 'length' and 'response-size': how long the answer was, and its limit. */
  chars?: number;
  limit?: number;
}

export interface Rewriter {
  /** True when rewrite() may call a model (so callers show a "refining..." state and update in place). */
  readonly usesModel: boolean;
  /** With a model: its judgement of the draft (clean ones too) and its rewrite, in one call; else the rules' rewrite. */
  rewrite(request: RewriteRequest): Promise<RewriteResult>;
  /**
   * Present when a model is configured and LLM_VERIFY_NUDGES is not false: asks the model to confirm findings before
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
