// The AI rewrite on the official openai SDK (chat completions + JSON schema: what OpenAI, Azure, Ollama, vLLM and
// LM Studio all implement). It can only ever make the answer better: any failure, timeout, cap or doubtful
// output gives the rules' rewrite with a short note. Logs carry outcomes and timings, never text or keys.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from 'pino';
import { analyze, rewrite as rulesRewrite, type Finding } from '../engine/index.ts';
import type { Store } from '../store/types.ts';
import { inventedFacts, sanitize } from './guard.ts';
import { englishLexicon } from './lexicon.ts';
import {
  buildRewriteMessages,
  buildVerifyMessages,
  MAX_DRAFT_CHARS,
  RewriteOutput,
  VerifyOutput,
  type PromptData,
} from './messages.ts';
import { loadPrompts, type Prompts } from './prompts.ts';
import type { RewriteRequest, RewriteResult, Rewriter, VerifyNudge } from './types.ts';

export interface OpenAiRewriterOptions {
  apiKey: string;
  /** An OpenAI-compatible /v1 URL; when absent the SDK reads OPENAI_BASE_URL, else api.openai.com. */
  baseURL?: string;
  model: string;
  /** Total deadline per model call, retries included (at most 10 s). */
  timeoutMs: number;
  /** Daily caps on model calls, kept in the store; without a store (the CLI) there are none. */
  caps?: { store: Store; userDaily: number; teamDaily: number };
  logger?: Pick<Logger, 'info' | 'warn'>;
  prompts?: Prompts;
  /** The clock, for the cap's calendar day. */
  now?: () => Date;
}

export const NOTES = {
  timeout: "The AI rewrite timed out, so this is the rules' rewrite.",
  unavailable: "The AI rewrite is unavailable right now, so this is the rules' rewrite.",
  rejected: "The AI rewrite did not pass our checks, so this is the rules' rewrite.",
  cap: "Daily AI rewrite limit reached, so this is the rules' rewrite.",
  tooLong: "The message is too long for the AI rewrite, so this is the rules' rewrite.",
} as const;
type Outcome = keyof typeof NOTES;

/** Longest rewrite accepted: twice the draft, but never less than this. */
const MIN_LENGTH_CAP = 1500;
const MAX_ASSUMPTIONS = 8;
const MAX_ASSUMPTION_CHARS = 200;
/** Bounds the answer's cost; a longer one fails the length cap anyway. */
const MAX_COMPLETION_TOKENS = 1024;

const rewriteFormat = zodResponseFormat(RewriteOutput, 'rewrite');
const verifyFormat = zodResponseFormat(VerifyOutput, 'verify_findings');

class Rejected extends Error {
  override name = 'Rejected';
}

function outcomeOf(error: unknown): Outcome {
  if (error instanceof Rejected) return 'rejected';
  if (error instanceof OpenAI.APIUserAbortError || error instanceof OpenAI.APIConnectionTimeoutError) return 'timeout';
  if (error instanceof OpenAI.APIError || error instanceof OpenAI.APIConnectionError) return 'unavailable';
  // Anything else is the answer failing to parse or validate (malformed JSON, wrong shape, cut off by length).
  return 'rejected';
}

// What is safe to log about a failure: its kind and HTTP status, never its message (it may echo input).
const errorFields = (error: unknown) => ({
  error: error instanceof Error ? error.name : typeof error,
  status: error instanceof OpenAI.APIError ? error.status : undefined,
});

export function createOpenAiRewriter(options: OpenAiRewriterOptions): Rewriter & { verifyNudge: VerifyNudge } {
  const prompts = options.prompts ?? loadPrompts();
  const now = options.now ?? (() => new Date());
  const lexicon = englishLexicon();
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 1,
    logLevel: 'off', // the SDK's debug logs include request bodies
  });

  /** One unit of each applicable daily cap: 'ok', 'cap' when one is used up, 'unavailable' when the store is down. */
  async function takeCaps(team?: string, user?: string): Promise<'ok' | 'cap' | 'unavailable'> {
    if (!options.caps || !team) return 'ok';
    const { store, userDaily, teamDaily } = options.caps;
    const day = now().toISOString().slice(0, 10);
    try {
      if (user && !(await store.takeDaily(`${team}:llm:user:${user}`, day, userDaily))) return 'cap';
      return (await store.takeDaily(`${team}:llm:team`, day, teamDaily)) ? 'ok' : 'cap';
    } catch (error) {
      // Without the counters the caps cannot be kept, so no model call (fail closed).
      options.logger?.warn({ event: 'llm_caps', ...errorFields(error) }, 'could not take from the daily AI caps');
      return 'unavailable';
    }
  }

  async function complete<T>(
    messages: ReturnType<typeof buildRewriteMessages>,
    format: typeof rewriteFormat | typeof verifyFormat,
  ): Promise<T> {
    const completion = await client.chat.completions.parse(
      { model: options.model, messages, response_format: format, store: false, max_completion_tokens: MAX_COMPLETION_TOKENS },
      // The SDK's timeout is per attempt; this signal bounds the whole call, retry and back-off included.
      { signal: AbortSignal.timeout(options.timeoutMs) },
    );
    const message = completion.choices[0]?.message;
    if (!message || message.refusal || message.parsed == null) throw new Rejected(message?.refusal ? 'refused' : 'empty');
    return message.parsed as T;
  }

  // The model's text is untrusted: sanitized, then it must keep to the draft's facts, its length and the rules.
  function check(answer: { rewrite: string; assumptions: string[] }, request: RewriteRequest): RewriteResult {
    const sources = [request.draft, request.context ?? ''];
    if (answer.rewrite.length > Math.max(2 * request.draft.length, MIN_LENGTH_CAP)) throw new Rejected('too long');
    const text = sanitize(answer.rewrite, sources);
    if (!text) throw new Rejected('empty');
    if (inventedFacts(text, { sources, instructions: prompts.rewriteSystem, lexicon }).length > 0) throw new Rejected('invented facts');
    if (analyze(text, request.context ? { context: request.context } : {}).findings.length > 0) {
      throw new Rejected('fails the rules');
    }
    const assumptions = answer.assumptions
      .slice(0, MAX_ASSUMPTIONS)
      .filter((a) => a.length <= MAX_ASSUMPTION_CHARS)
      .map((a) => sanitize(a, sources))
      .filter((a): a is string => Boolean(a));
    return { text, source: 'ai', assumptions };
  }

  const dataOf = (draft: string, findings: readonly Finding[], context?: string): PromptData => ({
    draft,
    context,
    findings: findings.map(({ rule, quote, tip }) => ({ rule, quote, tip })),
  });

  return {
    usesModel: true,

    async rewrite(request) {
      const fallback = (outcome?: Outcome): RewriteResult => ({
        text: rulesRewrite(request.draft, request.analysis),
        source: 'rules',
        assumptions: [],
        ...(outcome ? { note: NOTES[outcome] } : {}),
      });
      // A clean message never costs a model call.
      if (request.analysis.findings.length === 0) return fallback();
      const started = performance.now();
      const log = (outcome: Outcome | 'ok', extra: object = {}) =>
        options.logger?.[outcome === 'ok' ? 'info' : 'warn'](
          { event: 'llm_rewrite', outcome, ms: Math.round(performance.now() - started), findings: request.analysis.findings.length, ...extra },
          'AI rewrite',
        );
      if (request.draft.length > MAX_DRAFT_CHARS) {
        log('tooLong');
        return fallback('tooLong');
      }
      const allowed = await takeCaps(request.team, request.user);
      if (allowed !== 'ok') {
        log(allowed);
        return fallback(allowed);
      }
      try {
        const messages = buildRewriteMessages(prompts, dataOf(request.draft, request.analysis.findings, request.context));
        const result = check(await complete<{ rewrite: string; assumptions: string[] }>(messages, rewriteFormat), request);
        log('ok');
        return result;
      } catch (error) {
        const outcome = outcomeOf(error);
        log(outcome, error instanceof Rejected ? { reason: error.message } : errorFields(error));
        return fallback(outcome);
      }
    },

    async verifyNudge(draft, findings, context, who = {}) {
      if (findings.length === 0 || draft.length > MAX_DRAFT_CHARS) return [];
      const started = performance.now();
      const log = (outcome: string, extra: object = {}) =>
        options.logger?.info({ event: 'llm_verify', outcome, ms: Math.round(performance.now() - started), ...extra }, 'nudge check');
      // Fail closed: over the cap, on any error, or when in doubt, nothing is confirmed and no nudge is sent.
      const allowed = await takeCaps(who.team);
      if (allowed !== 'ok') {
        log(allowed);
        return [];
      }
      try {
        const answer = await complete<{ findings: { rule: string; confirmed: boolean }[] }>(
          buildVerifyMessages(prompts, dataOf(draft, findings, context)),
          verifyFormat,
        );
        const confirmed = new Set(answer.findings.filter((v) => v.confirmed).map((v) => v.rule));
        const kept = findings.filter((f) => confirmed.has(f.rule));
        log('ok', { findings: findings.length, confirmed: kept.length });
        return kept;
      } catch (error) {
        log(outcomeOf(error), errorFields(error));
        return [];
      }
    },
  };
}
