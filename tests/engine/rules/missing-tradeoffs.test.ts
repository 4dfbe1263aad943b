// missing-tradeoffs: a single option chosen with no cost, downside or alternative. Invented sentences, not corpus text.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/engine/index.ts';
import { findingOf, type Case } from './cases.ts';

const finding = findingOf('missing-tradeoffs');

const FLAG: Case[] = [
  // proposals with a decision frame
  ['we should use ClickHouse for the events table'],
  ["Let's go with gRPC for the internal services."],
  ['lets just use mongo'],
  ['lets just go w/ mongo for this'],
  ["honestly i'd go with vue for the admin ui"],
  ['imo we should ditch jenkins and use github actions'],
  ['I propose we migrate the analytics jobs to Spark.'],
  ['I recommend we standardize on pnpm.'],
  ['i reckon we switch to tailwind'],
  ['we should be using typescript everywhere tbh'],
  ['imho it\'s time to ditch php for node'],
  ['We should adopt trunk-based development.'],
  ['we need to switch from REST to GraphQL for the mobile API'],
  ["we're gonna move the monorepo to nx"],
  ['gonna migrate the queue to SQS tomorrow'],
  // imperatives and heading-style gerunds
  ['Replace moment with date-fns across the frontend.'],
  ['pls swap axios for fetch everywhere'],
  ['TL;DR: migrate the reporting DB to BigQuery.'],
  ['Moving the auth service to Go.'],
  ["rewriting the importer in Elixir, it's way faster"],
  ["switching our logging to Loki, it's cheaper and simpler"],
  ['converting the frontend to Svelte this sprint'],
  // change descriptions and verdicts
  ['this PR migrates the tests from mocha to vitest'],
  ['My vote is Postgres for the new ledger.'],
  ["We've decided to adopt Terraform for all infra."],
  ['Honestly the answer is Kubernetes.'],
  ['Postgres is the way to go for this.'],
  ['the payments api needs a Rust rewrite'],
  ['the obvious fix is to put Varnish in front of the API'],
  ["Let's put the admin app behind Cloudflare Access."],
  ['It has been decided that the billing service will be rewritten in Go.'],
  // benefits only, or only what it replaces, is still a bare choice
  ['Switching the billing jobs from Sidekiq to Temporal, it scales better and the UI is nicer.'],
  ['move the sessions into Redis instead of the cookie store'],
  ['I think Kotlin is the better choice for the new service.'],
  ["I'd recommend Vitest for the new packages."],
  ['Let\'s consolidate on Datadog for all metrics.'],
  ['going forward we\'ll use Linear instead of Jira'],
  ['lets drop mysql and go with postgres'],
  ['it would be better to use Redis for this'],
  ['we might as well move everything to Vercel'],
  ["I've decided to use Svelte for the dashboard."],
  ["I'd prefer Postgres for this."],
  ['the billing service should be rewritten in Go'],
  ["we're going to deprecate the REST API in favor of GraphQL"],
  ["let's move away from Jenkins to GitHub Actions"],
  ["Let's move the batch jobs to Graviton, it cuts our compute cost by a fifth."],
  ['either way, we should go with Postgres'],
  ['We need to get off Heroku and onto AWS.'],
  ['the new service will be written in Rust'],
  ["Let's do the frontend in Svelte."],
  ["Let's standardize all services on OpenTelemetry."],
  ['Redis is the obvious choice here.'],
  // list items and Slack markup
  ['Plan for Q3:\n• switch CI to Buildkite\n• move logs to Loki'],
  ['- swap Jest for Vitest in all packages'],
  ['<@U123> let\'s just use Postgres for this'],
  ['lets go with <https://temporal.io|Temporal> for the workflows'],
  // inline code naming a tool is still a choice
  ['Use `bun` for the scripts in the monorepo.'],
  // context: a bare pick from an "A or B?"
  ['Kafka.', 'Kafka or RabbitMQ for the new event bus?'],
  ['postgres, obviously', 'postgres or mysql for the new billing service?'],
  ['Wir nehmen Kafka.', 'Kafka oder RabbitMQ für den Event-Bus?'],
  ['I think we should use Postgres.', 'What should we store the ledger in?'],
  ["Let's move CI to Buildkite.", 'Builds are slow again but the tests are fine.'],
  // decisions announced as agreed, planned or proposed
  ['The consensus is to adopt event sourcing for the ledger.'],
  ["we're planning to rewrite the exporter with Go"],
  ["I'd like to propose that we consolidate on Grafana for all dashboards and alerts."],
  ['+1 to CircleCI → Buildkite, the UI alone makes it'],
  // verdict leads and rules for the future
  ['Decided: Temporal for all long-running workflows.'],
  ['decision from the arch review: gRPC for service-to-service calls going forward'],
  ['new frontends are SvelteKit from now on'],
  ['the default should be uv, it resolves way faster than pip'],
  ['the answer here is clearly event sourcing, we rebuild the ledger on it'],
  // framed verbs of adding or placing a named option
  ["let's just drop in Sentry for the error reporting"],
  ["let's do Paddle for the EU billing"],
  ['we should just stash the rate-limit counters in memcached'],
  ['we should drop Python 3.8 and require 3.12 so we can use the new typing'],
  // a verbless pick answering a call for one, or closing the question
  ['ClickHouse for the analytics store.', 'what should back the analytics store?'],
  ['Vitest for the new packages, done deal'],
  // a pick from "A or B?" that opens a longer reply with only its benefits
  ['Temporal, it retries for us and the UI is great', 'Temporal or Airflow for the sync jobs?'],
  ["I'd say Temporal since it retries for us", 'Temporal or Airflow for the sync jobs?'],
  // benefits dressed as costs: not a named cost
  ['we should switch the API docs to Redocly, the search alone is worth it'],
  ["let's go with Segment for tracking, no idea what it'd cost us yet"],
  // another language, when unmistakable
  ['Vamos a migrar los servicios a Kubernetes.'],
  ['Wir sollten auf Kubernetes umsteigen.'],
  ['Usemos Redis para las sesiones.'],
  ['Dovremmo passare a Kubernetes per tutti i servizi.'],
  // "across the board" is scope, not a board of cards
  ["we're going to adopt OpenTelemetry across the board"],
];

const PASS: Case[] = [
  // questions, including suggestions phrased as questions
  ['should we use ClickHouse for the events table?'],
  ['why not just use Postgres?'],
  ['what if we moved the API to Fastify?'],
  ['Is Postgres the way to go here?'],
  ['we could use Kafka or SQS, thoughts?'],
  ['wondering whether we should go with Kafka here'],
  ['idk if we need to switch to Yarn 4'],
  ['open question: should the API move to gRPC'],
  // negations and arguments against
  ["I don't think we should migrate to Kubernetes yet."],
  ['-1 on moving the frontend to Next.js for now'],
  // other people's words
  ['Dana said we should go with Kafka.'],
  ['"just use GraphQL" he said, as if it were free'],
  // a named cost, an alternative weighed, or when to revisit
  ['we looked at Kafka vs SQS; SQS wins because zero ops, but we lose replay.'],
  ["I'd go with Kafka, but it costs us an on-call rotation; SQS is the cheaper alternative."],
  ['Kafka gives us replay, SQS is simpler to run; I\'d pick SQS for now and revisit in Q3.'],
  ["I'd rather use Auth0 than write our own, it's a solved problem"],
  ['Two options: Postgres (strong consistency, but schema migrations) or DynamoDB (flexible, but AWS lock-in).'],
  ["We could use Kafka here but it's overkill; a Postgres table works until we pass ~1k events/s, then revisit."],
  ["let's go with Kafka if the team is ok running it; otherwise SQS"],
  ["Kafka it is then, thanks for the writeup comparing the three"],
  // an instruction answering a how-to question
  ['use date-fns for that', 'how do I parse ISO week dates in JS?'],
  // senior shapes in other words: a cost as a worse property, a thing given up, a priority, a condition, "X over Y"
  ['Let\'s go with Postgres. Mongo would be faster to start, but schema-less bites us later.'],
  ["I'd pick Kafka: replay matters more to us than simplicity right now."],
  ["Let's use SQS. We give up replay, which we don't need yet."],
  ["We'll move to Aurora: ~20% more expensive, but failover is automatic."],
  ["Let's switch to pnpm, the only catch is Renovate needs a config tweak."],
  ["Let's adopt Bazel if build times keep growing past 20 min; until then we stay on Make."],
  ["let's go with Kafka - more ops work for us, but we need replay for the audit trail"],
  ["we should move to Go for the ingest service; slower to write than Python, but the memory footprint is a tenth."],
  ["I'd go with ECS over EKS: less to operate, and we don't need k8s features yet."],
  // a pick after the message replied to laid out the costs
  ["Let's go with SQS then.", 'Kafka gives us replay but someone has to run it; SQS is zero-ops but no replay. Which one?'],
  // logistics and idioms
  ['let\'s go for a walk after standup'],
  ['we should use more integration tests'],
  ["I'd recommend reading the postmortem first"],
  ["I'd pick Tuesday for the offsite"],
  ["I'd go with option 2"],
  ['we decided to keep it simple'],
  ['going to put the release notes in Confluence'],
  ["let's convert this into an RFC"],
  ["I'm going to move the tests into a separate file"],
  ["let's move this conversation to the incident channel"],
  ['let\'s turn on 2FA for everyone'],
  ["let's move the retro to Thursday"],
  ["let's use this thread for updates"],
  ["let's merge it after CI is green"],
  ["let's go with the flow on this one"],
  ['time to move on, great discussion everyone'],
  ["we've decided to postpone the launch by a week"],
  ['my vote is for Thursday'],
  ['switching to the hotfix branch now'],
  ["we're moving offices in May"],
  ["I'd go with the shorter title"],
  ['we need to use up the AWS credits before March'],
  ["I'd prefer to wait until Monday"],
  ["I've decided to take Friday off"],
  ['better to move the meeting to next week'],
  ['the release notes will be written in the wiki'],
  ["let's do the retro in the big room"],
  ["we'll do this in two steps"],
  // code-review remarks and code-level changes
  ["use `useMemo` here so it doesn't rerender"],
  ['use `git rebase -i` to squash them'],
  ['we should replace the hardcoded timeout with a config value'],
  ['we should rewrite this function to avoid the double loop'],
  ['convert the timestamps to UTC before saving'],
  ["I'd move the helper to utils.ts"],
  // instructions and descriptions, not the writer's decision
  ['To skip the cache, use the `--fresh` flag.'],
  ['you can use the CLI to seed the database'],
  ['you should switch to the staging profile first'],
  ['use the admin console to reset the password'],
  ['Replaces the placeholder values with the real ones at build time.'],
  ['the use of Redis here is fine'],
  ['please use the shared Grafana instead of local dashboards'],
  // status reports, not proposals
  ['switched the CI runners to arm64 last week, builds are 30% faster'],
  ['Switching to Yarn 4 broke the lockfile, looking into it.'],
  ["we're using Redis for sessions right now"],
  ['we use Jest for unit tests and Playwright for e2e'],
  // a pick with reasons on both sides in the reply
  ['Kafka, since we need replay; the downside is someone has to run it.', 'Kafka or RabbitMQ for the new event bus?'],
  // a pick that is not a tech choice
  ['sure!', 'Coffee or tea?'],
  ['tea, thanks', 'Coffee or tea?'],
  ['Thursday works', 'Thursday or Friday for the retro?'],
  // new families keep their exemptions: idioms, logistics, practices, people, articles, others' decisions
  ["let's keep this in mind for the planning"],
  ['we should keep an eye on the p95 after the deploy'],
  ['we should store the retries in a separate table'],
  ["let's do TDD on the parser"],
  ["let's do Tuesday instead"],
  ['Going forward, please tag Alice on every release PR'],
  ['From now on, Bob owns the on-call rota'],
  ['Decision from the sync: we ship on Thursday'],
  ['the answer is no, sorry'],
  ['the fix is a one-liner in the config'],
  ['Thanks for the quick turnaround', 'which one should we pick?'],
  ['Monday for the release, done deal'],
  ['Login → Settings → Billing, then click Export'],
  ['we should drop the old flag and use the new one'],
  ["I'd like to propose that we move the retro to Thursdays"],
  ["the default should be pnpm, but we'd lose the workspace hoisting some packages rely on"],
  ['Priya decided: Temporal for all workflows, and she wrote up the costs'],
  ['Wir sollten das Meeting auf Montag verschieben.'],
  // a longer reply that talks about both options weighed them
  ['honestly Airflow is overkill for three jobs, Temporal', 'Temporal or Airflow for the sync jobs?'],
  // someone else's recommendation or decision
  ['the docs recommend using pnpm for workspaces'],
  ['Dana agreed to move the cron jobs to Temporal'],
  // places for events, not for data
  ["we'll host the offsite in Lisbon"],
  ['Utilisons la salle B pour la réunion.'],
  ['Usemos el martes para la demo.'],
];

describe('missing-tradeoffs', () => {
  it.each(FLAG)('flags %j', (text, context) => {
    const f = finding(text, context);
    expect(f, text).toBeDefined();
    expect(f!.quote.length).toBeGreaterThan(0);
    expect(f!.message).toContain(f!.quote);
  });

  it.each(PASS)('passes %j', (text, context) => {
    expect(finding(text, context)).toBeUndefined();
  });

  it('is confident (nudges) on a plain decision and quotes the trigger from the original text', () => {
    const text = "Let's go with *Kafka* for the event bus :rocket:";
    const { findings, nudge } = analyze(text);
    const f = findings.find((x) => x.rule === 'missing-tradeoffs')!;
    expect(nudge).toBe(true);
    expect(f.confidence).toBeGreaterThanOrEqual(0.8);
    expect(text.slice(f.start, f.end)).toBe(f.quote);
    expect(f.quote).toMatch(/^go with/);
  });

  it('keeps a bare imperative "use X" below the nudge bar (it may be advice), but a framed choice nudges', () => {
    expect(finding('Use ClickHouse for the events table.')!.confidence).toBeLessThan(0.8);
    expect(finding("Let's use ClickHouse for the events table.")!.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('nudges on a verdict naming a product, but keeps a lowercase one (maybe a setting) below the bar', () => {
    expect(finding('the default should be Vitest, it is faster than Jest')!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(finding('the default should be strict mode, it catches more')!.confidence).toBeLessThan(0.8);
    expect(finding('the default should be off for new workspaces')).toBeUndefined();
  });

  it('leaves a build proposal to build-vs-buy, but still flags a separate choice in the same sentence', () => {
    const only = analyze('replacing the auth library with a custom system').findings.map((f) => f.rule);
    expect(only).toContain('build-vs-buy');
    expect(only).not.toContain('missing-tradeoffs');
    const both = analyze("I'll write our own rate limiter for the proxy, and let's move the API to Hono while we're at it.").findings.map((f) => f.rule);
    expect(both).toEqual(expect.arrayContaining(['build-vs-buy', 'missing-tradeoffs']));
  });

  it('does not read code blocks or block quotes', () => {
    expect(finding('see below\n```\n// we should use Mongo\n```')).toBeUndefined();
    expect(finding("> let's go with Kafka\nhmm, not sure about that yet")).toBeUndefined();
  });
});
