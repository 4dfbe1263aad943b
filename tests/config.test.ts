import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadLlmConfig } from '../src/config.ts';

const httpMode = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 'shh' };

/** The problems loadConfig reports for an environment (fails the test if it does not throw a ConfigError). */
function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal HTTP-mode environment', () => {
    expect(loadConfig(httpMode)).toEqual({
      slack: { mode: 'http', botToken: 'xoxb-1-2-abc', signingSecret: 'shh' },
      port: 3000,
      logLevel: 'info',
      engineLoad: 'first-use',
      dataDir: './data',
      nudges: { cooldownSeconds: 600, dailyCap: 5 },
      threadReadsPerMinute: 40,
      llm: { model: 'gpt-4o-mini', timeoutMs: 10_000, userDailyCap: 20, teamDailyCap: 500, verifyNudges: false },
    });
  });

  it('reads every variable of a full environment', () => {
    const config = loadConfig({
      ...httpMode,
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
      LOG_LEVEL: 'debug',
      ENGINE_LOAD: 'after-start',
      REDIS_URL: 'redis://127.0.0.1:6380/0',
      DATA_DIR: '/var/lib/coach',
      NUDGE_COOLDOWN_SECONDS: '60',
      NUDGE_DAILY_CAP: '2',
      THREAD_READS_PER_MINUTE: '1',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://localhost:11434/v1',
      OPENAI_MODEL: 'llama3.1',
      LLM_TIMEOUT_MS: '2500',
      LLM_USER_DAILY_CAP: '3',
      LLM_TEAM_DAILY_CAP: '30',
      LLM_VERIFY_NUDGES: 'true',
    });
    expect(config.port).toBe(8080);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/'); // trailing slash added
    expect(config.logLevel).toBe('debug');
    expect(config.engineLoad).toBe('after-start');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6380/0');
    expect(config.dataDir).toBe('/var/lib/coach');
    expect(config.nudges).toEqual({ cooldownSeconds: 60, dailyCap: 2 });
    expect(config.threadReadsPerMinute).toBe(1);
    expect(config.llm).toEqual({
      apiKey: 'sk-test',
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1',
      timeoutMs: 2500,
      userDailyCap: 3,
      teamDailyCap: 30,
      verifyNudges: true,
    });
  });

  it('verifies nudges by default exactly when a model is configured', () => {
    expect(loadConfig(httpMode).llm.verifyNudges).toBe(false);
    expect(loadConfig({ ...httpMode, OPENAI_API_KEY: 'sk-test' }).llm.verifyNudges).toBe(true);
    expect(loadConfig({ ...httpMode, OPENAI_API_KEY: 'sk-test', LLM_VERIFY_NUDGES: 'false' }).llm.verifyNudges).toBe(false);
    expect(loadLlmConfig({ OPENAI_API_KEY: 'sk-test' }).verifyNudges).toBe(true);
  });

  it.each(['false', 'FALSE', '0', 'no', 'off'])('keeps LLM_VERIFY_NUDGES=%s false', (value) => {
    expect(loadConfig({ ...httpMode, LLM_VERIFY_NUDGES: value }).llm.verifyNudges).toBe(false);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ ...httpMode, PORT: '', OPENAI_API_KEY: '', REDIS_URL: '  ', LLM_VERIFY_NUDGES: '' });
    expect(config.port).toBe(3000);
    expect(config.llm.apiKey).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.llm.verifyNudges).toBe(false);
  });

  it('uses Socket Mode without a signing secret when SLACK_APP_TOKEN is set', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2' });
    expect(config.slack.mode).toBe('socket');
    expect(config.slack.signingSecret).toBeUndefined();
  });

  it('uses multi-workspace OAuth without a bot token when all three OAuth variables are set', () => {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
    });
    expect(config.slack.oauth).toEqual({
      clientId: '123.456',
      clientSecret: 'client-secret',
      stateSecret: 'a-long-random-state-secret',
    });
    expect(config.slack.botToken).toBeUndefined();
  });

  it('names each missing required variable and says where to get it', () => {
    expect(problemsFor({})).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN is missing: .*OAuth & Permissions/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET is missing.*: Slack app settings > Basic Information > App Credentials/),
    ]);
  });

  it('counts an empty SLACK_SIGNING_SECRET as missing (an HMAC with an empty key can be forged)', () => {
    expect(problemsFor({ ...httpMode, SLACK_SIGNING_SECRET: '' })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is missing/),
    ]);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /must start with xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-not-an-app-token', /must start with xapp-/],
    ['SLACK_API_URL', 'slack.com/api', /must be an http\(s\) URL/],
    ['PORT', 'eighty', /must be a number/],
    ['PORT', '70000', /must be at most 65535/],
    ['PORT', '30.5', /must be a whole number/],
    ['LOG_LEVEL', 'verbose', /must be one of fatal, error, warn, info, debug, trace, silent/],
    ['ENGINE_LOAD', 'lazy', /must be one of start, after-start, first-use/],
    ['REDIS_URL', 'http://127.0.0.1:6379', /must be a redis:\/\/ or rediss:\/\/ URL/],
    ['NUDGE_COOLDOWN_SECONDS', '-5', /must not be negative/],
    ['NUDGE_DAILY_CAP', 'five', /must be a number/],
    ['OPENAI_BASE_URL', 'localhost:11434', /must be an http\(s\) URL/],
    ['LLM_TIMEOUT_MS', '30000', /must be at most 10000/],
    ['LLM_TIMEOUT_MS', '0', /must be at least 1/],
    ['LLM_USER_DAILY_CAP', '1e', /must be a number/],
    ['LLM_TEAM_DAILY_CAP', '-1', /must not be negative/],
    ['LLM_VERIFY_NUDGES', 'maybe', /must be true or false/],
    ['SLACK_STATE_SECRET', 'short', /must be at least 16 characters/],
  ])('rejects a malformed %s (%s) and names it', (variable, value, why) => {
    const env = { ...httpMode, [variable]: value };
    if (variable === 'SLACK_STATE_SECRET') Object.assign(env, { SLACK_CLIENT_ID: '1', SLACK_CLIENT_SECRET: '2' });
    const problems = problemsFor(env).filter((p) => p.startsWith(`${variable} `));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(why);
  });

  it('never echoes a value, which may be a secret', () => {
    const leaked = 'xoxp-0000-super-secret-user-token';
    expect(problemsFor({ ...httpMode, SLACK_BOT_TOKEN: leaked }).join('\n')).not.toContain('super-secret');
  });

  it('asks for the rest of the OAuth variables when only some are set', () => {
    const problems = problemsFor({ ...httpMode, SLACK_CLIENT_ID: '123.456' });
    expect(problems).toEqual([
      expect.stringMatching(/^SLACK_CLIENT_SECRET is missing .*Client Secret/),
      expect.stringMatching(/^SLACK_STATE_SECRET is missing .*openssl rand/),
    ]);
  });

  it('refuses a bot token together with OAuth (Bolt accepts one or the other)', () => {
    const problems = problemsFor({
      ...httpMode,
      SLACK_CLIENT_ID: '123.456',
      SLACK_CLIENT_SECRET: 'client-secret',
      SLACK_STATE_SECRET: 'a-long-random-state-secret',
    });
    expect(problems).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN must be unset in multi-workspace OAuth mode/)]);
  });

  it('reports every problem at once, in one readable message', () => {
    const error = (() => {
      try {
        loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^Invalid configuration:\n- /);
    for (const variable of ['PORT', 'LOG_LEVEL', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']) {
      expect(error?.message).toContain(`- ${variable} `);
    }
  });

  it('documents every variable it reads in .env.example', () => {
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const schemaBlock = source.slice(source.indexOf('const envSchema'), source.indexOf('const OAUTH_VARS'));
    const read = [...schemaBlock.matchAll(/^\s+([A-Z][A-Z_]+):/gm)].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(15);
    expect(documented.sort()).toEqual(read.sort());
  });
});

describe('loadLlmConfig', () => {
  it('reads only the model settings, so the CLI needs no Slack credentials', () => {
    expect(loadLlmConfig({ OPENAI_API_KEY: 'sk-test', LLM_VERIFY_NUDGES: 'off' })).toEqual({
      apiKey: 'sk-test',
      model: 'gpt-4o-mini',
      timeoutMs: 10_000,
      userDailyCap: 20,
      teamDailyCap: 500,
      verifyNudges: false,
    });
  });

  it('names a malformed model setting', () => {
    expect(() => loadLlmConfig({ LLM_TIMEOUT_MS: '60000' })).toThrow(/LLM_TIMEOUT_MS must be at most 10000/);
  });
});
