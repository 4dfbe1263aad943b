// The engine's public surface: pure (no Slack, network, clock, env or logger).
export { analyze, OPERATING_POINTS } from './analyze.ts';
export { planMessage, summarizePlan } from './plan.ts';
export { rewrite } from './rewrite.ts';
export { RULE_IDS } from './types.ts';
export type { Analysis, AnalyzeOptions, Finding, OperatingPoint, RuleId } from './types.ts';
