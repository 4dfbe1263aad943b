// Picks the rewriter from the config: the model when OPENAI_API_KEY is set, otherwise the rules (which cost nothing).
// The openai SDK (about 30 MiB and 200 ms to import) is loaded only when a key is set, in the background (issue 10).
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { OpenAiRewriterOptions } from './openai-rewriter.ts';
import { loadPrompts } from './prompts.ts';
import { rulesRewriter } from './rules-rewriter.ts';
import type { Rewriter, VerifyNudge } from './types.ts';

// ANSWER_LIMITS and NOTES live in openai-rewriter.ts: re-exporting them here would load the SDK with this file.
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
  const ai = loadOpenAiRewriter({
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

/** The model rewriter, its SDK imported in the background: calls made before it is loaded wait for it. */
function loadOpenAiRewriter(options: OpenAiRewriterOptions): Rewriter & { verifyNudge: VerifyNudge } {
  const loaded = import('./openai-rewriter.ts').then(({ createOpenAiRewriter }) => createOpenAiRewriter(options));
  loaded.catch(() => undefined); // reported by the first call that needs it
  return {
    usesModel: true,
    rewrite: async (request) => (await loaded).rewrite(request),
    verifyNudge: async (...args) => (await loaded).verifyNudge(...args),
  };
}
