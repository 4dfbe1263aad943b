// The product bars, read from cross-validated figures (5 folds grouped by source thread, each scored by a model
// trained without it), never from messages the model was trained on. Fails when the engine falls below them.
// The rules' rewrite over the corpus has its own properties in rewrite-corpus.test.ts.
import { describe, expect, it } from 'vitest';
import { readSharedCorpus } from '../../scripts/corpus.ts';
import { crossValidated, scoresOf } from '../../scripts/eval.ts';
import { trainedModelJson, MODEL_FILE } from '../../scripts/train.ts';
import { readFileSync } from 'node:fs';
import { hasSharedCorpus } from '../helpers/shared.ts';

/** Set from `npm run eval`, a little under what it prints, so a real regression fails and noise does not. */
export const BARS = {
  microF1: 0.7,
  curatedMicroF1: 0.82,
  selectedMicroF1: 0.65,
  streamNudgePrecision: 0.7,
  streamCleanNudged: 0.015,
  nudgePrecision: 0.85,
};

describe.skipIf(!hasSharedCorpus())('cross-validated bars', { timeout: 120_000 }, () => {
  const { messages } = readSharedCorpus();
  const cv = crossValidated(messages);
  const kind = (how: string | undefined) => scoresOf(cv.outcomes.filter((o) => o.message.how === how));

  it('reads the whole corpus', () => {
    expect(messages.length).toBeGreaterThanOrEqual(1000);
  });

  it(`micro-F1 >= ${BARS.microF1} overall, ${BARS.curatedMicroF1} on curated, ${BARS.selectedMicroF1} on gap-selected real messages`, () => {
    expect(cv.all.micro.f1).toBeGreaterThanOrEqual(BARS.microF1);
    expect(kind(undefined).micro.f1).toBeGreaterThanOrEqual(BARS.curatedMicroF1);
    expect(kind('selected').micro.f1).toBeGreaterThanOrEqual(BARS.selectedMicroF1);
  });

  it(`nudges are right: >= ${BARS.nudgePrecision} overall, >= ${BARS.streamNudgePrecision} on real streams, <= ${BARS.streamCleanNudged * 100}% of clean stream messages nudged`, () => {
    expect(cv.all.nudges).toBeGreaterThan(0);
    expect(cv.all.nudgePrecision).toBeGreaterThanOrEqual(BARS.nudgePrecision);
    expect(cv.all.streamNudgePrecision).toBeGreaterThanOrEqual(BARS.streamNudgePrecision);
    expect(cv.all.streamCleanNudged).toBeLessThanOrEqual(BARS.streamCleanNudged);
  });

  it('model.json is what the corpus trains, byte for byte (npm run train reproduces it)', () => {
    expect(readFileSync(MODEL_FILE, 'utf8') === trainedModelJson()).toBe(true);
  });
});
