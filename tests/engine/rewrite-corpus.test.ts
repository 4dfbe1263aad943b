// Properties of the rules' rewrite over every message of ../shared/corpus (train + dev) the engine flags at the report
// point, read the way a person reads a rewrite (scripts/rewrite-checks.ts): whichever messages the rules flag today.
// Skips without ../shared; fails in CI without it (tests/helpers/shared.ts).
import { describe, expect, it } from 'vitest';
import { analyze, rewrite } from '../../src/engine/index.ts';
import { readSharedCorpus } from '../../scripts/corpus.ts';
import { checkRewrite, type RewriteCheck } from '../../scripts/rewrite-checks.ts';
import { hasSharedCorpus } from '../helpers/shared.ts';

const HAS_CORPUS = hasSharedCorpus();

/**
 * Share of flagged corpus messages whose rewrite the rules may still flag. The rewrite reworks a sentence up to a
 * whole-sentence template; what is left is the trained scorer reading senior phrasing as a gap (a request's reply under
 * a demanding context, a decision message with cues in several sentences), listed by `npm run rewrite-stats -- --show`
 * for the engine's owners. Today 12%; the bar catches a rewrite that gets worse, not the scorer's drift.
 */
const STILL_FLAGGED_BAR = 0.15;

describe.skipIf(!HAS_CORPUS)('the rules rewrite over every flagged corpus message', () => {
  const checked = (HAS_CORPUS ? readSharedCorpus().messages : []).flatMap((m) => {
    const options = m.context ? { context: m.context } : {};
    const analysis = analyze(m.text, options);
    if (analysis.findings.length === 0) return [];
    const out = rewrite(m.text, analysis, options);
    return [{ id: m.id, out, check: checkRewrite(m.text, m.context, analysis, out) }];
  });
  const failing = (property: (c: RewriteCheck) => unknown) =>
    checked.filter((x) => property(x.check)).map((x) => `${x.id}: ${JSON.stringify(x.out.slice(0, 160))}`);

  it('flags enough messages for the properties to mean something', () => {
    expect(checked.length).toBeGreaterThan(200);
  });

  it('drops the effort words or hedge a finding quoted ("will do our best", "hopefully")', () => {
    expect(failing((c) => c.hedgesLeft.length)).toEqual([]);
  });

  it('leaves at most 3 placeholders', () => {
    expect(failing((c) => c.placeholders > 3)).toEqual([]);
  });

  it('keeps every number and name of the draft', () => {
    expect(failing((c) => c.numbersLost.length || c.namesLost.length)).toEqual([]);
  });

  it('never contradicts a number it keeps: no new numbers, no "[range]" for an estimate the draft gives', () => {
    expect(failing((c) => c.contradictions.length)).toEqual([]);
  });

  it('stays within about twice the draft (max(2x, 280 characters), the AI rewrite\'s bound)', () => {
    expect(failing((c) => c.overLength)).toEqual([]);
  });

  it('passes the rules: the rules find nothing left at the report point, beside the same context', () => {
    const still = failing((c) => c.stillFlagged.length);
    expect(still.length / checked.length, still.slice(0, 20).join('\n')).toBeLessThanOrEqual(STILL_FLAGGED_BAR);
  });
});
