// Calendar helpers for the store's day keys (UTC). The clock itself is injected (deps.now) so tests can set it.
import type { Day } from '../store/types.ts';

const DAY_MS = 86_400_000;

export function utcDay(epochMs: number): Day {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The `count` days up to and including today, newest first. */
export function lastDays(epochMs: number, count: number): Day[] {
  return Array.from({ length: count }, (_, i) => utcDay(epochMs - i * DAY_MS));
}

/** Midnight UTC after `epochMs`: when "mute for today" ends. */
export function endOfUtcDay(epochMs: number): number {
  return (Math.floor(epochMs / DAY_MS) + 1) * DAY_MS;
}
