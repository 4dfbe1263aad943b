import type { Rule } from '../rule.ts';

// PLACEHOLDER: replaced by the real rule.
export const noNextStep: Rule = {
  id: 'no-next-step',
  patterns: [],
  examples: { flag: [], pass: [] },
  message: (quote) => `"${quote}"`,
  tip: '',
  detect: () => [],
};
