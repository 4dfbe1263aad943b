// Shared by the llm tests: OpenAI-shaped response bodies, a config, requests with real-looking findings, and a
// local OpenAI-compatible HTTP server.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../../src/config.ts';
import type { Analysis, Finding, RuleId } from '../../src/engine/index.ts';
import type { RewriteRequest } from '../../src/llm/types.ts';

/** A chat completion whose message content is `content` (a string is sent as is, anything else as JSON). */
export function completion(content: unknown, extra: { refusal?: string; finish_reason?: string } = {}) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [
      {
        index: 0,
        finish_reason: extra.finish_reason ?? 'stop',
        logprobs: null,
        message: {
          role: 'assistant',
          content: extra.refusal ? null : typeof content === 'string' ? content : JSON.stringify(content),
          refusal: extra.refusal ?? null,
        },
      },
    ],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

export function llmConfig(overrides: Partial<Config['llm']> = {}): Config['llm'] {
  return {
    apiKey: 'sk-test-key',
    baseUrl: 'https://api.openai.com/v1',
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
    userDailyCap: 20,
    teamDailyCap: 500,
    verifyNudges: false,
    ...overrides,
  };
}

/** A finding on the first occurrence of `quote` in `draft` (built by hand: the request carries what the caller saw). */
export function finding(draft: string, rule: RuleId, quote: string): Finding {
  const start = draft.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the draft`);
  return { rule, start, end: start + quote.length, quote, confidence: 0.9, message: `"${quote}"`, tip: 'Name the cost.' };
}

export function request(draft: string, findings: Finding[], extra: Partial<RewriteRequest> = {}): RewriteRequest {
  const analysis: Analysis = { findings, nudge: findings.length > 0, needsContext: false, language: 'en' };
  return { draft, analysis, ...extra };
}

export const SURE_DRAFT = "sure, we'll try to make it work";
export const SURE_CONTEXT = 'can you also add SSO to this release?';
export const sureRequest = (extra: Partial<RewriteRequest> = {}) =>
  request(SURE_DRAFT, [finding(SURE_DRAFT, 'sure-well-try', "sure, we'll try")], { context: SURE_CONTEXT, ...extra });
/** A senior-shaped answer to sureRequest (also the first example in prompts/examples.json). */
export const GOOD_REWRITE =
  'We can add SSO or ship the rest of the release scope on time, not both: SSO pushes [what slips] back by [how long]. Which matters more?';

export interface FakeServer {
  /** The OpenAI-compatible base URL, e.g. http://127.0.0.1:PORT/v1 */
  baseUrl: string;
  requests: { path: string; headers: IncomingHttpHeaders; body: Record<string, unknown>; at: number }[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible server on 127.0.0.1 (like Ollama, vLLM or LM Studio). `answer` returns [status, body] (a
 * string body is sent as it is, anything else as JSON); returning undefined leaves the request hanging (until close()).
 */
export async function startFakeServer(answer: (body: Record<string, unknown>) => [number, unknown] | undefined): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    requests.push({ path: req.url ?? '', headers: req.headers, body, at: performance.timeOrigin + performance.now() });
    const reply = answer(body);
    if (!reply) return;
    res.writeHead(reply[0], { 'content-type': 'application/json' }).end(typeof reply[1] === 'string' ? reply[1] : JSON.stringify(reply[1]));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
