// Picks the rewriter from the config: the model when OPENAI_API_KEY is set, otherwise the rules (which cost nothing).
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Store } from '../store/types.ts';
import { createOpenAiRewriter } from './openai-rewriter.ts';
import { loadPrompts } from './prompts.ts';
import { rulesRewriter } from './rules-rewriter.ts';
import type { Rewriter } from './types.ts';

export { ANSWER_LIMITS, NOTES } from './openai-rewriter.ts';
export { MAX_DRAFT_CHARS as MODEL_MAX_DRAFT_CHARS } from './messages.ts';
export { rulesRewriter } from './rules-rewriter.ts';
export type { CheckId, Judgement, JudgedFinding, Rejection, RewriteRequest, RewriteResult, Rewriter, VerifyNudge } from './types.ts';

export interface RewriterDeps {
  /** Keeps the daily caps on model calls; omitted in the CLI (one person, their own key). */
  store?: Store;
  logger?: Pick<Logger, 'info' | 'warn'>;
}

export function createRewriter(llm: Config['llm'], { store, logger }: RewriterDeps = {}): Rewriter {
  if (!llm.apiKey) {
    if (llm.verifyNudges) logger?.warn({ event: 'llm_config' }, 'LLM_VERIFY_NUDGES is on but OPENAI_API_KEY is not set: nudges are not verified');
    return rulesRewriter;
  }
  const ai = createOpenAiRewriter({
    apiKey: llm.apiKey,
    baseURL: llm.baseUrl,
    model: llm.model,
    timeoutMs: llm.timeoutMs,
    caps: store ? { store, userDaily: llm.userDailyCap, teamDaily: llm.teamDailyCap } : undefined,
    logger,
    prompts: loadPrompts(), // at start: a broken prompt file stops the app here, not on the first request
  });
  return llm.verifyNudges ? ai : { usesModel: true, rewrite: ai.rewrite };
}
