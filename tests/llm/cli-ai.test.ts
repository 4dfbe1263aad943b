// `coach --ai` as a real process against a local OpenAI-compatible server: it uses the model when it answers,
// and still prints the rules' rewrite within the deadline when it never does.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze, rewrite } from '../../src/engine/index.ts';
import { NOTES } from '../../src/llm/openai-rewriter.ts';
import { completion, GOOD_REWRITE, startFakeServer, SURE_CONTEXT, SURE_DRAFT, type FakeServer } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../src/cli/coach.ts', import.meta.url));

function runCli(args: string[], env: Record<string, string>) {
  // Only what the CLI needs: no OPENAI_* or LLM_* from the developer's shell.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string; exitedAt: number }>((resolve) => {
    child.on('close', (code) => resolve({ code, stdout, stderr, exitedAt: performance.timeOrigin + performance.now() }));
  });
}

const rulesRewrite = rewrite(SURE_DRAFT, analyze(SURE_DRAFT, { context: SURE_CONTEXT }), { context: SURE_CONTEXT });

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('coach --ai', () => {
  it('prints the model rewrite with rewriteSource "ai"', async () => {
    server = await startFakeServer(() => [200, completion({ rewrite: GOOD_REWRITE, assumptions: [] })]);
    const out = await runCli(['--ai', '--json', '-c', SURE_CONTEXT, SURE_DRAFT], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ rewrite: GOOD_REWRITE, rewriteSource: 'ai' });
    expect(server.requests).toHaveLength(1);
  });

  it('prints the rules rewrite within the deadline when the endpoint never answers', async () => {
    server = await startFakeServer(() => undefined);
    const deadline = 500;
    const out = await runCli(['--ai', '--json', '-c', SURE_CONTEXT, SURE_DRAFT], {
      OPENAI_API_KEY: 'k',
      OPENAI_BASE_URL: server.baseUrl,
      LLM_TIMEOUT_MS: String(deadline),
    });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ rewrite: rulesRewrite, rewriteSource: 'rules', rewriteNote: NOTES.timeout });
    expect(server.requests.length).toBeGreaterThanOrEqual(1);
    // From the model request to the process exit: the deadline plus printing and exiting.
    expect(out.exitedAt - server.requests[0]!.at).toBeLessThan(deadline + 1_000);
  });

  it('says on stderr that there is no key, and uses the rules', async () => {
    const out = await runCli(['--ai', '--json', '-c', SURE_CONTEXT, SURE_DRAFT], {});
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/OPENAI_API_KEY is not set/);
    expect(JSON.parse(out.stdout)).toMatchObject({ rewrite: rulesRewrite, rewriteSource: 'rules' });
  });

  it('rejects a bad LLM setting, naming it', async () => {
    const out = await runCli(['--ai', SURE_DRAFT], { OPENAI_API_KEY: 'k', LLM_TIMEOUT_MS: '60000' });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/LLM_TIMEOUT_MS must be at most 10000/);
  });
});

describe('coach --ai: the model judges', () => {
  const DRAFT = 'yeah the search index can move to the new cluster, prob a sprint or so';
  const judged = (rewrite: string) =>
    completion({ findings: [{ rule: 'unstated-assumptions', quote: 'prob a sprint or so', why: 'A loose estimate.' }], rewrite, assumptions: [] });

  it('--json carries its judgement of a draft the rules found clean', async () => {
    const rewrite = 'The search index can move to the new cluster in about a sprint, assuming [what it assumes].';
    server = await startFakeServer(() => [200, judged(rewrite)]);
    const out = await runCli(['--ai', '--json', DRAFT], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl });
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({ findings: [], rewrite, rewriteSource: 'ai' });
    expect(result.judgement).toEqual({
      findings: [{ rule: 'unstated-assumptions', start: DRAFT.indexOf('prob'), end: DRAFT.length, quote: 'prob a sprint or so', why: 'A loose estimate.', by: 'model' }],
      dropped: [],
      ignored: 0,
    });
  });

  it('--json says which check refused the rewrite and which words', async () => {
    server = await startFakeServer(() => [200, judged('The search index moves to the new cluster in four weeks; ask dana.')]);
    const out = await runCli(['--ai', '--json', DRAFT], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl });
    expect(JSON.parse(out.stdout)).toMatchObject({
      rewriteSource: 'rules',
      rewriteNote: NOTES.rejected,
      rewriteRejected: { check: 'invented-facts', tokens: ['four', 'dana'] },
      judgement: { findings: [{ by: 'model' }] },
    });
  });

  it('prints the findings it added and dropped as its own', async () => {
    const rewrite = 'The search index can move to the new cluster in about a sprint, assuming [what it assumes].';
    server = await startFakeServer(() => [200, judged(rewrite)]);
    const out = await runCli(['--ai', DRAFT], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl });
    expect(out.stdout).toContain('"prob a sprint or so" [unstated-assumptions] (found by AI)');
    expect(out.stdout).toContain('Rewrite (AI):');

    await server.close();
    server = await startFakeServer(() => [200, completion({ findings: [], rewrite: SURE_DRAFT, assumptions: [] })]);
    const dropped = await runCli(['--ai', '-c', SURE_CONTEXT, SURE_DRAFT], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl });
    expect(dropped.stdout).toMatch(/^Reads clearly: nothing to coach\.\n\nThe AI judged these fine here:\n {3}"[^"]+" \[sure-well-try\]\n$/);
  });
});
