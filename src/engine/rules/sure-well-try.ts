import type { Rule } from '../rule.ts';

// PLACEHOLDER: replaced by the real rule.
export const sureWellTry: Rule = {
  id: 'sure-well-try',
  patterns: [],
  examples: { flag: [], pass: [] },
  message: (quote) => `"${quote}"`,
  tip: '',
  detect: () => [],
};
