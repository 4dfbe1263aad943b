// The Store's domain logic, once, on top of the KeyValue primitives. Every key starts with `tc:<team>:` so a
// workspace can be deleted by prefix; the only exception is event ids, which carry no team and expire within an hour.
import { RULE_IDS, type RuleId } from '../engine/types.ts';
import type { Counter, KeyValue } from './key-value.ts';
import type { Day, FeedbackCounts, ForgottenData, NudgeLimits, RuleTally, Store, UserSettings } from './types.ts';

const SECOND = 1000;
const DAY_MS = 24 * 3600 * SECOND;
/** Slack retries an event within minutes (3 tries over about 6 minutes), so an hour covers them all. */
const EVENT_TTL_SECONDS = 3600;
/** Daily allowances outlive their day a little, for time zones and clock skew; per-rule history covers 30 days. */
const DAILY_TTL_MS = 2 * DAY_MS;
const HISTORY_TTL_MS = 31 * DAY_MS;
/** A rule's ratings are forgotten this long after its last one, so old, scattered complaints never add up. */
const RATINGS_TTL_MS = 30 * DAY_MS;
const MUTED_FOREVER = 'forever';
const NUDGES_OFF = 'off';

export class KeyValueStore implements Store {
  readonly #kv: KeyValue;
  constructor(kv: KeyValue) {
    this.#kv = kv;
  }

  async firstSighting(eventId: string, ttlSeconds = EVENT_TTL_SECONDS): Promise<boolean> {
    return this.#kv.takeAll([{ key: `tc:event:${eventId}`, cap: 1, ttlMs: ttlSeconds * SECOND }]);
  }

  async takeNudge(team: string, channel: string, user: string, day: Day, limits: NudgeLimits): Promise<boolean> {
    const counters: Counter[] = [{ key: teamKey(team, 'nudges', user, day), cap: limits.dailyCap, ttlMs: DAILY_TTL_MS }];
    // The cooldown is a counter of one that expires when the author may be nudged again in that channel.
    if (limits.cooldownSeconds > 0) {
      counters.push({ key: teamKey(team, 'cooldown', user, channel), cap: 1, ttlMs: limits.cooldownSeconds * SECOND });
    }
    return this.#kv.takeAll(counters);
  }

  async canNudge(team: string, channel: string, user: string, day: Day, limits: NudgeLimits): Promise<boolean> {
    const [sent, cooling] = await this.#kv.counts([teamKey(team, 'nudges', user, day), teamKey(team, 'cooldown', user, channel)]);
    return sent! < limits.dailyCap && (limits.cooldownSeconds <= 0 || cooling === 0);
  }

  async takeRate(key: string, cap: number, windowSeconds: number): Promise<boolean> {
    return this.#kv.takeAll([{ key: `tc:${key}`, cap, ttlMs: windowSeconds * SECOND }]);
  }

  async takeDaily(key: string, day: Day, cap: number): Promise<boolean> {
    // Callers name the quota starting with the team (e.g. `${team}:llm:${user}`), so it is deleted with the workspace.
    return this.#kv.takeAll([{ key: `tc:${key}:${day}`, cap, ttlMs: DAILY_TTL_MS }]);
  }

  async getUserSettings(team: string, user: string, now: number): Promise<UserSettings> {
    const muted = await this.#kv.get(teamKey(team, 'mute', user));
    if (muted === undefined) return { muted: false };
    if (muted === MUTED_FOREVER) return { muted: true };
    const until = Number(muted);
    return until > now ? { muted: true, mutedUntil: until } : { muted: false };
  }

  async muteUser(team: string, user: string, until: number | null): Promise<void> {
    const key = teamKey(team, 'mute', user);
    return until === null ? this.#kv.set(key, MUTED_FOREVER) : this.#kv.set(key, String(until), until);
  }

  async unmuteUser(team: string, user: string): Promise<void> {
    return this.#kv.delete(teamKey(team, 'mute', user));
  }

  async channelNudgesOn(team: string, channel: string): Promise<boolean> {
    // On by default: inviting the bot is the channel's opt-in, so only "off" is stored.
    return (await this.#kv.get(teamKey(team, 'channel', channel))) !== NUDGES_OFF;
  }

  async setChannelNudges(team: string, channel: string, on: boolean): Promise<void> {
    const key = teamKey(team, 'channel', channel);
    return on ? this.#kv.delete(key) : this.#kv.set(key, NUDGES_OFF);
  }

  async recordFindings(team: string, user: string, rules: readonly RuleId[], day: Day): Promise<void> {
    if (rules.length === 0) return;
    await this.#kv.increment(rules.map((rule) => teamKey(team, 'findings', user, day, rule)), HISTORY_TTL_MS);
  }

  async countFindings(team: string, user: string, days: readonly Day[]): Promise<Record<RuleId, number>> {
    const keys = days.flatMap((day) => RULE_IDS.map((rule) => teamKey(team, 'findings', user, day, rule)));
    const counts = await this.#kv.counts(keys);
    const totals = Object.fromEntries(RULE_IDS.map((rule) => [rule, 0])) as Record<RuleId, number>;
    counts.forEach((count, i) => (totals[RULE_IDS[i % RULE_IDS.length]!] += count));
    return totals;
  }

  async recordFeedback(team: string, _user: string, helpful: boolean, rule: RuleId | undefined, day: Day): Promise<void> {
    // Kept per workspace, not per person: the counts are what improves the rules.
    await this.#kv.increment([feedbackKey(team, day, helpful, rule)], HISTORY_TTL_MS);
  }

  async countFeedback(team: string, days: readonly Day[]): Promise<FeedbackCounts> {
    const topics = [undefined, ...RULE_IDS];
    const keys = days.flatMap((day) => topics.flatMap((rule) => [true, false].map((helpful) => feedbackKey(team, day, helpful, rule))));
    const counts = await this.#kv.counts(keys);
    const result: FeedbackCounts = { helpful: 0, notHelpful: 0 };
    counts.forEach((count, i) => {
      if (i % 2 === 0) result.helpful += count;
      else result.notHelpful += count;
    });
    return result;
  }

  async getRuleTallies(team: string): Promise<Record<RuleId, RuleTally>> {
    const counts = await this.#kv.counts(RULE_IDS.flatMap((rule) => tallyKeys(team, rule)));
    return Object.fromEntries(
      RULE_IDS.map((rule, i) => [rule, { step: counts[3 * i]!, helpful: counts[3 * i + 1]!, notHelpful: counts[3 * i + 2]! }]),
    ) as Record<RuleId, RuleTally>;
  }

  async rateRule(team: string, rule: RuleId, helpful: boolean): Promise<RuleTally> {
    const [stepKey, helpfulKey, notHelpfulKey] = tallyKeys(team, rule);
    await this.#kv.increment([helpful ? helpfulKey : notHelpfulKey], RATINGS_TTL_MS);
    const [step, helpfulCount, notHelpfulCount] = await this.#kv.counts([stepKey, helpfulKey, notHelpfulKey]);
    return { step: step!, helpful: helpfulCount!, notHelpful: notHelpfulCount! };
  }

  async setRuleStep(team: string, rule: RuleId, step: number): Promise<void> {
    const [stepKey, helpfulKey, notHelpfulKey] = tallyKeys(team, rule);
    // The tally goes first: a rating racing this lands in the new step's tally, never in a cleared old one.
    await this.#kv.delete(helpfulKey);
    await this.#kv.delete(notHelpfulKey);
    if (step > 0) await this.#kv.set(stepKey, String(step));
    else await this.#kv.delete(stepKey);
  }

  async forgetUser(team: string, user: string): Promise<ForgottenData> {
    // The same id checks as every key, and never an empty id: that would name every key.
    if (user === '') throw new TypeError('Store: user id is empty');
    teamKey(team, user);
    const prefix = teamKey(team, '');
    const forgotten: ForgottenData = { settings: 0, suggestions: 0, ratingMarks: 0, limits: 0, other: 0 };
    for (const { key, value } of await this.#kv.deleteNaming(prefix, user)) {
      const kind = key.slice(prefix.length).split(':')[0];
      if (kind === 'mute') forgotten.settings += 1;
      else if (kind === 'findings') forgotten.suggestions += Number(value) || 0;
      else if (kind === 'feedback-given' || kind === 'rated') forgotten.ratingMarks += 1;
      else if (kind === 'nudges' || kind === 'cooldown' || kind === 'llm') forgotten.limits += 1;
      else forgotten.other += 1;
    }
    return forgotten;
  }

  async saveInstallation(team: string, installationJson: string): Promise<void> {
    await this.#kv.set(teamKey(team, 'installation'), installationJson);
  }

  async getInstallation(team: string): Promise<string | undefined> {
    return this.#kv.get(teamKey(team, 'installation'));
  }

  async deleteInstallation(team: string): Promise<void> {
    await this.#kv.delete(teamKey(team, 'installation'));
  }

  async deleteWorkspace(team: string): Promise<void> {
    return this.#kv.deletePrefix(teamKey(team, ''));
  }

  async ping(): Promise<boolean> {
    return this.#kv.ping();
  }

  async close(): Promise<void> {
    return this.#kv.close();
  }
}

/** `tc:<team>:<part>:<part>...`; ids with separators or glob characters are refused so no key can reach another team's. */
function teamKey(team: string, ...parts: string[]): string {
  for (const id of [team, ...parts]) {
    if (/[:*?[\]\\\s]/.test(id)) throw new TypeError(`Store: ids must not contain ':', spaces or glob characters`);
  }
  if (team === '') throw new TypeError('Store: team id is empty');
  return `tc:${team}:${parts.join(':')}`;
}

/** A rule's step and its Helpful / Not helpful tally since the step last changed (workspace-wide, no person). */
function tallyKeys(team: string, rule: RuleId): [step: string, helpful: string, notHelpful: string] {
  return [teamKey(team, 'tuning', rule, 'step'), teamKey(team, 'tuning', rule, 'helpful'), teamKey(team, 'tuning', rule, 'not-helpful')];
}

function feedbackKey(team: string, day: Day, helpful: boolean, rule: RuleId | undefined): string {
  return teamKey(team, 'feedback', day, rule ?? 'general', helpful ? 'helpful' : 'not-helpful');
}
