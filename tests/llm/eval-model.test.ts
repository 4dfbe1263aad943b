// `npm run eval:model` (and `npm run eval -- --model`) as a real process against a scripted OpenAI-compatible server:
// the rules alone beside the rules plus the model's judgement, on a small corpus of our own.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { completion, startFakeServer, type FakeServer } from './helpers.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/eval-model.ts', import.meta.url));

const CORPUS = [
  { id: 'a', text: "Sure, we'll try to squeeze SSO in by Friday.", expect: ['sure-well-try'], model: [{ rule: 'sure-well-try', quote: "we'll try to squeeze SSO in" }], rewrite: 'We can ship SSO by Friday or keep [what slips] on track, not both. Which matters more?' },
  { id: 'b', text: 'yeah the search index can move to the new cluster, prob a sprint or so', expect: ['unstated-assumptions'], model: [{ rule: 'unstated-assumptions', quote: 'prob a sprint or so' }], rewrite: 'The search index can move to the new cluster in about a sprint, assuming [what it assumes].' },
  { id: 'c', text: 'Thanks, merged!', expect: [], model: [], rewrite: 'Thanks, merged!' },
  { id: 'd', text: "we tried to squeeze the retry fix into the last release and it slipped a week, so this time I'd keep it for the next one", expect: [], model: [], rewrite: '' },
];

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  return new Promise<{ code: number | null; stdout: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout })));
}

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('eval-model', () => {
  it('scores the rules alone and with the model, and says what the model changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-model-'));
    const file = join(dir, 'corpus.jsonl');
    writeFileSync(file, CORPUS.map(({ id, text, expect }) => JSON.stringify({ id, text, expect })).join('\n'));
    server = await startFakeServer((body) => {
      const last = String((body.messages as { content: string }[]).at(-1)!.content);
      const message = CORPUS.find((m) => last.includes(`<draft>\n${m.text}\n</draft>`))!;
      if ((body.response_format as any).json_schema.name === 'verify_findings') {
        return [200, completion({ findings: message.model.map((f) => ({ rule: f.rule, confirmed: true })) })];
      }
      return [200, completion({ findings: message.model.map((f) => ({ ...f, why: 'w' })), rewrite: message.rewrite, assumptions: [] })];
    });
    const out = await run([file, '--concurrency', '2'], { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: server.baseUrl, OPENAI_MODEL: 'scripted' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`4 messages from ${file}; model scripted`);
    // The scripted model agrees with every label.
    expect(out.stdout).toMatch(/^micro\s+.*  100\.0% 100\.0% 1\.000$/m);
    expect(out.stdout).toMatch(/clean messages flagged .* ->   0\.0%/);
    const rulesFlagged = CORPUS.map((m) => new Set(analyze(m.text).findings.map((f) => f.rule)));
    const added = CORPUS.filter((m, i) => m.model.some((f) => !rulesFlagged[i]!.has(f.rule as never))).length;
    expect(out.stdout).toContain(`added ${added} missed gaps rightly, 0 wrongly`);
    expect(out.stdout).toContain('answers judged         4/4');
    expect(out.stdout).toContain('rewrites accepted      2/2');
    expect(server.requests.length).toBeGreaterThanOrEqual(4);
  });

  it('sends nothing and says so without a key', async () => {
    const out = await run([], {});
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/model eval skipped: OPENAI_API_KEY is not set/);
  });
});
