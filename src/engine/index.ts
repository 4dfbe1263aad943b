// The engine's public surface: pure (no Slack, network, clock, env or logger).
export { analyze, NUDGE_CONFIDENCE } from './analyze.ts';
export { rewrite } from './rewrite.ts';
export { RULE_IDS } from './types.ts';
export type { Analysis, AnalyzeOptions, Finding, RuleId } from './types.ts';
