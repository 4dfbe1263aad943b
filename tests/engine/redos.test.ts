// Every regular expression the engine runs on user text must be free of catastrophic backtracking.
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { PREPARE_PATTERNS } from '../../src/engine/prepare.ts';
import { REWRITE_PATTERNS } from '../../src/engine/rewrite.ts';
import { RULES } from '../../src/engine/rules/index.ts';
import { TEXT_PATTERNS } from '../../src/engine/text.ts';

const groups: Record<string, readonly RegExp[]> = {
  prepare: PREPARE_PATTERNS,
  text: TEXT_PATTERNS,
  rewrite: REWRITE_PATTERNS,
  ...Object.fromEntries(RULES.map((r) => [r.id, r.patterns])),
};

describe('ReDoS', () => {
  it('lists patterns for every rule', () => {
    for (const rule of RULES) expect(rule.patterns.length, rule.id).toBeGreaterThan(0);
  });

  it.each(Object.entries(groups))('every %s pattern is safe per recheck', async (_name, patterns) => {
    const unique = new Map(patterns.map((re) => [`/${re.source}/${re.flags}`, re]));
    const verdicts = await Promise.all(
      [...unique.entries()].map(async ([shown, re]) => {
        const result = await check(re.source, re.flags.replace(/[gy]/g, ''), { timeout: 30_000 });
        return { shown, status: result.status, detail: result.status === 'vulnerable' ? result.complexity : undefined };
      }),
    );
    expect(verdicts.filter((v) => v.status !== 'safe')).toEqual([]);
  }, 120_000);
});
