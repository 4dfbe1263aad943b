import type { Rule } from '../rule.ts';

// PLACEHOLDER: replaced by the real rule.
export const buildVsBuy: Rule = {
  id: 'build-vs-buy',
  patterns: [],
  examples: { flag: [], pass: [] },
  message: (quote) => `"${quote}"`,
  tip: '',
  detect: () => [],
};
