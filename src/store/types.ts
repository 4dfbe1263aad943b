// The bot's state, behind one interface with two backends: node:sqlite (embedded default) and Redis (shared by
// several instances). It never holds message text: only ids, settings, counters and installations.
import type { RuleId } from '../engine/index.ts';

/** Calendar day in UTC, 'YYYY-MM-DD'. Callers pass it (the clock lives at the edges). */
export type Day = string;

export interface NudgeLimits {
  /** At most one nudge per author per channel in this many seconds (default 600). */
  cooldownSeconds: number;
  /** At most this many nudges per author per day (default 5). */
  dailyCap: number;
}

export interface UserSettings {
  /** Nudges muted for this user (until `mutedUntil`, epoch ms; undefined = indefinitely). */
  muted: boolean;
  mutedUntil?: number;
}

export interface FeedbackCounts {
  helpful: number;
  notHelpful: number;
}

/** One rule's standing in a workspace: how far its nudge bar was raised, and the ratings since it last changed. */
export interface RuleTally {
  /** 0 = the engine's own nudge point; each step is stricter (see src/slack/tuning.ts for what a step means). */
  step: number;
  helpful: number;
  notHelpful: number;
}

/** What forgetUser deleted, by kind (numbers of stored entries, except `suggestions`). */
export interface ForgottenData {
  /** The person's mute setting (0 or 1). */
  settings: number;
  /** Suggestions counted for their App Home: the sum of the deleted per-day, per-rule counts. */
  suggestions: number;
  /** Marks that they already rated a reply, or a rule that day (what stops double counting). */
  ratingMarks: number;
  /** Their nudge cooldowns and daily nudge counts, and their model-call counts. */
  limits: number;
  /** Any other entry whose key named them. */
  other: number;
}

export interface Store {
  /** True the first time an id is seen (within ttl); false for a retry or a duplicate. */
  firstSighting(eventId: string, ttlSeconds?: number): Promise<boolean>;

  /** Takes one nudge from the author's allowance; false when the cooldown or the daily cap says no. */
  takeNudge(team: string, channel: string, user: string, day: Day, limits: NudgeLimits): Promise<boolean>;
  /** Whether takeNudge would say yes now, taking nothing (checked before spending a Slack read on a nudge). */
  canNudge(team: string, channel: string, user: string, day: Day, limits: NudgeLimits): Promise<boolean>;

  /**
   * Takes one unit of a named daily quota (e.g. model calls per user); false when `cap` is already used.
   * Start the key with the team id (e.g. `${team}:llm:${user}`, `${team}:llm`) so deleteWorkspace removes it.
   */
  takeDaily(key: string, day: Day, cap: number): Promise<boolean>;

  /**
   * Takes one unit of a quota that refills `windowSeconds` after its first use (e.g. Slack reads per workspace per
   * minute, shared by every instance on Redis). Start the key with the team id, as for takeDaily.
   */
  takeRate(key: string, cap: number, windowSeconds: number): Promise<boolean>;

  getUserSettings(team: string, user: string, now: number): Promise<UserSettings>;
  /** until: epoch ms, or null for indefinitely. */
  muteUser(team: string, user: string, until: number | null): Promise<void>;
  unmuteUser(team: string, user: string): Promise<void>;
  channelNudgesOn(team: string, channel: string): Promise<boolean>;
  setChannelNudges(team: string, channel: string, on: boolean): Promise<void>;

  /** Counts only: which rules fired for this user on this day. */
  recordFindings(team: string, user: string, rules: readonly RuleId[], day: Day): Promise<void>;
  /** Sum per rule over the given days (e.g. the last 30). */
  countFindings(team: string, user: string, days: readonly Day[]): Promise<Record<RuleId, number>>;
  recordFeedback(team: string, user: string, helpful: boolean, rule: RuleId | undefined, day: Day): Promise<void>;
  /** Workspace-wide feedback totals over the given days (feedback is kept per workspace, not per person). */
  countFeedback(team: string, days: readonly Day[]): Promise<FeedbackCounts>;

  /** Every rule's nudge bar step and ratings in a workspace (counts only: no person, no text). */
  getRuleTallies(team: string): Promise<Record<RuleId, RuleTally>>;
  /** Adds one rating to the rule's tally at its current step; returns the tally after it. */
  rateRule(team: string, rule: RuleId, helpful: boolean): Promise<RuleTally>;
  /** Moves the rule to `step` (0 = reset) and starts its tally afresh. */
  setRuleStep(team: string, rule: RuleId, step: number): Promise<void>;

  /** Deletes every entry in this workspace whose key names the person (settings, counts, rating marks, limits). */
  forgetUser(team: string, user: string): Promise<ForgottenData>;

  /**
   * OAuth installations (multi-workspace mode), as JSON, keyed by team id (or enterprise id for org-wide installs).
   * They hold the workspace's bot token; see installations.ts for Bolt's InstallationStore on top of these.
   */
  saveInstallation(team: string, installationJson: string): Promise<void>;
  getInstallation(team: string): Promise<string | undefined>;
  deleteInstallation(team: string): Promise<void>;

  /** Removes everything kept for a workspace (uninstall / tokens revoked), its installation included. */
  deleteWorkspace(team: string): Promise<void>;

  /** Cheap liveness check of the backend. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
