import type { Rule } from '../rule.ts';
import { buildVsBuy } from './build-vs-buy.ts';
import { missingTradeoffs } from './missing-tradeoffs.ts';
import { noNextStep } from './no-next-step.ts';
import { sureWellTry } from './sure-well-try.ts';
import { unstatedAssumptions } from './unstated-assumptions.ts';

/** The five rules, in the order their findings are explained. */
export const RULES: readonly Rule[] = [sureWellTry, missingTradeoffs, unstatedAssumptions, noNextStep, buildVsBuy];
