// The few-shot examples teach the model what a good rewrite is, so they must agree with the engine:
// each draft is flagged for the rules it names, and each rewrite passes the rules and the output guard.
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { inventedFacts, sanitize } from '../../src/llm/guard.ts';
import { englishLexicon } from '../../src/llm/lexicon.ts';
import { rewriteLimit } from '../../src/llm/messages.ts';
import { loadPrompts, PROMPTS_DIR, PromptFileError } from '../../src/llm/prompts.ts';
import { readCorpus } from '../../scripts/corpus.ts';
import { devCorpus } from '../helpers/shared.ts';
import { MAX_PROMPT_TOKENS, worstCasePromptTokens } from '../../scripts/prompt-tokens.ts';

const { examples, rewriteSystem } = loadPrompts();
const lexicon = englishLexicon();
type Example = (typeof examples)[number];
const rulesOf = (e: Example) => e.findings.map((f) => f.rule);
const label = (e: Example) => `${rulesOf(e).join('+') || 'clean'}: ${e.draft}`;
const contextOf = (e: Example) => (e.context ? { context: e.context } : {});

describe('prompt examples', () => {
  it('teach every rule, a finding the rules got wrong and a gap they missed', () => {
    expect(new Set(examples.flatMap(rulesOf)).size).toBe(5);
    expect(examples.some((e) => e.flagged.length > 0 && e.findings.length === 0)).toBe(true);
    expect(examples.some((e) => e.flagged.length === 0 && e.findings.length > 0)).toBe(true);
  });

  it.each(examples.map((e) => [label(e), e] as const))('quotes the draft exactly (%s)', (_label, example) => {
    for (const f of [...example.flagged, ...example.findings]) expect(example.draft).toContain(f.quote);
  });

  it.each(examples.map((e) => [label(e), e] as const))('rewrite passes the rules, the guard and the limit (%s)', (_label, example) => {
    const sources = [example.draft, example.context ?? ''];
    if (example.findings.length === 0) {
      expect(example.rewrite).toBe(example.draft); // nothing to fix: the draft unchanged
      return;
    }
    expect(analyze(example.rewrite, contextOf(example)).findings).toEqual([]);
    expect(sanitize(example.rewrite, sources)).toBe(example.rewrite);
    expect(inventedFacts(example.rewrite, { sources, instructions: rewriteSystem, lexicon })).toEqual([]);
    expect(example.rewrite.length).toBeLessThanOrEqual(rewriteLimit(example.draft));
  });
});

const DEV = devCorpus();

describe.skipIf(!DEV)('prompt size', () => {
  it(`stays within ${MAX_PROMPT_TOKENS} tokens at the input limits (all five rules, longest draft and context)`, () => {
    expect(worstCasePromptTokens(readCorpus(DEV!))).toBeLessThanOrEqual(MAX_PROMPT_TOKENS);
  });
});

describe('loadPrompts', () => {
  const copyPrompts = () => {
    const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
    for (const file of ['rewrite.system.md', 'verify.system.md', 'examples.json']) copyFileSync(join(PROMPTS_DIR, file), join(dir, file));
    return dir;
  };

  it.each([
    ['examples.json', '[{"draft": "x", "flagged": [{"rule": "not-a-rule", "quote": "x"}], "findings": [], "rewrite": "y", "assumptions": []}]', /examples\.json: .*rule/],
    ['examples.json', '[{"draft": "x", "flagged": [], "findings": [], "rewrite": "y"}]', /examples\.json: .*assumptions/],
    ['examples.json', '[{"draft": "x", "flagged": [], "findings": [{"rule": "no-next-step", "quote": "not in it", "why": "w"}], "rewrite": "y", "assumptions": []}]', /examples\.json: .*copied exactly/],
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
