// unstated-assumptions: the writer's own bare estimate or date, or a padded one. Invented sentences, not corpus text.
import { describe, expect, it } from 'vitest';
import { analyze, NUDGE_CONFIDENCE } from '../../../src/engine/index.ts';
import { findingOf, type Case } from './cases.ts';

const finding = findingOf('unstated-assumptions');

const FLAG_CONFIDENT: Case[] = [
  ["It'll take 3 weeks."],
  ['The importer rewrite is about 6 hours of work'],
  ['~4 days'],
  ['done by friday'],
  ['ETA next Tuesday', "when's the new API going live?"],
  ["We'll have the new onboarding flow live by the 21st."],
  ["I'd say 2 sprints, plus one just to be safe."],
  ['the dashboard will be ready end of Q3'],
  ['quick fix, 10 minutes'],
  ['Schema migration is a two-day job.'],
  ['v2 is coming soon!'],
  ['gonna ship it tomorrow'],
  ['The new search should be out next week.'],
  ['realistically 5 days'],
  ["I'll have a PR up by EOD"],
  ['porting the auth service to Go, should take a week'],
  ['Release is Thursday.'],
  ['we need 4 weeks for the redesign'],
  ['new version goes out tomorrow', 'when is the next release?'],
  ['should land in the next minor release'],
  ["I'll get a fix out this weekend"],
  ['the refactor needs another week'],
  ['docs will be updated by monday'],
  ['3 days tops'],
  ['This will be fixed in 2.4.'],
  ['The API v2 cutover happens on the 3rd.'],
  ["we'll be done with the migration in two weeks"],
  ['Deploying the new billing service tonight, should be live by 10pm'],
  ["it's a 2 week job"],
  ['i reckon 3 sprints for the whole thing'],
  ['ok so ETA is friday'],
  ['We commit to having SSO live by end of Q1.'],
  ['told the client 5 weeks and added a week of buffer'],
  ['done by 3pm'],
  ['Next release will be out end of this month'],
  ["we're targeting Q3 for GA"],
  ['give me 2 days'],
  ['We shipped the beta, GA is next Friday'],
  ["I'm aiming to have this merged by the weekend"],
  ['Fix is coming in the next patch'],
  ["won't take more than a day"],
  ['less than an hour of work'],
  ['Can do it in 3 days.'],
  ['lemme knock it out tmrw, 2h tops'],
  ['ETA eow'],
  ["Yes! It's planned for the next major version."],
  ['Support for this lands in v4'],
  ["I'll cut a release tonight"],
  ["we'll need it live by the 15th, it's a 2 day job"],
  ['The MVP lands end of month.'],
];

// Vague amounts and effort words without a number are reported but do not interrupt.
const FLAG_DOUBTFUL: Case[] = [
  ['couple hours'],
  ['easy fix, should be trivial'],
  ["I'll fix it by end of day"],
  ['should be out in a few days'],
];

const PASS: Case[] = [
  // ranges, assumptions, named risks
  ["2-3 weeks, assuming the payments API doesn't change."],
  ['4 days if Kim can pair, 6 if not.'],
  ['Somewhere between Tuesday and Thursday, depending on the review queue.'],
  ['a week or two'],
  ['Expected in Q2, provided the contracts are signed by March.'],
  ['Tuesday or Wednesday, the vendor still has to confirm the sandbox.'],
  ["3 weeks. The risk is the SDK upgrade; if it slips, add one."],
  ["2-3 days, assuming the staging data is representative. I'd find out by running the import on a copy and report back by Thursday."],
  // the asker's own date repeated
  ['Yep, Friday works.', 'Can you have the report ready by Friday?'],
  // plans with a date, schedules, the past, other people's numbers
  ["I'll start on the migration tomorrow."],
  ["I'll let you know by Friday"],
  ["I'll post an update by 5pm today."],
  ["hard to say yet, I'll have a better ETA once I can reproduce it. Should know by noon."],
  ['lunch at noon, anyone?'],
  ['there will be an update in a few days once I have test results'],
  ['the release notes for 1.9 are up'],
  ['this was fixed in 2.3.1'],
  ['this was removed in v4'],
  ['works fine in version 3 for me'],
  ['Release 2.3 went out this morning'],
  ['The migration finished in 2 hours'],
  ['the deploy took less than 5 minutes'],
  ['The fix shipped on Tuesday and the errors stopped.'],
  ['we deployed the hotfix at 3pm, all green since'],
  ['Reminder: retro tomorrow at 2pm in the big room'],
  ['Q3 planning doc is up, please comment by Friday'],
  ['the deadline is Friday'],
  ['Taking Friday off'],
  ["We're doing a 2 day offsite next month"],
  ['Certs expire in 30 days, rotating now'],
  ['The conference is in 3 weeks'],
  ['Our build takes 12 minutes; we should cache deps'],
  ['If we can ship by Friday, great'],
  // someone's demand or deadline is not the writer's estimate
  ['the PM wants it done by Friday'],
  ['the report is due Monday'],
  ['Customer expects the integration live by the 15th'],
  ["Customer wants it by the 15th, we'll try"],
  ['happy to pair for an hour tomorrow'],
  ['retro is on friday'],
  ["I'm OOO on Monday"],
  ['standup is at 9:30 tomorrow'],
  ['Code freeze starts Wednesday at 18:00.'],
  ["Let's meet for 30 minutes on Thursday."],
  ["Let's do a 15 minute sync tomorrow."],
  ['The sale ends Friday.'],
  ['Every 2 weeks we rotate on-call.'],
  ['The cache expires after 10 minutes.'],
  ['The token expires in 24 hours.'],
  ['the nightly job runs for about 2 hours'],
  ['the tests take 20 minutes on CI'],
  ['It took 3 weeks last time.'],
  ['We spent two days on the flaky test.'],
  ["we've been on it for 2 weeks"],
  ['two weeks ago we agreed to freeze the schema'],
  ['I was out sick for 3 days, catching up now.'],
  ['Shipped v2.3 today :tada:'],
  ['Released 1.4.2 with the fix.'],
  ["Dana says it'll take 3 weeks."],
  ['> it will take 3 weeks\nthat estimate is from before the rewrite'],
  ["We're on track for the Thursday release."],
  // questions, conditions, negations
  ['When will the new API go live?'],
  ['5 min break?'],
  ["If it takes more than 2 days, I'll flag it."],
  ["It won't be done by Friday."],
  // the senior tradeoff shape, greetings, things that only look like dates
  ['We can do the webhooks or the exports by the 15th, not both. Which matters more?'],
  ['happy friday all!'],
  ['See you tomorrow!'],
  ['Thanks for the update, have a great weekend!'],
  ['Good morning! Standup in 5.'],
  ['The p99 went from 400ms to 2.8s.'],
  ['Python 3.11 will be supported once the deps catch up.'],
  ['I need two approvals on this PR'],
];

describe('unstated-assumptions', () => {
  it.each(FLAG_CONFIDENT)('flags and nudges: %j (context %j)', (text, context) => {
    const f = finding(text, context);
    expect(f).toBeDefined();
    expect(f!.confidence).toBeGreaterThanOrEqual(NUDGE_CONFIDENCE);
    expect(f!.message).toContain(f!.quote);
  });

  it.each(FLAG_DOUBTFUL)('flags without nudging: %j', (text, context) => {
    const f = finding(text, context);
    expect(f).toBeDefined();
    expect(f!.confidence).toBeLessThan(NUDGE_CONFIDENCE);
  });

  it.each(PASS)('passes: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });

  it('can come with sure-well-try in the same message', () => {
    const rules = analyze("I'll do my best, it'll be finished by Thursday", { context: 'Can you also ship the iPad layout in this release?' }).findings.map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['sure-well-try', 'unstated-assumptions']));
  });

  it('quotes the bare estimate', () => {
    expect(finding('Plan: move the cron jobs to Temporal. It will take 2 weeks.')?.quote).toBe('2 weeks');
  });
});

// Families, not phrases: durations as nouns, the work as the subject, versions as targets, terse deliverable-by-date.
describe('unstated-assumptions generalises to families of bare estimates', () => {
  const FAMILY_FLAG: Case[] = [
    ["honestly it's a 2 day thing"],
    ['that is a day\'s work at most for one of us'],
    ['we need a 3h window on Sunday for the cutover'],
    ['the schema change itself is 15 minutes'],
    ['the backfill takes about 5 hours', 'how long will the data fix take?'],
    ['two days to hook up the new payment provider'],
    ["they'll ship with 3.4", 'when do we get the bulk API?'],
    ["it's going into 5.2", 'when will the webhook retries be released?'],
    ['should be wrapped by the 18th'],
    ['Decision: we go with the queue. POC by next Thursday.'],
    ['Ce sera prêt jeudi.', "C'est prêt quand, le rapport ?"],
    ['I can turn it around in a day'],
  ];
  it.each(FAMILY_FLAG)('flags: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeDefined();
  });

  const FAMILY_PASS: Case[] = [
    ["I'm out tomorrow afternoon, Kim has the pager"],
    ['she is off on Friday'],
    ['Root cause: the retry loop regressed in 2.8 and we reproduced it in 2.8.1 with a 10k-row import.'],
    ['A: stay on Postgres. Cheap (~3 days), but we keep the vacuum tuning burden.'],
    ['Q3 planning doc is up, feedback by Friday please'],
    ['a 2-3 day thing, assuming the vendor sandbox is up'],
    ['our CI takes 12 minutes'],
    ['the migration took 4 hours last time'],
    ["the sync meeting is a 30 min thing, don't worry"],
    ['version 2.3 ships with the new parser as of today'],
    ['we upgraded to 1.14 last week, the fix is in there'],
    ["we'll find out tomorrow when the vendor replies"],
    ["still on hold with the bank's support line, 40 minutes in"],
  ];
  it.each(FAMILY_PASS)('passes: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });
});
