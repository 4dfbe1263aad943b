// build-vs-buy: building something custom without asking whether it needs to exist. Invented sentences, not corpus text.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/index.ts';
import { findingOf, type Case } from './cases.ts';

const finding = findingOf('build-vs-buy');

const FLAG: Case[] = [
  ["I'll write our own auth, how hard can it be"],
  ["let's build a custom caching layer"],
  ['I built a queue over the weekend'],
  ['we should implement our own feature flag system'],
  ['thinking of rolling our own ORM'],
  ['gonna hack together a homegrown CI runner'],
  ['i wrote a tiny templating engine for the emails'],
  ['we can build the search in-house'],
  ["Let's write an internal tool to manage the on-call rota."],
  ["I'm building a custom scheduler for the cron jobs."],
  ['gonna roll our own rate limiting middleware'],
  ["we'll build our own status page"],
  ["let's build an in-house A/B testing framework"],
  ["Spent Saturday building a custom log aggregator, it's on my github"],
  ['i\'m writing a lightweight ORM for the reporting service'],
  ['we should develop our own design system from scratch'],
  ['I made a custom CI runner in Python'],
  ["i'm gonna write us a little feature flag service"],
  ["let's just build our own"],
  ['we could totally build this ourselves in a week'],
  ['Working on a homegrown deploy tool for the team, demo Friday!'],
  ['replacing the auth library with a custom system'],
  ['how hard could it be to write my own search engine?'],
  ['roll my own metrics pipeline? tempting'],
  ["I'll hand-roll a tiny HTTP router for the lambda"],
  ['I have built our own CI system on top of bash scripts'],
  ['gonna write our own version of LaunchDarkly'],
  ['I started building a small internal Heroku for our side projects'],
  ['Rolled our own websocket layer last sprint'],
  ['I reimplemented the job scheduler from scratch'],
  ["i'll just write a quick parser for these vendor logs"],
  ["we'll implement the OAuth flow ourselves"],
  ["let's just host the search ourselves"],
  ['gonna build our own metrics pipeline, vendors are overpriced'],
  // context decides what "this"/"one" stands for
  ['ooh, would be fun to build ourselves', 'What if we had our own status page service?'],
  ["yes! I'll build one this week", 'We really need an internal tool for tracking feature flags.'],
  // "our own" / "in-house" / "homegrown" + any sizeable artefact, whether or not its kind is on a list
  ["I'll write our own flaky-test tracker"],
  ['we should build an in-house link shortener for the campaign emails'],
  ['gonna build a homegrown fixture loader for the integration suite'],
  ["let's write our own load-testing harness"],
  ['planning to build a custom image thumbnailing service'],
  ['roll our own OIDC token checks, should be quick'],
  ['I can write our own LDAP handler for the pilot'],
  ['we replaced the retry library with our own'],
  // past-tense reports of a small homemade tool, especially one that replaces a dependency
  ['knocked together a small CLI so we no longer need the vendor uploader'],
  ['threw together a tiny status bot last night'],
  ['made a little Slack bot that posts the deploy queue'],
  ['whipped up a quick changelog generator, so we dont need the paid plugin anymore'],
  ['spent Friday hacking on a homegrown deploy notifier'],
  ["thinking of writing a little bot that reminds people about expiring certs"],
  // a proposal with no verb
  ['idea: our own error-budget tracker for the SLOs'],
  ['Proposal: an in-house translation pipeline so we can stop paying per word'],
  // "rather than" something vague is not a named alternative
  ['rather than adding yet another vendor, I started a small in-house event router'],
  // another language, when unmistakable
  ['Vamos a escribir nuestro propio gestor de colas.'],
  ['On va écrire notre propre outil de déploiement.'],
  ['Construyamos nuestra propia cola de mensajes.'],
  ['I whipped up a tiny webhook bridge so we can drop the Zapier plan'],
  ['idea - homegrown incident timeline builder'],
  ['we replaced lodash with our own helpers'],
];

const PASS: Case[] = [
  // questions and negations
  ['should we roll our own auth?'],
  ['wondering whether we should build our own status page'],
  ['Before we write our own queue, is SQS enough?'],
  ["I don't want to build our own auth"],
  ["let's not roll our own crypto"],
  ['no need to build our own, Stripe does this'],
  ['Writing our own scheduler would be overkill for 4 jobs.'],
  ["I'd rather use Auth0 than write our own, it's a solved problem"],
  // a build that names concretely what was weighed
  ["we looked at Unleash but it doesn't support on-prem, so I wrote a small flag table"],
  ["wrote our own date-picker, the one in the component kit didn't support range selection"],
  ['Options: adopt Temporal, or write our own job runner. Leaning Temporal.'],
  ["Unleash couldn't do per-tenant flags, so I wrote a small flag service."],
  ['Sentry would be $2k/month at our volume, so we built a small error collector.'],
  ['tried Airflow, way too much for 3 jobs; wrote a 50-line scheduler instead'],
  ["none of the existing libs handle streaming, so I'm writing our own CSV parser"],
  // too vague to say what was weighed, and too vague to flag (borderline)
  ["couldn't find a lib for this so I wrote my own parser"],
  // a thin layer over an existing tool
  ['built a thin wrapper around the Stripe SDK'],
  // small ordinary code changes
  ["I'll add a button to export CSV"],
  ['fixed the bug in the parser, added a test'],
  ['I wrote the tests for the billing module'],
  ["I'll write a script to clean up the old buckets"],
  ['I\'m building the onboarding flow this week'],
  ['wrote a custom ESLint rule for the import order'],
  ['added a custom field to the Jira form'],
  ["let's build the MVP first and iterate"],
  // pronouns that stand for a feature, not a custom system
  ["we'll build it next sprint", 'can you add PDF export?'],
  // "own" that is not a build
  ["I'll do the migration on my own"],
  ['our internal tool is down again'],
  ['I made our own coffee this morning lol'],
  ['building a tool shed this weekend haha'],
  ['we wrote a custom Terraform module for the VPC'],
  ['I wrote a custom prompt for the summarizer'],
  ["I'll write our own version of the runbook"],
  ['we wrote our own Jira automation rules'],
  // doing ordinary work personally is not building a product
  ["I'll write the docs myself"],
  ["we'll write the migration ourselves, no need to wait for the DBA team"],
  ['we can deploy it ourselves'],
  // instructions to the reader
  ['you can roll your own adapter if the defaults do not fit'],
  // someone else built it
  ['the Platform team built their own dashboards in Grafana'],
  ['the vendor built a custom integration for us'],
  ['Priya said she wrote her own parser for this'],
  // small things that are ordinary work, not a product decision
  ['made a small change to the deploy script'],
  ['I made a quick fix for the header layout'],
  ['wrote a little helper for the date formatting'],
  ['built a small dashboard in Grafana for the p99s'],
  ['made a custom filter for the logs view'],
  // a named alternative weighed
  ["I'd rather pay for Sentry than build our own error tracker"],
  // our own things in a status report, not a build
  ['our homegrown tracker is flaky again today'],
  ['the idea is good but our own roadmap is full'],
  // replacing something with an ordinary thing, or one made inside a named tool
  ["I put together a quick checklist so we don't need the old wiki page anymore"],
  ["made a small tweak to the config so we don't need the override anymore"],
  ['we replaced the old dashboard with our own Grafana board'],
  ['replaced the hardcoded list with our own config entry'],
  // something to show, not something to depend on
  ["I'm building a little demo app for the conference talk"],
];

describe('build-vs-buy', () => {
  it.each(FLAG)('flags %j', (text, context) => {
    const f = finding(text, context);
    expect(f, text).toBeDefined();
    expect(f!.message).toContain(f!.quote);
  });

  it.each(PASS)('passes %j', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });

  it('nudges on a sure build proposal and quotes the build phrase', () => {
    const text = "ok I'll write our own log shipper for the SIEM export";
    const { findings, nudge } = analyze(text);
    const f = findings.find((x) => x.rule === 'build-vs-buy')!;
    expect(nudge).toBe(true);
    expect(f.quote).toBe('write our own log shipper');
    expect(text.slice(f.start, f.end)).toBe(f.quote);
  });

  it('reports a build of an unknown kind of thing, but too unsure to nudge', () => {
    const f = finding('we built our own little onboarding quiz');
    expect(f).toBeDefined();
    expect(f!.confidence).toBeLessThan(0.8);
  });

  it('is not also missing-tradeoffs for the same words', () => {
    const rules = analyze("let's replace LaunchDarkly with our own flag service").findings.map((f) => f.rule);
    expect(rules).toContain('build-vs-buy');
    expect(rules).not.toContain('missing-tradeoffs');
  });
});
