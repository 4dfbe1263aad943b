// Every rule carries its own must-flag and must-pass examples; this keeps them honest.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/engine/index.ts';
import { RULES } from '../../src/engine/rules/index.ts';
import { RULE_IDS } from '../../src/engine/types.ts';

describe('rule examples', () => {
  it('covers each rule id exactly once', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...RULE_IDS].sort());
  });

  describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    it('has at least one flag and one pass example, and a tip', () => {
      expect(rule.examples.flag.length).toBeGreaterThanOrEqual(1);
      expect(rule.examples.pass.length).toBeGreaterThanOrEqual(1);
      expect(rule.tip.trim()).not.toBe('');
    });

    it('flags every flag example', () => {
      for (const ex of rule.examples.flag) {
        const rules = analyze(ex.text, ex.context ? { context: ex.context } : {}).findings.map((f) => f.rule);
        expect(rules, JSON.stringify(ex)).toContain(id);
      }
    });

    it('passes every pass example', () => {
      for (const ex of rule.examples.pass) {
        const rules = analyze(ex.text, ex.context ? { context: ex.context } : {}).findings.map((f) => f.rule);
        expect(rules, JSON.stringify(ex)).not.toContain(id);
      }
    });

    it('quotes the trigger in its message', () => {
      const ex = rule.examples.flag[0];
      if (!ex) return; // reported by the first test
      const finding = analyze(ex.text, ex.context ? { context: ex.context } : {}).findings.find((f) => f.rule === id);
      expect(finding?.message).toContain(finding?.quote);
    });
  });
});
