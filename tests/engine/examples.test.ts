// What the other tests assume about their messages (tests/helpers/examples.ts), checked against the engine itself.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { CLEAN, DEMANDING_PARENT, FLAGGED, FLAGGED_RULE, NUDGED, NUDGED_RULE } from '../helpers/examples.ts';

describe('the test messages read as the tests assume', () => {
  it('NUDGED nudges on its own, for its rule', () => {
    const a = analyze(NUDGED);
    expect(a.nudge).toBe(true);
    expect(a.findings.map((f) => f.rule)).toContain(NUDGED_RULE);
  });

  it('FLAGGED is reported but waits for a demanding parent before it nudges', () => {
    const alone = analyze(FLAGGED);
    expect(alone.findings.map((f) => f.rule)).toContain(FLAGGED_RULE);
    expect(alone.nudge).toBe(false);
    expect(alone.needsContext).toBe(true);
    expect(analyze(FLAGGED, { context: DEMANDING_PARENT }).nudge).toBe(true);
    expect(analyze(FLAGGED, { context: 'Anyone want coffee?' }).nudge).toBe(false);
  });

  it('CLEAN has no finding', () => {
    expect(analyze(CLEAN).findings).toEqual([]);
  });
});
