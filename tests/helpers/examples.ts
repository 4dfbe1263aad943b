// The messages the Slack, LLM and production tests send, in our own words, and what the engine must make of them
// (tests/engine/examples.test.ts checks it, so a retrained model that reads them differently fails there, by name,
// instead of as a missing chat.postEphemeral somewhere else).

/** Nudged on its own: a bare "switch to X, it's better" with no cost named (missing-tradeoffs, far above its nudge point). */
export const NUDGED = "We should just switch to Kafka, it's way better.";
export const NUDGED_RULE = 'missing-tradeoffs';

/**
 * Flagged when asked (/tradeoff, DM, shortcut) but not nudged on its own: "we'll try" reads as a gap beside a request
 * with a deadline, so a passive nudge waits for a thread parent that asks for something.
 */
export const FLAGGED = "Sure, we'll try to squeeze SSO in by Friday.";
export const FLAGGED_RULE = 'sure-well-try';
/** A parent that makes FLAGGED nudge-worthy. */
export const DEMANDING_PARENT = 'Can we get SSO into the Friday release?';

export const CLEAN = 'Thanks, merged!';
