// One coaching flow for every surface that answers a person who asked (/tradeoff, modal, DM, shortcut,
// "show rewrite"): analyse, reply with the rules' answer at once, record counts, then (when a model is
// configured) let the model judge the draft - clean ones too - and rewrite it, updating the same reply in place.
import type { RuleId } from '../engine/index.ts';
import { loadEngine } from '../engine-loader.ts';
import { MAX_DRAFT_CHARS as MODEL_MAX_DRAFT_CHARS } from '../llm/messages.ts';
import { rulesRewriter } from '../llm/rules-rewriter.ts';
import type { RewriteResult } from '../llm/types.ts';
import type { SlackDeps } from './deps.ts';
import { utcDay } from './time.ts';
import { coachingMessage, type SlackMessage } from './views/coaching.ts';

/** Slack's advice for one message; longer drafts are coached on their first part (and the reply says so). */
export const MAX_DRAFT_CHARS = 4000;

/** Where a reply goes: `send` posts it, `replace` updates that same reply. */
export interface ReplyTarget {
  send(message: SlackMessage): Promise<void>;
  replace(message: SlackMessage): Promise<void>;
}

export interface CoachRequest {
  /** Slack-formatted draft. */
  draft: string;
  context?: string;
  team: string;
  user: string;
  /** For logs only. */
  surface: string;
  /** What a clean draft gets ("Nothing to fix" or "Looks good"). */
  cleanText: string;
  /** False when these findings were already counted (a nudge's "Show a rewrite"). */
  countFindings?: boolean;
  /** A short note shown with the rewrite (e.g. NO_PARENT_NOTE). */
  note?: string;
}

/** For a thread reply coached without the message it answers, because Slack would not give it to us just now. */
export const NO_PARENT_NOTE = 'I could not read the message this replies to just now, so it was read on its own.';

/** Coaches a draft and delivers the reply through `target`. Never logs the draft, only its length and rule ids. */
export async function coach(deps: SlackDeps, request: CoachRequest, target: ReplyTarget): Promise<void> {
  const truncated = request.draft.length > MAX_DRAFT_CHARS;
  const draft = truncated ? request.draft.slice(0, MAX_DRAFT_CHARS) : request.draft;
  const context = request.context?.slice(0, MAX_DRAFT_CHARS);
  const { analyze } = await loadEngine();
  const analysis = analyze(draft, context ? { context } : {});
  const rules = analysis.findings.map((f) => f.rule);
  const log = deps.logger.child({ surface: request.surface, team: request.team, user: request.user });
  log.info({ textLength: request.draft.length, truncated, rules }, 'coaching');

  const cutNote = [request.note, truncated ? `Only the first ${MAX_DRAFT_CHARS.toLocaleString('en-US')} characters were checked.` : undefined]
    .filter(Boolean)
    .join(' ') || undefined;
  const rewriteRequest = { draft, context, analysis, team: request.team, user: request.user };
  // The model judges what a person asked about, clean drafts included (it may see what the rules missed); never
  // without a workspace to count the call against, and a clean draft too long to send is left to the rules.
  // A draft in another language is not checked at all: the rules cannot verify a model's rewrite of it.
  const refine =
    deps.rewriter.usesModel &&
    request.team !== '' &&
    analysis.language === 'en' &&
    (analysis.findings.length > 0 || draft.length <= MODEL_MAX_DRAFT_CHARS);
  const first = await rulesRewriter.rewrite(rewriteRequest);
  const render = (rewrite: RewriteResult, refining: boolean) =>
    coachingMessage({ draft, analysis, rewrite: withNote(rewrite, cutNote), refining }, request.cleanText);

  await target.send(render(first, refine));
  if (request.countFindings !== false) await recordCounts(deps, request, rules);
  if (!refine) return;

  let refined: RewriteResult;
  try {
    refined = await deps.rewriter.rewrite(rewriteRequest);
  } catch (error) {
    log.warn({ err: error }, 'model judgement failed; keeping the rules answer');
    refined = { ...first, note: 'The AI rewrite is not available right now; this is the rules’ rewrite.' };
  }
  await target.replace(render(refined, false));
}

function withNote(rewrite: RewriteResult, extra: string | undefined): RewriteResult {
  if (!extra) return rewrite;
  return { ...rewrite, note: rewrite.note ? `${rewrite.note} ${extra}` : extra };
}

async function recordCounts(deps: SlackDeps, request: CoachRequest, rules: readonly RuleId[]) {
  if (rules.length === 0) return;
  try {
    await deps.store.recordFindings(request.team, request.user, rules, utcDay(deps.now()));
  } catch (error) {
    // Counts are a nice-to-have; the person already has their answer.
    deps.logger.warn({ err: error, surface: request.surface }, 'could not record finding counts');
  }
}
