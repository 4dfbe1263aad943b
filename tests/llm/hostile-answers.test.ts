// A hostile or broken endpoint, over real HTTP on 127.0.0.1: whatever it sends is bounded before anything reads it
// (the HTTP body, then each list and string), so it cannot stall the event loop or get a ping through.
// The stall figures themselves are printed by `npm run bench:llm`; here only a bound no honest run comes near.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createRewriter } from '../../src/llm/index.ts';
import { MAX_SANITIZE_CHARS, sanitize } from '../../src/llm/guard.ts';
import { rewriteLimit } from '../../src/llm/messages.ts';
import { ANSWER_LIMITS, NOTES } from '../../src/llm/openai-rewriter.ts';
import { completion, GOOD_REWRITE, llmConfig, startFakeServer, SURE_CONTEXT, SURE_DRAFT, sureRequest, type FakeServer } from './helpers.ts';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** 80,002 characters: each pass of a one-level-per-pass sanitiser removes one "<!...>" and builds the next. */
const NESTED_PING = `${'<!'.repeat(26_667)}here${'>'.repeat(26_667)}`.slice(0, 80_002);

/** Runs `work` while sampling the event loop; returns its result and the longest stall seen (ms). */
async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ result: T; maxStallMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  try {
    const result = await work();
    // A stall ends in the same turn the work resolves: let the sampling timer fire once more so it is recorded.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { result, maxStallMs: histogram.max / 1e6 };
  } finally {
    histogram.disable();
  }
}

function hostile(answer: (body: Record<string, unknown>) => unknown) {
  return startFakeServer((body) => {
    // A good answer for the concurrent, honest request (its draft is the SSO one); the hostile one for the rest.
    const last = JSON.stringify((body.messages as unknown[]).at(-1));
    return [200, last.includes('honest request') ? completion({ rewrite: GOOD_REWRITE, assumptions: [] }) : answer(body)];
  });
}

describe('a hostile endpoint', () => {
  it('sends an 80,000-character nested ping: refused by the length limit before the sanitiser sees it; the loop keeps turning', async () => {
    expect(NESTED_PING).toHaveLength(80_002);
    // The sanitiser never takes text this long: had the rewriter handed it over, this would have thrown.
    expect(() => sanitize(NESTED_PING, [SURE_DRAFT])).toThrow(RangeError);
    server = await hostile(() => completion({ findings: [{ rule: 'sure-well-try', quote: "sure, we'll try", why: NESTED_PING }], rewrite: NESTED_PING, assumptions: [NESTED_PING] }));
    const rewriter = createRewriter(llmConfig({ baseUrl: server.baseUrl }));
    const honest = sureRequest({ context: `${SURE_CONTEXT} (honest request)` });
    const { result, maxStallMs } = await withLoopDelay(() => Promise.all([rewriter.rewrite(sureRequest()), rewriter.rewrite(honest)]));
    const [refused, answered] = result;
    expect(refused).toMatchObject({
      source: 'rules',
      note: NOTES.rejected,
      rejected: { check: 'length', chars: 80_002, limit: rewriteLimit(SURE_DRAFT) },
    });
    // The model's judgement stands on its own (its quote is the draft's), with its "why" cut and made safe.
    expect(refused.judgement?.findings[0]?.why.length).toBeLessThanOrEqual(ANSWER_LIMITS.whyChars);
    expect(JSON.stringify(refused)).not.toMatch(/<!/);
    expect(answered).toMatchObject({ source: 'ai', text: GOOD_REWRITE });
    expect(maxStallMs).toBeLessThan(1_000); // it was 10.3 s before the limits; the bench prints the real figure
  });

  it('nests pings within the limit: refused as markup after a bounded number of passes', async () => {
    const nested = `${'<!'.repeat(40)}here${'>'.repeat(40)} ${GOOD_REWRITE}`;
    expect(nested.length).toBeLessThan(MAX_SANITIZE_CHARS);
    server = await hostile(() => completion({ rewrite: nested, assumptions: [] }));
    const result = await createRewriter(llmConfig({ baseUrl: server.baseUrl })).rewrite(sureRequest());
    expect(result).toMatchObject({ source: 'rules', rejected: { check: 'markup' } });
  });

  it('sends a million assumptions (17 MB): the body is cut at its byte limit and never parsed', async () => {
    const assumptions = Array.from({ length: 1_000_000 }, () => 'what slips here');
    const body = JSON.stringify(completion({ rewrite: GOOD_REWRITE, assumptions })); // built before the loop is watched
    expect(body.length).toBeGreaterThan(17_000_000);
    server = await hostile(() => body);
    const rewriter = createRewriter(llmConfig({ baseUrl: server.baseUrl }));
    const { result, maxStallMs } = await withLoopDelay(() => rewriter.rewrite(sureRequest()));
    expect(result).toMatchObject({ source: 'rules', note: NOTES.rejected, rejected: { check: 'response-size', limit: ANSWER_LIMITS.responseBytes } });
    expect(server.requests).toHaveLength(1); // not retried
    expect(maxStallMs).toBeLessThan(1_000); // 1.8 s before
  });

  it('sends thousands of findings and assumptions inside the byte limit: only the first few are read', async () => {
    const findings = Array.from({ length: 3_000 }, () => ({ rule: 'no-next-step', quote: 'nope', why: '' }));
    const assumptions = Array.from({ length: 3_000 }, (_, i) => `slip ${'abcdefghij'[i % 10]}`);
    server = await hostile(() => completion({ findings: [{ rule: 'sure-well-try', quote: "sure, we'll try", why: 'Effort words.' }, ...findings], rewrite: GOOD_REWRITE, assumptions }));
    const lines: unknown[] = [];
    const logger = { info: (...args: unknown[]) => lines.push(args), warn: (...args: unknown[]) => lines.push(args) };
    const result = await createRewriter(llmConfig({ baseUrl: server.baseUrl }), { logger }).rewrite(sureRequest());
    expect(result.source).toBe('ai');
    expect(result.assumptions).toHaveLength(ANSWER_LIMITS.assumptions);
    expect(JSON.stringify(lines)).toContain(`"invalid":${ANSWER_LIMITS.findings - 1}`);
  });
});

describe('caps over real HTTP', () => {
  it("count the SDK's retry as a request of its own", async () => {
    const { openSqliteStore } = await import('../../src/store/index.ts');
    const store = openSqliteStore(':memory:');
    try {
      let first = true;
      server = await startFakeServer(() => {
        if (first) {
          first = false;
          return [500, { error: { message: 'boom' } }];
        }
        return [200, completion({ rewrite: GOOD_REWRITE, assumptions: [] })];
      });
      const rewriter = createRewriter(llmConfig({ baseUrl: server.baseUrl, teamDailyCap: 1 }), { store });
      expect(await rewriter.rewrite(sureRequest({ team: 'T1', user: 'U1' }))).toMatchObject({ source: 'rules', note: NOTES.cap });
      expect(server.requests).toHaveLength(1); // the retry was never sent
    } finally {
      await store.close();
    }
  });
});
