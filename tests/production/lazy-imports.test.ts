// What the default configuration (SQLite, no model, HTTP mode) never loads (issue 10): the openai SDK without a key,
// ioredis without REDIS_URL, and Bolt's Socket Mode client (with the npm undici behind it) in HTTP mode; and what
// it loads only when asked: the engine (wink-nlp and the trained weights, through src/engine-loader.ts). Each case
// runs in a fresh node process that records every package it resolves. And every way of starting it gives node the
// same flags.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { APP_NODE_FLAGS } from '../../scripts/startup.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `body` (an ES module snippet, after a resolve hook is in place) and returns the packages it loaded. */
async function packagesLoadedBy(body: string): Promise<{ packages: string[]; output: string }> {
  const script = `
    import { registerHooks } from 'node:module';
    const packages = new Set();
    registerHooks({
      resolve(specifier, context, next) {
        const resolved = next(specifier, context);
        const name = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url)?.[1];
        if (name) packages.add(name);
        return resolved;
      },
    });
    let output = '';
    ${body}
    console.log(JSON.stringify({ packages: [...packages], output }));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, timeout: 20_000 });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('the default configuration', () => {
  it('imports the openai SDK only when OPENAI_API_KEY is set, and ioredis only when REDIS_URL is', async () => {
    const { packages } = await packagesLoadedBy(`
      const { createRewriter } = await import('./src/llm/index.ts');
      const { createStore } = await import('./src/store/index.ts');
      const { loadConfig } = await import('./src/config.ts');
      const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATA_DIR: ':memory:' });
      createRewriter(config.llm);
      await (await createStore(config)).close();
      await import('./src/app.ts');`);
    expect(packages).toContain('@slack/bolt');
    expect(packages).not.toContain('openai');
    expect(packages).not.toContain('ioredis');
    expect(packages).not.toContain('wink-nlp'); // main.ts decides when (ENGINE_LOAD)
  });

  it('loads the engine on the first loadEngine() call, once, however many ask at the same time', async () => {
    const { packages, output } = await packagesLoadedBy(`
      const { loadEngine, whenEngineLoaded } = await import('./src/engine-loader.ts');
      await import('./src/app.ts');
      const before = [...packages].includes('wink-nlp');
      const loads = [];
      whenEngineLoaded((ms) => loads.push(ms));
      const [a, b] = await Promise.all([loadEngine(), loadEngine()]);
      await new Promise((resolve) => setImmediate(resolve));
      const analysis = a.analyze("Sure, we'll try to squeeze SSO in by Friday.");
      output = JSON.stringify({ before, same: a === b && (await loadEngine()) === a, loads: loads.length, findings: analysis.findings.length });`);
    expect(JSON.parse(output)).toEqual({ before: false, same: true, loads: 1, findings: expect.any(Number) });
    expect(JSON.parse(output).findings).toBeGreaterThan(0);
    expect(packages).toContain('wink-nlp');
  });

  it('does import them when they are configured', async () => {
    const { packages } = await packagesLoadedBy(`
      const { createRewriter } = await import('./src/llm/index.ts');
      const { openRedisStore } = await import('./src/store/index.ts');
      const { loadLlmConfig } = await import('./src/config.ts');
      await createRewriter(loadLlmConfig({ OPENAI_API_KEY: 'sk-test' })).rewrite({ draft: 'ok', analysis: { findings: [], nudge: false, needsContext: false } });
      await (await openRedisStore('redis://127.0.0.1:1', { startWaitMs: 10 })).close();`);
    expect(packages).toContain('openai');
    expect(packages).toContain('ioredis');
  });

  it("defers Bolt's Socket Mode client until something uses it, and then it is the real one", async () => {
    const { packages, output } = await packagesLoadedBy(`
      const { deferRequire } = await import('./src/defer-require.ts');
      deferRequire('@slack/bolt', '@slack/socket-mode');
      const { App, HTTPReceiver, SocketModeReceiver } = await import('@slack/bolt');
      new App({ token: 'xoxb-1', receiver: new HTTPReceiver({ signingSecret: 's' }), deferInitialization: true });
      const before = [...packages].includes('undici');
      const receiver = new SocketModeReceiver({ appToken: 'xapp-1' });
      output = JSON.stringify({ before, client: receiver.client.constructor.name });`);
    expect(JSON.parse(output)).toEqual({ before: false, client: 'SocketModeClient' });
    expect(packages).toContain('undici'); // loaded once the Socket Mode receiver was built
  });
});

describe('how the app is started', () => {
  it('gets the same node flags from npm start, the Dockerfile and the load script', () => {
    const start = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts.start as string;
    const cmd = JSON.parse(/^CMD\s+(\[.*\])\s*$/m.exec(readFileSync(`${ROOT}Dockerfile`, 'utf8'))![1]!) as string[];
    expect(start.split(' && ').at(-1)).toBe(['node', ...APP_NODE_FLAGS, 'src/main.ts'].join(' ')); // after the Node-version preflight
    expect(cmd).toEqual(['node', ...APP_NODE_FLAGS, 'src/main.ts']);
  });
});
