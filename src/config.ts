// All settings, read from the environment once and validated with zod. Nothing else reads process.env.
// Loading .env is the entry point's job (loadDotenv below), never a side effect of importing this module.
import { config as dotenvConfig } from 'dotenv';
import { z } from 'zod';
import type { NudgeLimits } from './store/types.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** The most a model call may take in total (issue 4); LLM_TIMEOUT_MS cannot exceed it. */
export const MAX_LLM_TIMEOUT_MS = 10_000;

/**
 * When the engine (wink-nlp's model and the trained weights: about 0.5 s of CPU and 60 MiB) is loaded: when the
 * first message needs it (the default), in the background once /healthz has answered 200, or before it does
 * (src/engine-loader.ts; README, "Load and faults", has the figures for each).
 */
export const ENGINE_LOADS = ['start', 'after-start', 'first-use'] as const;
export type EngineLoad = (typeof ENGINE_LOADS)[number];

export interface Config {
  slack: {
    /** Socket Mode when SLACK_APP_TOKEN is set (development), otherwise HTTP on `port`. */
    mode: 'socket' | 'http';
    /** Single-workspace token; absent in OAuth mode. */
    botToken?: string;
    /** Always set in HTTP mode. */
    signingSecret?: string;
    appToken?: string;
    /** Web API base URL ending in '/', for Bolt's clientOptions.slackApiUrl (GovSlack, tests). */
    apiUrl?: string;
    /** Multi-workspace install (issue 5): present when all three OAuth variables are set. */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  };
  port: number;
  logLevel: LogLevelName;
  /** ENGINE_LOAD: when main.ts loads the engine. */
  engineLoad: EngineLoad;
  /** When set, the Redis store (shared by several instances); otherwise SQLite in dataDir. */
  redisUrl?: string;
  dataDir: string;
  nudges: NudgeLimits;
  /**
   * conversations.replies calls per workspace per minute for a thread reply's parent (thread-aware nudges, the
   * shortcut, "Show a rewrite"); 0 turns the reads off. Slack allows Tier 3 (50+/min) to Marketplace and internal apps.
   */
  threadReadsPerMinute: number;
  llm: {
    /** AI rewrite is on exactly when this is set. */
    apiKey?: string;
    /** The SDK also reads OPENAI_BASE_URL itself; kept here so a bad URL fails at start. */
    baseUrl?: string;
    model: string;
    timeoutMs: number;
    userDailyCap: number;
    teamDailyCap: number;
    /** The model confirms a finding before a passive nudge: LLM_VERIFY_NUDGES, by default on exactly when a model is configured. */
    verifyNudges: boolean;
  };
}

/** Where to find or how to choose each variable: appended to every error about it. */
const HOW_TO_GET: Record<string, string> = {
  SLACK_BOT_TOKEN: 'Slack app settings > OAuth & Permissions > Bot User OAuth Token (starts with xoxb-)',
  SLACK_SIGNING_SECRET: 'Slack app settings > Basic Information > App Credentials > Signing Secret',
  SLACK_APP_TOKEN:
    'Slack app settings > Basic Information > App-Level Tokens, with the connections:write scope (starts with xapp-)',
  SLACK_API_URL: 'leave unset for https://slack.com/api/; otherwise a full URL such as http://127.0.0.1:8080/api/',
  SLACK_CLIENT_ID: 'Slack app settings > Basic Information > App Credentials > Client ID',
  SLACK_CLIENT_SECRET: 'Slack app settings > Basic Information > App Credentials > Client Secret',
  SLACK_STATE_SECRET: 'any long random string you choose, e.g. the output of `openssl rand -hex 32`',
  PORT: 'a TCP port number such as 3000',
  LOG_LEVEL: 'how much to log; info unless you are debugging',
  ENGINE_LOAD: 'first-use (the default), after-start or start',
  REDIS_URL: 'a redis:// or rediss:// URL such as redis://127.0.0.1:6379; leave unset for the embedded SQLite store',
  DATA_DIR: 'a writable directory for the SQLite file, such as ./data',
  NUDGE_COOLDOWN_SECONDS: 'seconds between two nudges to the same author in one channel, such as 600',
  NUDGE_DAILY_CAP: 'nudges per author per day, such as 5',
  THREAD_READS_PER_MINUTE:
    'reads of thread parents per workspace per minute, such as 40 (Slack Tier 3 is 50+); 1 for an app distributed outside the Slack Marketplace',
  OPENAI_API_KEY: 'https://platform.openai.com/api-keys, or any value your OpenAI-compatible server accepts',
  OPENAI_BASE_URL: 'the /v1 URL of an OpenAI-compatible server, such as http://localhost:11434/v1',
  OPENAI_MODEL: 'a chat model name such as gpt-4o-mini',
  LLM_TIMEOUT_MS: `milliseconds, at most ${MAX_LLM_TIMEOUT_MS}`,
  LLM_USER_DAILY_CAP: 'model calls per user per day, such as 20',
  LLM_TEAM_DAILY_CAP: 'model calls per workspace per day, such as 500',
  LLM_VERIFY_NUDGES: 'true or false (unset: true when OPENAI_API_KEY is set)',
};

const count = (fallback: number) =>
  z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').default(fallback);

const url = (protocol: RegExp, error: string) => z.url({ protocol, error });

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: url(/^https?$/, 'must be an http(s) URL').optional(),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PORT: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(65_535, 'must be at most 65535').default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
  ENGINE_LOAD: z.enum(ENGINE_LOADS, `must be one of ${ENGINE_LOADS.join(', ')}`).default('first-use'),
  REDIS_URL: url(/^rediss?$/, 'must be a redis:// or rediss:// URL').optional(),
  DATA_DIR: z.string().default('./data'),
  NUDGE_COOLDOWN_SECONDS: count(600),
  NUDGE_DAILY_CAP: count(5),
  THREAD_READS_PER_MINUTE: count(40),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: url(/^https?$/, 'must be an http(s) URL').optional(),
  OPENAI_MODEL: z.string().default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: count(MAX_LLM_TIMEOUT_MS)
    .pipe(z.number().min(1, 'must be at least 1').max(MAX_LLM_TIMEOUT_MS, `must be at most ${MAX_LLM_TIMEOUT_MS}`)),
  LLM_USER_DAILY_CAP: count(20),
  LLM_TEAM_DAILY_CAP: count(500),
  LLM_VERIFY_NUDGES: z.stringbool({ error: 'must be true or false' }).optional(),
});

const OAUTH_VARS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
  /** One line per problem, each naming its variable. */
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

const problem = (variable: string, what: string) => `${variable} ${what}: ${HOW_TO_GET[variable] ?? 'see .env.example'}`;

/** Parses and checks the environment; throws ConfigError listing every bad or missing variable. Values are never echoed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = withoutEmpty(env);
  const parsed = envSchema.safeParse(present);
  const problems = parsed.success ? [] : problemsOf(parsed.error);

  // Requirements that depend on other variables.
  const has = (name: string) => name in present;
  const oauthSet = OAUTH_VARS.filter(has);
  if (oauthSet.length > 0 && oauthSet.length < OAUTH_VARS.length) {
    for (const name of OAUTH_VARS.filter((n) => !has(n))) {
      problems.push(problem(name, `is missing (multi-workspace OAuth needs all of ${OAUTH_VARS.join(', ')})`));
    }
  }
  const oauth = oauthSet.length === OAUTH_VARS.length;
  if (!oauth && !has('SLACK_BOT_TOKEN')) problems.push(problem('SLACK_BOT_TOKEN', 'is missing'));
  if (oauth && has('SLACK_BOT_TOKEN')) {
    problems.push(problem('SLACK_BOT_TOKEN', 'must be unset in multi-workspace OAuth mode (tokens come from installations)'));
  }
  if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
    problems.push(problem('SLACK_SIGNING_SECRET', 'is missing (needed in HTTP mode, i.e. when SLACK_APP_TOKEN is unset)'));
  }

  if (!parsed.success || problems.length > 0) throw new ConfigError([...new Set(problems)]);
  const e = parsed.data;
  return {
    slack: {
      mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL && (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`),
      oauth: oauth
        ? { clientId: e.SLACK_CLIENT_ID!, clientSecret: e.SLACK_CLIENT_SECRET!, stateSecret: e.SLACK_STATE_SECRET! }
        : undefined,
    },
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    engineLoad: e.ENGINE_LOAD,
    redisUrl: e.REDIS_URL,
    dataDir: e.DATA_DIR,
    nudges: { cooldownSeconds: e.NUDGE_COOLDOWN_SECONDS, dailyCap: e.NUDGE_DAILY_CAP },
    threadReadsPerMinute: e.THREAD_READS_PER_MINUTE,
    llm: llmConfig(e),
  };
}

const LLM_VARS = {
  OPENAI_API_KEY: true,
  OPENAI_BASE_URL: true,
  OPENAI_MODEL: true,
  LLM_TIMEOUT_MS: true,
  LLM_USER_DAILY_CAP: true,
  LLM_TEAM_DAILY_CAP: true,
  LLM_VERIFY_NUDGES: true,
} as const;
const llmSchema = envSchema.pick(LLM_VARS);

/** Only the model settings, for the CLI (which needs no Slack credentials). */
export function loadLlmConfig(env: NodeJS.ProcessEnv = process.env): Config['llm'] {
  const parsed = llmSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) throw new ConfigError(problemsOf(parsed.error));
  return llmConfig(parsed.data);
}

function llmConfig(e: z.infer<typeof llmSchema>): Config['llm'] {
  return {
    apiKey: e.OPENAI_API_KEY,
    baseUrl: e.OPENAI_BASE_URL,
    model: e.OPENAI_MODEL,
    timeoutMs: e.LLM_TIMEOUT_MS,
    userDailyCap: e.LLM_USER_DAILY_CAP,
    teamDailyCap: e.LLM_TEAM_DAILY_CAP,
    // A model that is there anyway checks a nudge before it interrupts someone who did not ask.
    verifyNudges: e.LLM_VERIFY_NUDGES ?? e.OPENAI_API_KEY !== undefined,
  };
}

/** An empty value (`OPENAI_API_KEY=` in .env) means unset, so defaults and "optional" behave as people expect. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.map((issue) => problem(String(issue.path[0]), issue.message));
}

/** For the entry point only: loads ./.env (if present) into process.env without dotenv's console tips. */
export function loadDotenv(path?: string): void {
  dotenvConfig({ path, quiet: true });
}
