// How the app retries Slack: one quick policy for every Web API call (web-api's own retryConfig) and for
// response_url posts, and web-api's slow policy for a reply that Slack keeps refusing (issue 10).
import { webApi } from '@slack/bolt';

export type RetryPolicy = webApi.RetryOptions;

/**
 * web-api defaults to 10 retries over ~30 minutes and no timeout: a nudge could arrive half an hour late. Two quick
 * retries (429s still wait for Retry-After) and a 5 s timeout keep a failing call short.
 */
export const QUICK_RETRY: RetryPolicy = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000, maxRetryTime: 10_000, randomize: true };

/** Each attempt at a Slack call gives up after this long. */
export const CALL_TIMEOUT_MS = 5_000;

/**
 * For a reply that no route could deliver (response_url, chat.postEphemeral, the DM) because Slack kept failing:
 * web-api's own "ten retries in about thirty minutes", cut at the response_url's 30-minute life.
 */
export const SLOW_RETRY: RetryPolicy = webApi.retryPolicies.tenRetriesInAboutThirtyMinutes;

/** The wait before retry number `attempt` (0-based), as node-retry (under web-api's p-retry) computes it. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const factor = policy.randomize ? random() + 1 : 1;
  const delay = Math.round(factor * Math.max(policy.minTimeout ?? 1_000, 1) * (policy.factor ?? 2) ** attempt);
  return Math.min(delay, policy.maxTimeout ?? Infinity);
}
