// Every regular expression the bot runs on user or model text (the engine, and the guard on model output) must be
// free of catastrophic backtracking.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { check, type Parameters } from 'recheck';
import { describe, expect, it } from 'vitest';
import { PREPARE_PATTERNS } from '../../src/engine/prepare.ts';
import { REWRITE_PATTERNS } from '../../src/engine/rewrite.ts';
import { RULES } from '../../src/engine/rules/index.ts';
import { TEXT_PATTERNS } from '../../src/engine/text.ts';
import { GUARD_PATTERNS } from '../../src/llm/guard.ts';

const OWNERS: Record<string, readonly RegExp[]> = {
  prepare: PREPARE_PATTERNS,
  text: TEXT_PATTERNS,
  rewrite: REWRITE_PATTERNS,
  'llm guard': GUARD_PATTERNS,
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

// A verdict depends only on the pattern, recheck's version and PARAMS, so it is cached (outside git) to keep
// repeated local runs fast; a fresh checkout or CI computes every verdict.
const CACHE_DIR = new URL('../../node_modules/.cache/redos-verdicts/', import.meta.url);
const RECHECK_VERSION = (createRequire(import.meta.url)('recheck/package.json') as { version: string }).version;

async function verdict(re: RegExp): Promise<{ status: string; detail: string }> {
  const flags = re.flags.replace(/[gy]/g, '');
  const key = createHash('sha256').update(JSON.stringify([RECHECK_VERSION, PARAMS, re.source, flags])).digest('hex');
  const file = new URL(`${key}.json`, CACHE_DIR);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { status: string; detail: string };
  } catch {
    // not cached yet
  }
  const result = await check(re.source, flags, PARAMS);
  const found = {
    status: result.status,
    detail: result.status === 'vulnerable' ? `${result.complexity.summary}; attack ${result.attack.pattern}` : '',
  };
  if (found.status !== 'unknown') {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify(found));
  }
  return found;
}

describe('ReDoS', () => {
  it('lists patterns for every rule', () => {
    for (const rule of RULES) expect(rule.patterns.length, rule.id).toBeGreaterThan(0);
  });

  // One check at a time: the checker is CPU-heavy and the machine is shared.
  it.each([...patterns.entries()].map(([key, { re, owners }]) => [owners.join(', '), key.slice(0, 80), re] as const))(
    '%s: %s is safe per recheck',
    async (_owners, _shown, re) => {
      expect(await verdict(re)).toEqual({ status: 'safe', detail: '' });
    },
    120_000,
  );
});
