// The model's judgement and rewrite on the official openai SDK (chat completions + JSON schema: what OpenAI, Azure,
// Ollama, vLLM and LM Studio all implement). One call per request a person made: the model judges the draft beside
// the rules' findings (keeps, drops, adds) and rewrites it. It can only ever make the answer better: any failure,
// timeout, cap or doubtful output leaves the rules' answer with a short note. Everything the model sends is bounded
// before anything reads it: the HTTP body, then each list and string. Logs carry outcomes, ids, counts, the check
// that refused an answer and the words it objected to, never the draft, the answer or the key.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { analyze, planMessage, rewrite as rulesRewrite, summarizePlan, type Analysis, type Finding } from '../engine/index.ts';
import type { Store } from '../store/types.ts';
import { inventedFacts, sanitize } from './guard.ts';
import { judge } from './judge.ts';
import { englishLexicon } from './lexicon.ts';
import {
  buildJudgeMessages,
  buildVerifyMessages,
  JudgeOutput,
  MAX_DRAFT_CHARS,
  rewriteLimit,
  VerifyOutput,
  type PromptData,
} from './messages.ts';
import { loadPrompts, type Prompts } from './prompts.ts';
import type { Judgement, Rejection, RewriteRequest, RewriteResult, Rewriter, VerifyNudge } from './types.ts';

export interface OpenAiRewriterOptions {
  apiKey: string;
  /** An OpenAI-compatible /v1 URL; when absent the SDK reads OPENAI_BASE_URL, else api.openai.com. */
  baseURL?: string;
  model: string;
  /** Total deadline per model call, retries included (at most 10 s). */
  timeoutMs: number;
  /** Daily caps on model requests, kept in the store; without a store (the CLI) there are none. */
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
type Outcome = keyof typeof NOTES | 'noTeam';
const noteOf = (outcome: Outcome) => NOTES[outcome === 'noTeam' ? 'unavailable' : outcome];

/** Limits on the model's answer, applied before anything reads it (an honest answer is far inside every one). */
export const ANSWER_LIMITS = {
  /** The whole HTTP body: 1,024 completion tokens of JSON are a few KB. */
  responseBytes: 256 * 1024,
  findings: 8,
  whyChars: 200,
  assumptions: 8,
  assumptionChars: 200,
  /** Words a rejection may name (in --json and the logs), and their length. */
  tokens: 5,
  tokenChars: 40,
} as const;
/** Bounds the answer's cost; a longer one fails the length limit anyway. */
const MAX_COMPLETION_TOKENS = 1024;

const judgeFormat = zodResponseFormat(JudgeOutput, 'judge_and_rewrite');
const verifyFormat = zodResponseFormat(VerifyOutput, 'verify_findings');

// Read leniently, after every list is cut to its limit: one bad finding is dropped, not the whole answer, and an
// answer with no "findings" at all (a model that ignores part of the schema) is a rewrite without a judgement.
const JudgeAnswer = z.object({
  findings: z.array(z.object({ rule: z.string(), quote: z.string(), why: z.string().default('') })).optional(),
  rewrite: z.string(),
  assumptions: z.array(z.string()).default([]),
});
type JudgeAnswer = z.infer<typeof JudgeAnswer>;
// Verdicts on a nudge: {rule, confirmed}, or the model's own findings {rule, quote, why} (see verifyNudge).
const Verdicts = z.array(z.object({ rule: z.string(), confirmed: z.boolean().optional(), quote: z.string().optional() }));

class Rejected extends Error {
  override name = 'Rejected';
  readonly rejection: Rejection;
  constructor(rejection: Rejection) {
    super(rejection.check);
    this.rejection = rejection;
  }
}
/** A retry the caps refused: thrown from inside the SDK's fetch, so it arrives as the cause of a connection error. */
class CapsRefused extends Error {
  override name = 'CapsRefused';
  readonly outcome: Outcome;
  constructor(outcome: Outcome) {
    super(`model request refused by the daily caps (${outcome})`);
    this.outcome = outcome;
  }
}
class ResponseTooLarge extends Error {
  override name = 'ResponseTooLarge';
  readonly bytes: number;
  constructor(bytes: number) {
    super(`model response over ${ANSWER_LIMITS.responseBytes} bytes`);
    this.bytes = bytes;
  }
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && chain.length < 5; e = e instanceof Error ? e.cause : undefined) chain.push(e);
  return chain;
}

function failureOf(error: unknown): { outcome: Outcome; rejection?: Rejection } {
  const chain = causes(error);
  const refused = chain.find((e): e is CapsRefused => e instanceof CapsRefused);
  if (refused) return { outcome: refused.outcome };
  const large = chain.find((e): e is ResponseTooLarge => e instanceof ResponseTooLarge);
  if (large) return { outcome: 'rejected', rejection: { check: 'response-size', chars: large.bytes, limit: ANSWER_LIMITS.responseBytes } };
  if (error instanceof Rejected) return { outcome: 'rejected', rejection: error.rejection };
  if (error instanceof OpenAI.APIUserAbortError || error instanceof OpenAI.APIConnectionTimeoutError) return { outcome: 'timeout' };
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { outcome: 'timeout' };
  if (error instanceof OpenAI.APIError || error instanceof OpenAI.APIConnectionError) return { outcome: 'unavailable' };
  return { outcome: 'rejected', rejection: { check: 'format' } };
}

// What is safe to log about a failure: its kind and HTTP status, never its message (it may echo input).
const errorFields = (error: unknown) => ({
  error: error instanceof Error ? error.name : typeof error,
  status: error instanceof OpenAI.APIError ? error.status : undefined,
});

/** The response with a body that errors once it passes `maxBytes`, so a hostile endpoint cannot make us read 17 MB. */
function bounded(response: Response, maxBytes: number): Response {
  const declared = Number(response.headers.get('content-length') ?? 0);
  let seen = 0;
  const body =
    declared > maxBytes
      ? new ReadableStream<Uint8Array>({
          start(controller) {
            void response.body?.cancel();
            controller.error(new ResponseTooLarge(declared));
          },
        })
      : response.body?.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              seen += chunk.byteLength;
              if (seen > maxBytes) controller.error(new ResponseTooLarge(seen));
              else controller.enqueue(chunk);
            },
          }),
        );
  return new Response(body ?? null, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** At most a few short words from a check, so a rejection can be logged without logging the answer. */
const someTokens = (tokens: readonly string[]) => tokens.slice(0, ANSWER_LIMITS.tokens).map((t) => t.slice(0, ANSWER_LIMITS.tokenChars));

interface Who {
  team?: string;
  user?: string;
}

export function createOpenAiRewriter(options: OpenAiRewriterOptions): Rewriter & { verifyNudge: VerifyNudge } {
  const prompts = options.prompts ?? loadPrompts();
  const now = options.now ?? (() => new Date());
  const lexicon = englishLexicon(); // at start, once, and only with a model configured
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    maxRetries: 1,
    logLevel: 'off', // the SDK's debug logs include request bodies
  });

  /**
   * One unit of each applicable daily cap, for one HTTP request: 'ok', 'cap' when one is used up, 'unavailable'
   * when the store is down, 'noTeam' when there is no workspace to count it against (such a request never goes out).
   */
  async function takeCaps(who: Who, scope: 'user' | 'team'): Promise<'ok' | 'cap' | 'unavailable' | 'noTeam'> {
    if (!options.caps) return 'ok';
    if (!who.team) return 'noTeam';
    const { store, userDaily, teamDaily } = options.caps;
    const day = now().toISOString().slice(0, 10);
    try {
      // The user's cap first, so a user at their cap does not use up the workspace's allowance.
      if (scope === 'user' && who.user && !(await store.takeDaily(`${who.team}:llm:user:${who.user}`, day, userDaily))) return 'cap';
      return (await store.takeDaily(`${who.team}:llm:team`, day, teamDaily)) ? 'ok' : 'cap';
    } catch {
      // Fail closed: without the counters there is no model call.
      return 'unavailable';
    }
  }

  /**
   * One chat completion; returns the message content. Every HTTP request counts against the caps (the first was
   * taken by the caller; the SDK's retry takes its own here), and every response body is bounded.
   */
  async function complete(
    messages: ReturnType<typeof buildJudgeMessages>,
    format: typeof judgeFormat | typeof verifyFormat,
    who: Who,
    scope: 'user' | 'team',
    http: { requests: number },
  ): Promise<string> {
    const counted = client.withOptions({
      fetch: async (url: string | URL | Request, init?: RequestInit) => {
        if (++http.requests > 1) {
          const allowed = await takeCaps(who, scope);
          if (allowed !== 'ok') throw new CapsRefused(allowed);
        }
        return bounded(await fetch(url, init), ANSWER_LIMITS.responseBytes);
      },
    });
    const completion = await counted.chat.completions.create(
      { model: options.model, messages, response_format: format, store: false, max_completion_tokens: MAX_COMPLETION_TOKENS },
      // The SDK's timeout is per attempt; this signal bounds the whole call, retry and back-off included.
      { signal: AbortSignal.timeout(options.timeoutMs) },
    );
    const choice = completion.choices?.[0];
    if (choice?.message?.refusal) throw new Rejected({ check: 'refusal' });
    if (choice?.finish_reason === 'length') throw new Rejected({ check: 'cut-off' });
    const content = choice?.message?.content;
    if (typeof content !== 'string' || content === '') throw new Rejected({ check: 'format', tokens: ['content'] });
    return content;
  }

  /** JSON.parse (the body is bounded), then every list cut to its limit, then the shape. */
  function readJudgeAnswer(content: string): JudgeAnswer {
    let raw: unknown;
    try {
      raw = JSON.parse(content);
    } catch {
      throw new Rejected({ check: 'format', tokens: ['json'] });
    }
    if (typeof raw !== 'object' || raw === null) throw new Rejected({ check: 'format', tokens: ['json'] });
    const { findings, rewrite, assumptions } = raw as Record<string, unknown>;
    const cut = {
      findings: Array.isArray(findings) ? findings.slice(0, ANSWER_LIMITS.findings) : findings,
      rewrite,
      assumptions: Array.isArray(assumptions) ? assumptions.slice(0, ANSWER_LIMITS.assumptions) : assumptions,
    };
    const parsed = JudgeAnswer.safeParse(cut);
    if (!parsed.success) throw new Rejected({ check: 'format', tokens: someTokens(parsed.error.issues.map((i) => i.path.join('.') || 'answer')) });
    return parsed.data;
  }

  /** The rewrite, held to the prompt's length limit before the sanitiser reads it, then to the draft's facts and the rules. */
  function checkRewrite(answer: JudgeAnswer, request: RewriteRequest, judgement: Judgement | undefined): { text: string; assumptions: string[] } {
    const sources = [request.draft, request.context ?? ''];
    const limit = rewriteLimit(request.draft);
    if (answer.rewrite.length > limit) throw new Rejected({ check: 'length', chars: answer.rewrite.length, limit });
    const text = sanitize(answer.rewrite, sources);
    if (text === undefined) throw new Rejected({ check: 'markup' });
    if (!text) throw new Rejected({ check: 'empty' });
    const invented = inventedFacts(text, { sources, instructions: prompts.rewriteSystem, lexicon });
    if (invented.length > 0) throw new Rejected({ check: 'invented-facts', tokens: someTokens(invented) });
    // The words the model judged fine may stay as they were, even where the rules still see a gap.
    const judgedFine = new Set(judgement?.dropped.map((f) => f.quote));
    const gaps = analyze(text, request.context ? { context: request.context } : {}).findings.filter((f) => !judgedFine.has(f.quote));
    if (gaps.length > 0) throw new Rejected({ check: 'fails-rules', tokens: someTokens([...new Set(gaps.map((f) => f.rule))]) });
    const assumptions = answer.assumptions
      .filter((a) => a.length <= ANSWER_LIMITS.assumptionChars)
      .map((a) => sanitize(a, sources))
      .filter((a): a is string => Boolean(a));
    return { text, assumptions };
  }

  const dataOf = (draft: string, findings: readonly Finding[], context?: string, withPlan = false): PromptData => ({
    draft,
    context,
    findings: findings.map(({ rule, quote }) => ({ rule, quote })),
    // The rewrite request carries the rules' plan; a nudge check only judges the findings.
    ...(withPlan && findings.length > 0 ? { plan: summarizePlan(planMessage(draft, { findings: [...findings] }, context)) } : {}),
  });

  return {
    usesModel: true,

    async rewrite(request) {
      const started = performance.now();
      const http = { requests: 0 };
      const rulesFindings = request.analysis.findings;
      /** The rules' rewrite of what is judged a gap: the model's judgement when there is one, else the rules'. */
      const fallback = (outcome?: Outcome, judgement?: Judgement, rejected?: Rejection): RewriteResult => ({
        text: rulesRewrite(request.draft, judgement ? asAnalysis(judgement, rulesFindings) : request.analysis, request.context ? { context: request.context } : {}),
        source: 'rules',
        assumptions: [],
        ...(outcome ? { note: noteOf(outcome) } : {}),
        ...(judgement ? { judgement } : {}),
        ...(rejected ? { rejected } : {}),
      });
      const log = (outcome: Outcome | 'ok', extra: object = {}) =>
        options.logger?.[outcome === 'ok' ? 'info' : 'warn'](
          { event: 'llm_rewrite', outcome, ms: Math.round(performance.now() - started), findings: rulesFindings.length, requests: http.requests, ...extra },
          'AI judgement and rewrite',
        );
      // Not English: the rules did not check it and cannot check a rewrite of it, so no model call either.
      if (request.analysis.language === 'other') return { text: request.draft, source: 'rules', assumptions: [] };
      if (request.draft.length > MAX_DRAFT_CHARS) {
        log('tooLong');
        return fallback('tooLong');
      }
      const who = { team: request.team, user: request.user };
      const allowed = await takeCaps(who, 'user');
      if (allowed !== 'ok') {
        log(allowed);
        return fallback(allowed);
      }

      let answer: JudgeAnswer;
      try {
        const messages = buildJudgeMessages(prompts, dataOf(request.draft, rulesFindings, request.context, true));
        answer = readJudgeAnswer(await complete(messages, judgeFormat, who, 'user', http));
      } catch (error) {
        const { outcome, rejection } = failureOf(error);
        log(outcome, rejection ? { rejected: rejection } : errorFields(error));
        return fallback(outcome, undefined, rejection);
      }

      // Each "why" is cut to its limit, then made safe like any model text (it is shown to the author): one plain line.
      const whyOf = (why: string) => (sanitize(why.slice(0, ANSWER_LIMITS.whyChars), [request.draft]) ?? '').replace(/[<>\n]+/g, ' ').trim();
      const judgement = answer.findings ? judge(request.draft, rulesFindings, answer.findings.map((f) => ({ ...f, why: whyOf(f.why) }))) : undefined;
      const counts = judgement
        ? {
            kept: judgement.findings.filter((f) => f.by === 'rules').length,
            added: judgement.findings.filter((f) => f.by === 'model').length,
            dropped: judgement.dropped.length,
            invalid: judgement.ignored,
          }
        : { judged: false };
      const gaps = judgement ? judgement.findings.length : rulesFindings.length;
      if (gaps === 0) {
        // Nothing to fix, in the model's judgement (or the rules' when it gave none): the draft stands.
        log('ok', counts);
        return { text: request.draft, source: judgement ? 'ai' : 'rules', assumptions: [], ...(judgement ? { judgement } : {}) };
      }
      try {
        const { text, assumptions } = checkRewrite(answer, request, judgement);
        log('ok', counts);
        return { text, source: 'ai', assumptions, ...(judgement ? { judgement } : {}) };
      } catch (error) {
        const { outcome, rejection } = failureOf(error);
        log(outcome, { ...counts, ...(rejection ? { rejected: rejection } : errorFields(error)) });
        // The judgement stands on its own checks (quotes from the draft); only the rewrite is the rules' one.
        return fallback(outcome, judgement, rejection);
      }
    },

    async verifyNudge(draft, findings, context, who = {}) {
      if (findings.length === 0 || draft.length > MAX_DRAFT_CHARS) return [];
      const started = performance.now();
      const http = { requests: 0 };
      const log = (outcome: string, extra: object = {}) =>
        options.logger?.info({ event: 'llm_verify', outcome, ms: Math.round(performance.now() - started), requests: http.requests, ...extra }, 'nudge check');
      // Fail closed: over the cap, on any error, or when in doubt, nothing is confirmed and no nudge is sent.
      const allowed = await takeCaps(who, 'team');
      if (allowed !== 'ok') {
        log(allowed);
        return [];
      }
      try {
        const content = await complete(buildVerifyMessages(prompts, dataOf(draft, findings, context)), verifyFormat, who, 'team', http);
        let raw: unknown;
        try {
          raw = JSON.parse(content);
        } catch {
          throw new Rejected({ check: 'format', tokens: ['json'] });
        }
        const verdicts = (raw as { findings?: unknown })?.findings;
        const parsed = Verdicts.safeParse(Array.isArray(verdicts) ? verdicts.slice(0, ANSWER_LIMITS.findings) : verdicts);
        if (!parsed.success) throw new Rejected({ check: 'format', tokens: ['findings'] });
        // A verdict per finding; a model that answers with its own findings instead confirms the rules it lists
        // (where it quotes, only with words from the draft).
        const confirmed = new Set(
          parsed.data
            .filter((v) => (v.confirmed === undefined ? v.quote === undefined || draft.includes(v.quote.trim()) : v.confirmed))
            .map((v) => v.rule),
        );
        const kept = findings.filter((f) => confirmed.has(f.rule));
        log('ok', { findings: findings.length, confirmed: kept.length });
        return kept;
      } catch (error) {
        const { outcome, rejection } = failureOf(error);
        log(outcome, rejection ? { rejected: rejection } : errorFields(error));
        return [];
      }
    },
  };
}

/** A judgement in the engine's shape, so the rules can rewrite exactly what the model holds to be gaps. */
function asAnalysis(judgement: Judgement, rulesFindings: readonly Finding[]): Analysis {
  const findings: Finding[] = judgement.findings.map(
    (f) =>
      rulesFindings.find((r) => r.rule === f.rule && r.start === f.start && r.end === f.end) ?? {
        rule: f.rule, start: f.start, end: f.end, quote: f.quote, confidence: 1, message: f.why, tip: '',
      },
  );
  return { findings, nudge: false, needsContext: false, language: 'en' };
}
