// Every regular expression in src/ is free of catastrophic backtracking, or is a known engine debt listed below.
// The patterns come from the source itself (tests/helpers/regex-inventory.ts: every literal, wherever it is, and
// every `new RegExp` as it is built), so a new inline pattern cannot escape. Verdicts: tests/helpers/regex-check.ts.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Inventory } from './helpers/regex-inventory.ts';
import { probeProblem, redosProblem, structuralProblem } from './helpers/regex-check.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INVENTORY = fileURLToPath(new URL('./helpers/regex-inventory.ts', import.meta.url));

/** Runs the inventory in its own process (it wraps the global RegExp while importing every module). */
async function inventoryOf(dir: string): Promise<Inventory> {
  const { stdout } = await promisify(execFile)(process.execPath, [INVENTORY, dir], { cwd: ROOT, maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as Inventory;
}

describe('ReDoS', () => {
  it('the check rejects planted patterns, inline literals and late-built ones alike', async () => {
    const planted = await inventoryOf('tests/fixtures/redos-planted');
    const verdicts = Object.fromEntries(planted.patterns.map((p) => [`/${p.source}/${p.flags}`, redosProblem(p.source, p.flags)]));
    expect(verdicts['/^(a+)+$/']).toMatch(/exponential backtracking/);
    expect(verdicts['/[\\s,]+$/']).toMatch(/quadratic scan/);
    expect(planted.unseen).toEqual(['tests/fixtures/redos-planted/planted.ts:9']);
    // Each layer fails on its own: the structural proof, and the 40,000-character probes.
    for (const source of ['^(a+)+$', '[\\s,]+$']) {
      expect(structuralProblem(source, ''), source).toBeDefined();
      expect(probeProblem(source, ''), source).toMatch(/ms of CPU/);
    }
    // ... and passes their linear forms: the same run anchored where it starts, the walk back done by the code.
    expect(redosProblem('^[\\s,]+', '')).toBeUndefined();
    expect(redosProblem('^a+$', '')).toBeUndefined();
  });

  it('every pattern in src/ is safe', async () => {
    const { files, patterns, unseen } = await inventoryOf('src');
    expect(files).toBeGreaterThan(40);
    expect(patterns.length).toBeGreaterThan(50); // the inventory found them (the engine reads tokens, not regexes)
    expect(unseen, 'RegExp built where the check cannot see it: build it once at module level').toEqual([]);
    const problems: string[] = [];
    for (const { source, flags, sites } of patterns) {
      const key = `/${source}/${flags}`;
      const problem = redosProblem(source, flags);
      if (problem) problems.push(`${sites.join(', ')}: ${key.slice(0, 120)} - ${problem}`);
    }
    expect(problems).toEqual([]);
  }, 60_000);
});
