// Picks the rewriter from the config: the model when OPENAI_API_KEY is set, otherwise the rules (which cost nothing).
// The openai SDK (about 30 MiB and 200 ms to import) is loaded only when a key is set, on the first call (issue 10).
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { loadEngine } from '../engine-loader.ts';
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

/**
 * The model rewriter, imported with its SDK on the first call (which waits for it, after the rules' answer went
 * out). openai-rewriter.ts reads the engine too, so it is imported only once the engine is loaded: importing it
 * earlier would load the engine with it, whatever ENGINE_LOAD says (src/engine-loader.ts).
 */
function loadOpenAiRewriter(options: OpenAiRewriterOptions): Rewriter & { verifyNudge: VerifyNudge } {
  let loaded: Promise<Rewriter & { verifyNudge: VerifyNudge }> | undefined;
  const load = () =>
    (loaded ??= loadEngine()
      .then(() => import('./openai-rewriter.ts'))
      .then(({ createOpenAiRewriter }) => createOpenAiRewriter(options)));
  return {
    usesModel: true,
    rewrite: async (request) => (await load()).rewrite(request),
    verifyNudge: async (...args) => (await load()).verifyNudge(...args),
  };
}
