import type { Rule } from '../rule.ts';

// PLACEHOLDER: replaced by the real rule.
export const unstatedAssumptions: Rule = {
  id: 'unstated-assumptions',
  patterns: [],
  examples: { flag: [], pass: [] },
  message: (quote) => `"${quote}"`,
  tip: '',
  detect: () => [],
};
