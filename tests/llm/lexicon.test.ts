// The English word list costs the default no-model setup nothing: it is read when a model is configured, not before.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { englishLexicon } from '../../src/llm/lexicon.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Wires the rewriter as main.ts does, in a fresh process, uses it once, and says whether the word list was read. The
 * model rewriter is loaded on its first call (issue 10), so the call is what reads the list; a draft in another
 * language is one the rewriter answers without a request, so no network is needed.
 */
async function loadedWith(apiKey: string | undefined): Promise<boolean> {
  const code = `
    const { createRewriter } = await import('./src/llm/index.ts');
    const { lexiconLoaded } = await import('./src/llm/lexicon.ts');
    const rewriter = createRewriter({ apiKey: ${JSON.stringify(apiKey)}, model: 'm', timeoutMs: 1000, userDailyCap: 1, teamDailyCap: 1, verifyNudges: false });
    await rewriter.rewrite({ draft: 'Vamos a usar Postgres.', analysis: { findings: [], nudge: false, needsContext: false, language: 'other' } });
    console.log(lexiconLoaded());`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT });
  return stdout.trim() === 'true';
}

describe('English word list', () => {
  it('is read only when a model is configured', async () => {
    expect(await loadedWith(undefined)).toBe(false);
    expect(await loadedWith('sk-test')).toBe(true);
  });

  it('holds ordinary words, lower case, and no names', () => {
    const words = englishLexicon();
    for (const word of ['revisit', 'rollback', 'estimate', 'colour', 'color']) expect(words.has(word), word).toBe(true);
    for (const name of ['dana', 'kong', 'kafka', 'redis', 'kubernetes']) expect(words.has(name), name).toBe(false);
  });
});
