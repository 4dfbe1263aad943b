// The product bars on the labelled dev corpus (../shared/corpus/dev.jsonl): fails when the engine falls below them.
import { describe, expect, it } from 'vitest';
import { evaluate, readCorpus } from '../../scripts/eval.ts';
import { devCorpus } from '../helpers/shared.ts';

const BARS = { microF1: 0.85, cleanFlaggedShare: 0.03, nudgePrecision: 0.95 };

const DEV = devCorpus();

describe.skipIf(!DEV)('dev corpus bars', () => {
  const corpus = DEV ? readCorpus(DEV) : [];
  const report = evaluate(corpus);

  it('reads the whole corpus', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
  });

  it(`micro-F1 >= ${BARS.microF1}`, () => {
    expect(report.micro.f1).toBeGreaterThanOrEqual(BARS.microF1);
  });

  it(`clean messages flagged <= ${BARS.cleanFlaggedShare * 100}%`, () => {
    expect(report.cleanFlaggedShare).toBeLessThanOrEqual(BARS.cleanFlaggedShare);
  });

  it(`nudge precision >= ${BARS.nudgePrecision}`, () => {
    expect(report.nudges).toBeGreaterThan(0);
    expect(report.nudgePrecision).toBeGreaterThanOrEqual(BARS.nudgePrecision);
  });

  it('every flagged message has a rewrite that passes the rules and keeps its numbers', () => {
    expect(report.rewrites.checked).toBeGreaterThan(0);
    expect(report.rewrites.failures).toEqual([]);
  });
});
