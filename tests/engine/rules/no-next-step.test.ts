// no-next-step: uncertainty or being blocked, left there. Invented sentences, not corpus text.
import { describe, expect, it } from 'vitest';
import { NUDGE_CONFIDENCE } from '../../../src/engine/index.ts';
import { findingOf, type Case } from './cases.ts';

const finding = findingOf('no-next-step');

const FLAG_CONFIDENT: Case[] = [
  ['no idea why the cron job stopped firing'],
  ["honestly idk what's eating the memory on worker-3"],
  ['hard to say', 'when can we expect the iOS fix?'],
  ["We're blocked on the data team's schema."],
  ["can't start the billing page until design signs off"],
  ['still waiting for access to the prod cluster'],
  ['The rollout is on hold until legal reviews the terms.'],
  ['dunno, the logs look clean'],
  ["I'm completely stumped on this one."],
  ['No ETA yet.', 'any news on the Android release?'],
  ["I don't understand why the cache misses spiked"],
  ['for whatever reason the webhook retries twice'],
  ["we're stuck until the vendor fixes their API"],
  ['When the cache is cold it crawls, no idea why.'],
  ['I have no clue what changed.'],
  ["I'm lost on this one tbh"],
  ['this is blocked'],
  ['kinda stuck on this one'],
  ['waiting for the vendor to respond'],
  ['it ships when it is ready', 'when is 3.0 coming out?'],
  ['The root cause is still unknown.'],
  ["I'm at a loss here"],
  ["We're waiting to hear back from AWS support."],
  ['The migration is pending security review.'],
  ['idk tbh, logs r clean'],
];

// Softer wordings ("not sure", "it depends") are reported but do not interrupt.
const FLAG_DOUBTFUL: Case[] = [
  ['not sure if Stripe supports partial refunds on that plan'],
  ['depends', 'should we drop IE11?'],
  ["not sure what's going on with the deploy"],
  ["can't reproduce"],
  ["we'll have to wait and see"],
  ["I'm not sure how to fix it"],
];

const PASS: Case[] = [
  // a way forward follows (or comes first)
  ["no idea yet - I'll add tracing to the worker and post what I find by 5"],
  ["Blocked on the data team's schema, so I'm building the UI against a mock meanwhile."],
  ['Not sure. Going to ask Omar, he wrote the retry logic.'],
  ["It depends on whether the vendor supports batch writes; I'll check their docs today."],
  ["Not sure yet, I'd compare the heap dumps from before and after the deploy. Will report back tomorrow."],
  ['Waiting on design for the modal, so I started on the API side.'],
  ["waiting for CI to finish, then I'll merge"],
  ['Not sure - checking the Grafana dashboard now.'],
  ["No idea, but I'll pair with Sam after lunch to dig in."],
  ["I don't know yet. I'd find out by diffing the configs and testing the old image; I'll report back by Tuesday."],
  // asking the reader is a way forward too
  ['no idea why. anyone seen this before?'],
  ['do you know why the cron job stopped?'],
  // negations, conditions, other people's words, opinions
  ["I'm not blocked, just slow"],
  ["We're not waiting on anyone now."],
  ['We are no longer waiting on legal, the terms are signed.'],
  ["If we're blocked on review again, ping me."],
  ['Mei said she has no idea why it fails'],
  ['> no idea what this does\nfound it: the flag turns off retries'],
  ["not sure it's worth adding a cache for 20 requests a minute"],
  ["I'm not sure that's a good idea for a 3-person team"],
  // knowing, and words that only look alike
  ['I know why: the TTL was set to zero.'],
  ['I know exactly what the problem is.'],
  ['the unknown field error is gone after the upgrade'],
  ['thanks, no worries!'],
  // figures of speech
  ['Not sure if you saw, but the release is out'],
  ["I don't know about you, but I love the new dashboard"],
  ["I'm stuck in traffic, be there in 10"],
  ['stuck in meetings all afternoon, will reply later'],
  ['Blocked 3 spammy accounts from the forum'],
  ['Waiting for the build to go green, then merging'],
  ['Unknown error codes are now logged'],
  ['final release is pending a few doc fixes'],
];

describe('no-next-step', () => {
  it.each(FLAG_CONFIDENT)('flags and nudges: %j (context %j)', (text, context) => {
    const f = finding(text, context);
    expect(f).toBeDefined();
    expect(f!.confidence).toBeGreaterThanOrEqual(NUDGE_CONFIDENCE);
    expect(f!.message).toContain(f!.quote);
  });

  it.each(FLAG_DOUBTFUL)('flags without nudging: %j (context %j)', (text, context) => {
    const f = finding(text, context);
    expect(f).toBeDefined();
    expect(f!.confidence).toBeLessThan(NUDGE_CONFIDENCE);
  });

  it.each(PASS)('passes: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });

  it('quotes the uncertainty itself', () => {
    expect(finding('deploy pipeline is red again, no clue why')?.quote).toBe('no clue');
  });
});

// Families, not phrases: vague dependencies, limbo, a guess handed back, other languages, and what counts as a way forward.
describe('no-next-step generalises to families of stopping there', () => {
  const FAMILY_FLAG: Case[] = [
    ['depends on what finance decides', 'can we start the invoicing rewrite next sprint?'],
    ['honestly depends on a bunch of things'],
    ["can't move on the exporter till the schema is signed off"],
    ['the laptop order is still in procurement limbo'],
    ['the SDK upgrade is on hold'],
    ['this makes no sense to me'],
    ['probably a network issue on your side', 'the webhook calls from our staging keep failing'],
    ['zero idea what the migration involves'],
    ["couldn't tell you, that service predates me"],
    ['who knows, the dashboards are empty'],
    ['Keine Ahnung, warum die Tests rot sind.'],
    ['ni idea de por qué se cae el worker'],
    ["not sure it'll hold up under the Black Friday load"],
    ['ETA: TBD'],
    ['held up by legal'],
    ["it's out of our hands"],
    ['works on my machine', 'the importer crashes on the staging box'],
    ['we\'ll see.', 'will the fix be ready for the release?'],
  ];
  it.each(FAMILY_FLAG)('flags: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeDefined();
  });

  const FAMILY_PASS: Case[] = [
    ["This needs a breaking change, so it'd have to wait for 4.0. Alternatively we ship it behind an opt-in flag now; I'd lean toward the flag."],
    ["No ETA yet. It depends on the upstream patch; once that's released we'll bump the pin and cut a release."],
    ['depends on how many tenants still use the old auth, 1-2 weeks'],
    ['it makes no sense to build our own scheduler'],
    ['looks like a DNS issue, rolled back the change and it is fine now'],
    ['who knows the billing service best?'],
    ["not sure it's worth the effort"],
    ["the build is on hold until Monday; meanwhile I'm fixing the flaky tests"],
    ["the ticket is parked until next sprint, I'll pick it up then"],
    ["looks like a flaky test issue, I reran it and it's green"],
    ['depends on what you prefer, both are fine by me'],
    ["it works on my machine but fails in CI, I'm diffing the env vars now"],
    ["probably a caching issue - I'll clear the CDN and retest"],
    ['our service depends on what the auth service returns'],
    ["still on hold with the bank's support line, 40 minutes in"],
  ];
  it.each(FAMILY_PASS)('passes: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });
});
