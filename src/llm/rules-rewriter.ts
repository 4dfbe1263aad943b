import { loadEngine } from '../engine-loader.ts';
import type { Rewriter } from './types.ts';

/** The rules' rewrite: always available, no keys, no network. */
export const rulesRewriter: Rewriter = {
  usesModel: false,
  async rewrite({ draft, analysis, context }) {
    const { rewrite } = await loadEngine();
    return { text: rewrite(draft, analysis, context ? { context } : {}), source: 'rules', assumptions: [] };
  },
};
