import type { Rule } from '../rule.ts';

// PLACEHOLDER: replaced by the real rule.
export const missingTradeoffs: Rule = {
  id: 'missing-tradeoffs',
  patterns: [],
  examples: { flag: [], pass: [] },
  message: (quote) => `"${quote}"`,
  tip: '',
  detect: () => [],
};
