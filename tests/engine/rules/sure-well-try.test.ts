// sure-well-try: taking on a deadline, added scope or a real request with effort words. Invented sentences, not corpus text.
import { describe, expect, it } from 'vitest';
import { NUDGE_CONFIDENCE } from '../../../src/engine/index.ts';
import { findingOf, type Case } from './cases.ts';

const finding = findingOf('sure-well-try');

// Sure enough to nudge someone who did not ask.
const FLAG_CONFIDENT: Case[] = [
  ["sure, we'll try!", 'Can you also get the Slack integration in before the beta?'],
  ["We'll make it work 💪", 'Leadership moved the launch up to the 12th, can the API be ready?'],
  ["yeah I'll do my best to get the importer done by Wednesday"],
  ["no problem, I'll squeeze it in", 'could you add Apple Pay to checkout this sprint too?'],
  ['should be doable!', 'The client needs the PDF reports by end of month, can you?'],
  ['on it', 'we need the hotfix out tonight'],
  ['leave it with us', 'Can your team take over the data export from the platform team? due next Friday'],
  ['gonna try to get the android build out by friday'],
  ['hopefully! fingers crossed', 'any chance the GraphQL gateway lands before the offsite?'],
  ['ugh. ok, let me see what I can do', 'Sales promised SAML to Acme by the 30th. Can you do it?'],
  ["PM just added the audit log to this sprint, told him we'd give it our best shot"],
  ["We'll figure it out somehow, the team's up for it", 'can we get dark mode AND the new onboarding into 3.0?'],
  ['will do my best 🙏', 'Need the migration done before the freeze on Thursday'],
  ["we'll push hard to get the search revamp out before the conference"],
  ["Sure thing, we'll do whatever it takes.", 'Can you add multi-currency to invoices by next sprint?'],
  ["SURE, WE'LL TRY", 'we need SSO for the pilot next week'],
  ["yep we'll manage", 'can you take the webhooks too?'],
  ['lemme see what i can do', 'can u get the exports feature into the friday release?'],
  ["I'll try and get it in before code freeze"],
  ["We'll do everything we can to land it by the 1st."],
  ['consider it done', 'the CEO wants the revenue dashboard rebuilt for Monday'],
  ["I'll see what I can do", 'could we get the exports in 2.3?'],
  ['Will try!', 'could you add a flag to disable telemetry?'],
  ['sure, will try to get it done this week', 'We need the invoice PDF redesign for the Acme renewal'],
  ['yes absolutely, no problem', 'Can your team also own the partner API migration this quarter?'],
  ["we'll make it happen, somehow"],
  ['gonna try n squeeze it in lol', 'can u also add the csv export to this sprint'],
  ["Customer wants it by the 15th, we'll try"],
  ["ok, I'll make the time", 'we need the security review done before the audit on Thursday'],
  ['Consider it handled', 'Can you take over the billing migration? Due end of month'],
  ["We'll crunch and get it done", 'The client moved the demo up to Monday'],
  // "I'll look at it" to a feature with a deadline is a vague yes
  ["I'll look at it", 'Can you add SSO to the admin app by Friday? The customer is waiting.'],
  // a bare yes is the gap only when the context is a deadline or added scope
  ['sure!', 'Can you also add SSO by Friday?'],
  ['absolutely, no problem', 'Can you also add the export before the launch?'],
  // agreeing to a cut is fine, but effort words against a framed choice are still the gap
  ["both, we'll make it work", 'We can do A or B by Friday, not both. Which matters more?'],
];

// Reported (>= 0.5) but not sure enough to interrupt anyone.
const FLAG_DOUBTFUL: Case[] = [
  ["I'll try to get the docs in"],
  ['hopefully by EOD'],
  ['will take a look!', 'any plans to support Postgres 16?'],
];

const PASS: Case[] = [
  // the context decides: a small bounded ask, a social invite, a ticket chore
  ['sure!', 'want to grab lunch?'],
  ['yep, on it', 'can you take a look at my PR?'],
  ["I'll look at it", 'can you review my PR?'],
  ["I'll take a look", 'quick question about the config format'],
  ["I'll look into it"],
  ["Sure, I'll review it after lunch.", 'can you review my PR when you get a chance?'],
  ['sure, sounds good', "let's meet at 3 to go over the roadmap"],
  ['on it', 'thanks for fixing the typo!'],
  ['no problem, happy to help!', 'thanks for the quick review'],
  ['will do', 'can you close the ticket when you merge?'],
  ['Absolutely, great idea!', 'should we add linting to CI?'],
  ["Of course! Here's the link", 'can you share the dashboard link?'],
  ['sure, on it', 'can you update the README with the new env vars?'],
  ['will do!', 'please remember to fill in the survey'],
  ["yeah we'll try", 'can you review the design doc?'],
  ["I'll try my best to be there", 'will you join the planning meeting tomorrow?'],
  // the senior shape: a cost, a cut, an either/or, a condition
  ['We can, but it pushes the billing revamp by a week. Which matters more?', 'Can you also add SSO by Friday?'],
  ['We can do SSO or the audit log by Friday, not both.', 'Can you also add SSO by Friday?'],
  ['Yes, if we drop the PDF variant; the CSV alone is 2-3 days.', 'Can we ship the export by Friday?'],
  ["That's not realistic for Friday. To make it I'd cut the CSV export.", 'Can we also get the admin view in by Friday?'],
  ['Sure, I can take it. It pushes the search work to next sprint though.', 'Can you take the billing export too?'],
  ["Yes. That's 3-4 days and the SDK upgrade moves to next sprint.", 'Can you also do the webhooks by Friday?'],
  ['absolutely', "We'd have to cut the export to make the launch, agree?"],
  ['B, absolutely', 'We can do A or B by Friday, not both. Which matters more?'],
  // trying a thing is an experiment or an investigation, not a promise
  ["I'll try bumping the connection pool and see if the timeouts stop."],
  ['let me try to reproduce it locally first'],
  ["I'll try to take a look this week"],
  ['We will try a canary deploy first.'],
  ['Our SDK will try the request again after 5 seconds.'],
  ['We should try Bun for the test runner.'],
  ["Let's try the new Vite plugin on one app first."],
  ["yes, I'll try to join"],
  ["we'll try to keep it short"],
  ["I'll try to be on time"],
  ["I'll try to summarise the thread"],
  ["We'll manage the rollout with feature flags"],
  // other languages: only when unmistakable, and this is not
  ['on va essayer', 'tu peux ajouter le SSO pour vendredi ?'],
  // questions and negations
  ["why don't we just try it on staging?"],
  ['should we just try it and see?'],
  ["can we make it work by Friday?"],
  ["I don't think we should just try harder, we need to cut scope."],
  ["Honestly, we shouldn't promise we'll make it work. Let's cut the export."],
  // other people's words and quotes
  ["Priya said they'll make it work somehow"],
  ['the vendor told us they would "do their best" on the SLA'],
  ['> we will make it work\nthat is what we said last time, and it slipped'],
  // hope about the world, past effort
  ['hopefully the flaky test is gone now'],
  ["We tried our best with the old cluster but it's time to move on"],
];

describe('sure-well-try', () => {
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

  it('quotes the effort words, not the whole message', () => {
    const text = "PM added the export to this sprint. Told her we'd give it our best shot, fingers crossed.";
    expect(finding(text)?.quote).toMatch(/best shot|fingers crossed/);
  });

  it('maps the quote back through Slack markup', () => {
    const text = "*ok* <@U123> we'll make it work :muscle:";
    const f = finding(text, 'can you also add SSO by Friday?');
    expect(f?.quote).toBe(text.slice(f!.start, f!.end));
    expect(f?.quote).toContain('make it work');
  });
});

// Families, not phrases: attempt idioms, effort idioms, acceptance without cost, other languages.
describe('sure-well-try generalises to families of effort words', () => {
  const FAMILY_FLAG: Case[] = [
    ["we'll pull out all the stops", 'Can the team also ship the audit export before the Q3 launch?'],
    ["we'll throw everything we've got at it", 'The customer wants the bulk import by the 10th'],
    ['ok, will cram it in', 'could you also add CSV import to this release?'],
    ["told Mo I'd wedge it in somewhere 🤞"],
    ["Standup: told Ana I'd wedge the webhook retries in 🤞"],
    ["we'll sneak it into the release", "PM wants the banner in Friday's release"],
    ["I'll take a swing at it", 'can you get the billing webhooks done by Friday?'],
    ["fine, we'll give it a go", 'can you also add offline mode to the mobile app for the launch?'],
    ['gonna give it a shot, no promises'],
    ['we will do what we can', 'Sales promised the partner API to Globex for next sprint.'],
    ['The team will do everything possible to hit the new date.', 'Leadership moved the release up a week.'],
    ["yeah we'll get it done", 'we need the data retention feature for the audit next week'],
    ["I'll find time for it", 'Can you also own the Terraform upgrade this sprint?'],
    ['count us in', 'can your team also take the mobile push notifications for the beta?'],
    ["I'll try hard to get the reporting page finished by Thursday"],
    ["sure, I'll knock it out tonight", 'can you also add rate limiting to the public API before the demo?'],
    ['said I would make it fit next to the billing work', 'PM added the invoice redesign to this sprint'],
    ['will look into it when I get a chance', 'can you add SAML support to the admin console by next week?'],
    ['vou tentar, sem promessas', 'Consegues adicionar o export para sexta?'],
    ['Sí, lo sacamos como sea.', '¿Podéis tener el informe para el lunes?'],
    ['hopefully doable', 'we need the analytics page before the board meeting'],
    ['ok, will aim for Wednesday', 'the client needs the SSO fix this week, can you take it?'],
    ['leave it to me', 'can you also add SCIM provisioning before the renewal?'],
    ["we'll figure it out", 'Can the team also take over the reporting service this quarter?'],
    ['I hope to have the exporter finished by Thursday'],
    ["I'll stay late and get it done", 'we need the hotfix by tomorrow morning'],
    ['yeah we can probably do that', 'can you also add SSO before the launch?'],
    ["will try, can't promise anything", 'can you also add SSO before the launch?'],
    ["I'll take it", 'can you take the billing export too? due Friday'],
  ];
  it.each(FAMILY_FLAG)('flags: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeDefined();
  });

  const FAMILY_PASS: Case[] = [
    ["let's give it a try and see what the profiler says"],
    ['I gave it a shot yesterday but the build still fails'],
    ['should we give it a go on staging first?'],
    ["we'll find time to talk about it at the retro"],
    ["I'll look into it when I get a chance", 'can you review my PR?'],
    ['sure, I can fit it in after lunch', 'can you take a look at my PR before the meeting?'],
    ['vamos tentar', 'Consegues adicionar o export para sexta?'],
    ["We can give it a go, but it pushes the search work a week.", 'can you also add offline mode for the launch?'],
    ["I don't think we should just throw everything at it."],
    ['happy to take it', 'anyone want the flaky test ticket?'],
    ["I'll take it", 'can you take the billing export too? it pushes search by a week though'],
    ["I'm hoping to hear back from legal today"],
    ['no sweat, thanks for the heads up'],
    ['I hope to get feedback from the team on the RFC'],
    ['count me in!', "who's up for pizza on Friday?"],
    ["I'll give it a shot", 'anyone want to try the new CI runner before Friday?'],
    ["let's give it a go next sprint"],
    ["here's a sneak peek in Figma"],
  ];
  it.each(FAMILY_PASS)('passes: %j (context %j)', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });
});
