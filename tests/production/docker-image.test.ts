// No Docker engine runs on our machines, so this test does what the image does: copy what the Dockerfile copies,
// install production dependencies only, run the image's CMD with Node, and expect 200 from /healthz.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** Sources the final stage copies from the build context (not `--from=` another stage). */
function copiedFromContext(text: string): string[] {
  const sources: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^COPY\s+(.*)$/.exec(line.trim());
    if (!m || m[1]!.includes('--from=')) continue;
    const args = m[1]!.split(/\s+/).filter((a) => !a.startsWith('--'));
    sources.push(...args.slice(0, -1));
  }
  return [...new Set(sources)];
}

function cmdOf(text: string): string[] {
  const m = /^CMD\s+(\[.*\])\s*$/m.exec(text);
  if (!m) throw new Error('Dockerfile has no exec-form CMD');
  return JSON.parse(m[1]!) as string[];
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

describe('the Docker image, emulated', () => {
  let dir: string;
  let app: ChildProcess | undefined;
  let fakeSlack: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tc-image-'));
    for (const source of copiedFromContext(dockerfile)) cpSync(join(root, source), join(dir, source), { recursive: true });
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, stdio: 'ignore' });
    // A Web API stand-in, so nothing leaves the machine even if the app calls Slack at start.
    fakeSlack = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }));
    }).listen(0, '127.0.0.1');
  }, 180_000);

  afterAll(() => {
    app?.kill('SIGTERM');
    fakeSlack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs as the non-root node user with an init process, exec-form CMD and a Node healthcheck', () => {
    expect(dockerfile).toMatch(/^FROM node:24[\w.-]*/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m);
    expect(cmdOf(dockerfile)[0]).toBe('node');
    expect(dockerfile).toMatch(/^HEALTHCHECK[^\n]*\\\n\s*CMD \["node"/m);
  });

  it('starts from what the image holds and answers /healthz with 200', async () => {
    const port = await freePort();
    const [bin, ...args] = cmdOf(dockerfile);
    const { port: slackPort } = fakeSlack.address() as AddressInfo;
    app = spawn(bin === 'node' ? process.execPath : bin!, args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        DATA_DIR: join(dir, 'data'),
        SLACK_BOT_TOKEN: 'xoxb-test-image',
        SLACK_SIGNING_SECRET: 'image-test-signing-secret',
        SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    app.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 30_000;
    let status = 0;
    while (Date.now() < deadline && app.exitCode === null) {
      status = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status, () => 0);
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status, stderr.slice(0, 2000)).toBe(200);
  }, 60_000);
});
