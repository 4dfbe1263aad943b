// `node src/main.ts` as a real process: it starts from the environment, serves, and exits cleanly on SIGTERM;
// bad configuration or a token Slack refuses stops the start with a message that says what to fix.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack-api.ts';
import { formBody, postSigned, SIGNING_SECRET } from '../helpers/slack-signing.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

let slack: FakeSlack;
let dir: string;
beforeAll(async () => {
  slack = await FakeSlack.start();
  dir = await mkdtemp(join(tmpdir(), 'tradeoff-main-'));
});
afterAll(async () => {
  await slack.close();
  await rm(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs main.ts in an empty directory (no stray .env) with only the given environment. */
function run(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [MAIN], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  return { child, output: () => output };
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('exited before it was ready');
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('not healthy in time');
}

const baseEnv = () => ({
  SLACK_BOT_TOKEN: 'xoxb-main-test-token',
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  DATA_DIR: join(dir, 'data'),
  LOG_LEVEL: 'info',
});

describe('npm start (src/main.ts)', () => {
  it('serves Slack requests, then exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = run({ ...baseEnv(), PORT: String(port) });
    await waitForHealth(port, child);
    const res = await postSigned(
      `http://127.0.0.1:${port}/slack/events`,
      formBody({ command: '/tradeoff', text: 'help', user_id: 'U1', team_id: 'T1', channel_id: 'C1', response_url: slack.responseUrl(), trigger_id: '1.2.3' }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await slack.waitFor('response_url');
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output()).toContain('shutting down');
    expect(output()).not.toContain('xoxb-main-test-token');
  });

  it('loads the engine for the first message by default, and once /healthz has said 200 with ENGINE_LOAD=after-start', async () => {
    const loaded = (output: string) => output.split('\n').filter((line) => line.includes('"engine loaded"'));
    const until = async (check: () => boolean) => {
      for (const deadline = Date.now() + 15_000; !check(); await new Promise((resolve) => setTimeout(resolve, 50))) {
        if (Date.now() > deadline) throw new Error('timed out');
      }
    };

    const lazyPort = await freePort();
    const lazy = run({ ...baseEnv(), PORT: String(lazyPort) });
    await waitForHealth(lazyPort, lazy.child);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // after-start would have loaded it by now
    expect(loaded(lazy.output())).toHaveLength(0);
    const responseUrl = slack.responseUrl();
    const res = await postSigned(
      `http://127.0.0.1:${lazyPort}/slack/events`,
      formBody({ command: '/tradeoff', text: "Sure, we'll try to squeeze SSO in by Friday.", user_id: 'U1', team_id: 'T1', channel_id: 'C1', response_url: responseUrl, trigger_id: '1.2.3' }),
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBe(200);
    await until(() => slack.callsTo('response_url').some((call) => responseUrl.endsWith(`/${call.responseId}`)));
    expect(loaded(lazy.output())).toHaveLength(1);
    expect(JSON.parse(loaded(lazy.output())[0]!)).toMatchObject({ engineLoad: 'first-use', ms: expect.any(Number) });
    lazy.child.kill('SIGTERM');
    await once(lazy.child, 'exit');

    const port = await freePort();
    const eager = run({ ...baseEnv(), PORT: String(port), ENGINE_LOAD: 'after-start' });
    await waitForHealth(port, eager.child);
    await until(() => loaded(eager.output()).length === 1);
    expect(JSON.parse(loaded(eager.output())[0]!)).toMatchObject({ engineLoad: 'after-start' });
    eager.child.kill('SIGTERM');
    await once(eager.child, 'exit');
  });

  it('refuses to start without a bot token, naming the variable and where to get it', async () => {
    const { SLACK_BOT_TOKEN: _omit, ...env } = baseEnv();
    const { child, output } = run({ ...env, PORT: '0' });
    const [code] = await once(child, 'exit');
    expect(code).toBe(78);
    expect(output()).toMatch(/SLACK_BOT_TOKEN/);
    expect(output()).toMatch(/OAuth & Permissions/);
  });

  it('stops with a clear message when Slack rejects the token', async () => {
    slack.failNext('auth.test', { error: 'invalid_auth' });
    const { child, output } = run({ ...baseEnv(), PORT: String(await freePort()) });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toMatch(/invalid_auth/);
  });
});
