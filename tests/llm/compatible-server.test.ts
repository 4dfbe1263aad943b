// The rewriter against a real OpenAI-compatible HTTP server on 127.0.0.1, reached through OPENAI_BASE_URL:
// what exactly leaves the process, and that the answer comes back through the same checks.
import { afterEach, describe, expect, it } from 'vitest';
import { loadLlmConfig } from '../../src/config.ts';
import { planMessage, summarizePlan } from '../../src/engine/index.ts';
import { createRewriter } from '../../src/llm/index.ts';
import { rewriteLimit } from '../../src/llm/messages.ts';
import { loadPrompts } from '../../src/llm/prompts.ts';
import { completion, finding, GOOD_REWRITE, request, SURE_CONTEXT, startFakeServer, type FakeServer } from './helpers.ts';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('OpenAI-compatible server via OPENAI_BASE_URL', () => {
  it("sends only the draft, its findings, the rules' plan and the replied-to message, delimited as data", async () => {
    server = await startFakeServer(() => [200, completion({ rewrite: GOOD_REWRITE, assumptions: ['what slips'] })]);
    const llm = loadLlmConfig({ OPENAI_API_KEY: 'local-key', OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'llama3.1:8b' });
    const draft = "sure, we'll try to make it work";
    const sure = finding(draft, 'sure-well-try', "sure, we'll try");
    const result = await createRewriter(llm).rewrite(request(draft, [sure], { context: SURE_CONTEXT, team: 'T0SECRET', user: 'U0SECRET' }));
    expect(result).toEqual({ text: GOOD_REWRITE, source: 'ai', assumptions: ['what slips'] });

    expect(server.requests).toHaveLength(1);
    const { path, headers, body } = server.requests[0]!;
    expect(path).toBe('/v1/chat/completions');
    expect(headers.authorization).toBe('Bearer local-key');
    expect(Object.keys(body).sort()).toEqual(['max_completion_tokens', 'messages', 'model', 'response_format', 'store']);
    expect(body).toMatchObject({
      model: 'llama3.1:8b',
      store: false,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'judge_and_rewrite',
          strict: true,
          schema: { type: 'object', required: ['findings', 'rewrite', 'assumptions'], additionalProperties: false },
        },
      },
    });

    const messages = body.messages as { role: string; content: string }[];
    expect(messages[0]).toEqual({ role: 'system', content: loadPrompts().rewriteSystem });
    expect(messages.slice(1).map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    const plan = summarizePlan(planMessage(draft, { findings: [sure] }, SURE_CONTEXT));
    expect(plan).toContain('takes on a request');
    expect(messages.at(-1)!.content).toBe(
      `<context>\n${SURE_CONTEXT}\n</context>\n<findings>\n- sure-well-try: "sure, we'll try"\n</findings>\n<plan>\n${plan}\n</plan>\n<draft>\n${draft}\n</draft>\n` +
        `Character limit for "rewrite": ${rewriteLimit(draft)}.`,
    );
    // Nothing about who asked, nor the engine's internals, leaves the process.
    const sent = JSON.stringify(body);
    for (const secret of ['T0SECRET', 'U0SECRET', 'confidence', sure.message, sure.tip]) expect(sent).not.toContain(secret);
  });

  it('falls back to the rules when the local server is down', async () => {
    server = await startFakeServer(() => [200, {}]);
    const baseUrl = server.baseUrl;
    await server.close();
    server = undefined;
    const llm = loadLlmConfig({ OPENAI_API_KEY: 'local-key', OPENAI_BASE_URL: baseUrl, LLM_TIMEOUT_MS: '2000' });
    const draft = "sure, we'll try to make it work";
    const result = await createRewriter(llm).rewrite(request(draft, [finding(draft, 'sure-well-try', "sure, we'll try")]));
    expect(result).toMatchObject({ source: 'rules' });
    expect(result.note).toMatch(/rules' rewrite/);
  });
});
