// The few-shot examples teach the model what a good rewrite is, so they must agree with the engine:
// each draft is flagged for the rules it names, and each rewrite passes the rules and the output guard.
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { inventedFacts, sanitize } from '../../src/llm/guard.ts';
import { englishLexicon } from '../../src/llm/lexicon.ts';
import { loadPrompts, PROMPTS_DIR, PromptFileError } from '../../src/llm/prompts.ts';
import { DEFAULT_CORPUS, readCorpus } from '../../scripts/eval.ts';
import { MAX_PROMPT_TOKENS, worstCasePromptTokens } from '../../scripts/prompt-tokens.ts';

const { examples } = loadPrompts();
const label = (e: (typeof examples)[number]) => `${e.rules.join('+')}: ${e.draft}`;
const contextOf = (e: (typeof examples)[number]) => (e.context ? { context: e.context } : {});

describe('prompt examples', () => {
  it('cover every rule', () => {
    expect(new Set(examples.flatMap((e) => e.rules)).size).toBe(5);
  });

  it.each(examples.map((e) => [label(e), e] as const))('draft is flagged for its rules (%s)', (_label, example) => {
    const flagged = analyze(example.draft, contextOf(example)).findings.map((f) => f.rule);
    expect(flagged).toEqual(expect.arrayContaining(example.rules));
  });

  it.each(examples.map((e) => [label(e), e] as const))('rewrite passes the rules and the guard (%s)', (_label, example) => {
    expect(analyze(example.rewrite, contextOf(example)).findings).toEqual([]);
    const sources = [example.draft, example.context ?? ''];
    expect(sanitize(example.rewrite, sources)).toBe(example.rewrite);
    expect(inventedFacts(example.rewrite, { sources, lexicon: englishLexicon() })).toEqual([]);
    expect(example.rewrite.length).toBeLessThanOrEqual(Math.max(2 * example.draft.length, 1500));
  });
});

describe('prompt size', () => {
  it(`stays within ${MAX_PROMPT_TOKENS} tokens at the input limits (all five rules, longest draft and context)`, () => {
    expect(worstCasePromptTokens(readCorpus(DEFAULT_CORPUS))).toBeLessThanOrEqual(MAX_PROMPT_TOKENS);
  });
});

describe('loadPrompts', () => {
  const copyPrompts = () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    for (const file of ['rewrite.system.md', 'verify.system.md', 'examples.json']) copyFileSync(join(PROMPTS_DIR, file), join(dir, file));
    return dir;
  };

  it.each([
    ['examples.json', '[{"draft": "x", "rules": ["not-a-rule"], "rewrite": "y", "assumptions": []}]', /examples\.json: .*rules/],
    ['examples.json', '[{"draft": "x", "rules": ["sure-well-try"], "rewrite": "y"}]', /examples\.json: .*assumptions/],
    ['examples.json', '{ not json', /examples\.json: not valid JSON/],
    ['examples.json', '[]', /examples\.json: /],
    ['rewrite.system.md', '   \n', /rewrite\.system\.md: is empty/],
  ])('names the bad file (%s: %s)', (file, content, message) => {
    const dir = copyPrompts();
    writeFileSync(join(dir, file), content);
    expect(() => loadPrompts(dir)).toThrow(PromptFileError);
    expect(() => loadPrompts(dir)).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadPrompts(join(tmpdir(), 'no-such-prompts-dir'))).toThrow(/rewrite\.system\.md: cannot read \(ENOENT\)/);
  });
});
