// Every regular expression the engine runs on user text must be free of catastrophic backtracking.
import { check, type Parameters } from 'recheck';
import { describe, expect, it } from 'vitest';
import { PREPARE_PATTERNS } from '../../src/engine/prepare.ts';
import { REWRITE_PATTERNS } from '../../src/engine/rewrite.ts';
import { RULES } from '../../src/engine/rules/index.ts';
import { TEXT_PATTERNS } from '../../src/engine/text.ts';

const OWNERS: Record<string, readonly RegExp[]> = {
  prepare: PREPARE_PATTERNS,
  text: TEXT_PATTERNS,
  rewrite: REWRITE_PATTERNS,
  ...Object.fromEntries(RULES.map((r) => [r.id, r.patterns])),
};

// Each distinct pattern once (rules share the text helpers), with everyone who uses it.
const patterns = new Map<string, { re: RegExp; owners: string[] }>();
for (const [owner, list] of Object.entries(OWNERS)) {
  for (const re of list) {
    const key = `/${re.source}/${re.flags}`;
    const entry = patterns.get(key) ?? { re, owners: [] };
    if (!entry.owners.includes(owner)) entry.owners.push(owner);
    patterns.set(key, entry);
  }
}

// Deterministic verdicts: a fixed fuzzing seed and no wall-clock limits (those vary with machine load);
// the step limits keep each check bounded.
const PARAMS: Parameters = {
  randomSeed: 0,
  timeout: null,
  attackTimeout: null,
  incubationTimeout: null,
  recallTimeout: null,
  seedingTimeout: null,
};

describe('ReDoS', () => {
  it('lists patterns for every rule', () => {
    for (const rule of RULES) expect(rule.patterns.length, rule.id).toBeGreaterThan(0);
  });

  // One check at a time: the checker is CPU-heavy and the machine is shared.
  it.each([...patterns.entries()].map(([key, { re, owners }]) => [owners.join(', '), key.slice(0, 80), re] as const))(
    '%s: %s is safe per recheck',
    async (_owners, _shown, re) => {
      const result = await check(re.source, re.flags.replace(/[gy]/g, ''), PARAMS);
      const detail = result.status === 'vulnerable' ? `${result.complexity.summary}; attack ${result.attack.pattern}` : '';
      expect({ status: result.status, detail }).toEqual({ status: 'safe', detail: '' });
    },
    120_000,
  );
});
