// The CLI end to end, as a user or the evaluation harness runs it: a real process, real stdin/stdout.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/cli/coach.ts';
import type { Rewriter } from '../../src/llm/types.ts';
import { NUDGED } from '../helpers/examples.ts';

const ROOT = new URL('../..', import.meta.url).pathname;
const COACH = 'src/cli/coach.ts';
const SSO = "Sure, we'll try to squeeze SSO in by Friday.";

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { FORCE_COLOR: _f, NO_COLOR: _n, ...base } = process.env;
  return spawn(process.execPath, [COACH, ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function run(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}) {
  const child = start(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(stdin);
  const [code] = (await once(child, 'close')) as [number];
  return { code, stdout, stderr };
}

describe('coach --jsonl', () => {
  it('writes exactly one line per input line, in order, with an error line for a bad one', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: NUDGED }), // nudges on its own (SSO is reported, but waits for a demanding parent)
      '{not json',
      JSON.stringify({ id: 'b', text: 'sure!', context: 'want to grab coffee?' }),
      JSON.stringify({ id: 'c', text: 42 }),
      '',
      JSON.stringify({ id: 7, text: 'Merged, thanks!' }),
    ].join('\n');
    const { code, stdout } = await run(['--jsonl'], input + '\n');
    const lines = stdout.split('\n').filter(Boolean);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(lines).toHaveLength(5); // the blank line is not an input
    const out = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual(['a', null, 'b', 'c', 7]);
    // The stable contract; rewriteSource says who wrote the rewrite (always the rules without --ai).
    expect(out[0]).toMatchObject({ id: 'a', nudge: true, rewriteSource: 'rules' });
    expect(Object.keys(out[0]!)).toEqual(expect.arrayContaining(['findings', 'id', 'nudge', 'rewrite']));
    expect(out[1]).toEqual({ id: null, error: 'not valid JSON' });
    expect(out[3]).toMatchObject({ id: 'c', error: expect.stringContaining('text') });
    expect(out[4]).toMatchObject({ id: 7, findings: [], nudge: false, rewrite: 'Merged, thanks!' });
    for (const o of [out[0]!, out[2]!]) {
      expect(Array.isArray(o.findings)).toBe(true);
      expect(typeof o.nudge).toBe('boolean');
      expect(typeof o.rewrite).toBe('string');
    }
    expect(code).toBe(1); // some lines were bad; every line still got its answer
  });

  it('uses the context line by line', async () => {
    const { stdout } = await run(['--jsonl'], [
      JSON.stringify({ id: 'deadline', text: "sure, we'll try", context: 'can you also add SSO by Friday?' }),
      JSON.stringify({ id: 'coffee', text: 'sure!', context: 'want to grab coffee?' }),
    ].join('\n'));
    const [deadline, coffee] = stdout.trim().split('\n').map((l) => JSON.parse(l) as { findings: unknown[] });
    expect(coffee!.findings).toEqual([]);
    expect(deadline!.findings.length).toBeGreaterThan(0);
  });

  it('streams: answers a line before stdin is closed', async () => {
    const child = start(['--jsonl']);
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    child.stdin.write(JSON.stringify({ id: 1, text: SSO }) + '\n');
    const first = await lines.next();
    expect(JSON.parse(first.value as string)).toMatchObject({ id: 1 });
    child.stdin.end(JSON.stringify({ id: 2, text: 'thanks' }) + '\n');
    const second = await lines.next();
    expect(JSON.parse(second.value as string)).toMatchObject({ id: 2 });
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
  });
});

describe('runBatch', () => {
  it('answers a message whose rewrite fails with an error line and goes on', async () => {
    const flaky: Rewriter = {
      usesModel: false,
      async rewrite({ draft }) {
        if (draft.includes('boom')) throw new TypeError('rewriter broke');
        return { text: draft, source: 'rules', assumptions: [] };
      },
    };
    const lines: string[] = [];
    const input = Readable.from([
      JSON.stringify({ id: 1, text: 'boom, secret draft text' }) + '\n',
      JSON.stringify({ id: 2, text: 'thanks!' }) + '\n',
    ]);
    const bad = await runBatch(input, async (line) => void lines.push(line), flaky);
    expect(bad).toBe(1);
    expect(lines.map((l) => JSON.parse(l) as { id: number; error?: string })).toEqual([
      { id: 1, error: 'could not coach this message: TypeError' },
      expect.objectContaining({ id: 2, rewrite: 'thanks!' }),
    ]);
    expect(lines[0]).not.toContain('secret');
  });
});

describe('coach --json and human mode', () => {
  it('--json prints one object with findings, nudge and rewrite', async () => {
    const { code, stdout } = await run(['--json', SSO]);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout) as { findings: { rule: string; quote: string }[]; nudge: boolean; rewrite: string };
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['findings', 'nudge', 'rewrite']));
    expect(result.findings.map((f) => f.rule)).toContain('sure-well-try');
    for (const f of result.findings) expect(SSO).toContain(f.quote);
    expect(result.rewrite).toContain('[what gets cut]');
  });

  it('prints findings, why, tip and the rewrite, with no color when piped', async () => {
    const { code, stdout } = await run([SSO]);
    expect(code).toBe(0);
    expect(stdout).toContain('sure-well-try');
    expect(stdout).toContain('Try:');
    expect(stdout).toContain('Rewrite:');
    expect(stdout).not.toContain('\u001b[');
  });

  it('colors when forced (as on a terminal)', async () => {
    const { stdout } = await run([SSO], '', { FORCE_COLOR: '1' });
    expect(stdout).toContain('\u001b[');
  });

  it('reads the draft from stdin and takes --context', async () => {
    const coffee = await run(['--context', 'want to grab coffee?'], 'sure!\n');
    expect(coffee.stdout).toContain('nothing to coach');
    const deadline = await run(['--json', '--context', 'can you also add SSO by Friday?'], "sure, we'll try\n");
    expect((JSON.parse(deadline.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('says a draft in another language was not checked, in human and --json mode', async () => {
    const draft = 'Ya lo arreglo mañana, no te preocupes por eso.';
    const human = await run([draft]);
    expect(human.stdout).toBe('Not checked: the coach reads English.\n');
    const json = JSON.parse((await run(['--json', draft])).stdout) as { findings: unknown[]; language: string; rewrite: string };
    expect(json).toMatchObject({ findings: [], language: 'other', rewrite: draft });
    expect(JSON.parse((await run(['--json', 'Thanks, merged!'])).stdout)).toMatchObject({ language: 'en' });
  });

  it('answers bad usage with a message on stderr and exit 2', async () => {
    const unknown = await run(['--nope', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--nope');
    expect(unknown.stdout).toBe('');
    const empty = await run([], '   \n');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('empty');
  });

  it('--help prints usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--jsonl');
  });
});
