// The privacy promise, end to end: every Slack flow runs over real HTTP with a draft holding a made-up marker word,
// with the model on (rewrite and nudge check), logging at debug. Afterwards the marker must be nowhere in the logs,
// nor in the store: the SQLite files' bytes (WAL included) or any Redis key or value. The marker does reach Slack
// and the model, which shows the flows really carried it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/engine/index.ts';
import { buttonClick, channelMessage, dmMessage, startHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
import { DEMANDING_PARENT, FLAGGED, FLAGGED_RULE } from '../helpers/examples.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

const MARKER = 'Quixotlmarker';
/** FLAGGED (tests/helpers/examples.ts) with the marker in it: reported when asked, nudged under DEMANDING_PARENT. */
const DRAFT = FLAGGED.replace('squeeze ', `squeeze ${MARKER} `);
const PARENT_TS = '1700000000.000050';
const marker = new RegExp(MARKER, 'i');

/** An OpenAI-compatible server that rewrites (echoing the marker back) and confirms every nudge. */
async function startFakeModel(): Promise<{ url: string; bodies: string[]; close(): Promise<void> }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      bodies.push(raw);
      const verify = JSON.parse(raw).response_format?.json_schema?.name === 'verify_findings';
      const content = verify
        ? { findings: RULE_IDS.map((rule) => ({ rule, confirmed: true })) }
        : { rewrite: `We can ship ${MARKER} SSO by Friday or keep [what slips] on track, not both. Which matters more?`, assumptions: ['what slips'] };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'chatcmpl-1', object: 'chat.completion', created: 1_700_000_000, model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: JSON.stringify(content), refusal: null } }],
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(['sqlite', 'redis'] as const)('no message text in logs or the %s store', (backend) => {
  let h: Harness;
  let redis: RedisServer | undefined;
  let model: Awaited<ReturnType<typeof startFakeModel>>;
  let dataDir: string;

  beforeAll(async () => {
    model = await startFakeModel();
    dataDir = await mkdtemp(join(tmpdir(), 'tradeoff-privacy-'));
    redis = backend === 'redis' ? await startRedis() : undefined;
    h = await startHarness({
      env: {
        LOG_LEVEL: 'debug',
        OPENAI_API_KEY: 'sk-test-not-real',
        OPENAI_BASE_URL: model.url,
        LLM_VERIFY_NUDGES: 'true',
        DATA_DIR: dataDir,
        ...(redis ? { REDIS_URL: redis.url } : {}),
      },
    });
  });
  afterAll(async () => {
    await h?.close();
    await redis?.stop();
    await model?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs every flow with the marker: command, modal, nudge and its rewrite, DM, shortcut, buttons, App Home', async () => {
    const user = { id: 'U1', username: 'alice', team_id: TEAM };
    await h.command(DRAFT);
    await h.command(''); // opens the modal
    await h.interaction({
      type: 'view_submission', team: { id: TEAM, domain: 'test' }, user, api_app_id: 'A1', token: 't', trigger_id: '1.2.3',
      view: {
        id: 'V1', type: 'modal', callback_id: 'coach_modal', hash: 'h', title: { type: 'plain_text', text: 'Tradeoff Coach' }, blocks: [],
        private_metadata: '', state: { values: { draft: { draft: { type: 'plain_text_input', value: DRAFT } } } },
      },
    });
    // A passive nudge for the draft needs a parent that asks for something: the reply goes in such a thread.
    const nudged = channelMessage(DRAFT, { channel: 'C7', thread_ts: PARENT_TS });
    h.slack.setHistory('C7', [
      { ts: PARENT_TS, user: 'U-pm', text: DEMANDING_PARENT },
      { ts: String(nudged.ts), user: 'U1', text: DRAFT, thread_ts: PARENT_TS },
    ]);
    await h.event(nudged);
    await h.slack.waitFor('chat.postEphemeral');
    await h.interaction(buttonClick(h.slack, 'nudge_show_rewrite', JSON.stringify({ c: 'C7', ts: nudged.ts, th: PARENT_TS })));
    await h.event(dmMessage(DRAFT));
    await h.interaction({
      type: 'message_action', callback_id: 'coach_message', team: { id: TEAM, domain: 'test' }, user, channel: { id: 'C5', name: 'eng' },
      message: { type: 'message', user: 'U-other', ts: '1700000000.000300', text: DRAFT }, message_ts: '1700000000.000300',
      response_url: h.slack.responseUrl(), trigger_id: '9.9.9', token: 't', action_ts: '1700000000.4',
    });
    await h.interaction(buttonClick(h.slack, 'coach_helpful', FLAGGED_RULE));
    await h.interaction(buttonClick(h.slack, 'coach_detail', FLAGGED_RULE));
    await h.interaction(buttonClick(h.slack, 'nudge_not_helpful', FLAGGED_RULE));
    await h.event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home', event_ts: '1700000000.1' });
    await h.slack.waitFor('views.publish');
    await h.idle();

    // The marker really travelled: to Slack in the replies and to the model in its prompts.
    const toSlack = h.slack.calls.filter((call) => marker.test(call.raw)).map((call) => call.method);
    // (The nudge may also quote the author's own trigger words back to them, privately, depending on the rule's span.)
    expect([...new Set(toSlack)]).toEqual(expect.arrayContaining(['response_url', 'chat.postMessage', 'chat.update', 'views.update']));
    expect(model.bodies.some((body) => marker.test(body))).toBe(true);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(1); // the model confirmed the nudge
    expect(h.logs.filter((line) => line.level === 20).length, JSON.stringify(h.logs.map((l) => l.msg))).toBeGreaterThan(50); // debug lines were written
  });

  it('wrote no message text to the logs', () => {
    expect(h.logText()).not.toMatch(marker);
    expect(h.logText()).not.toContain('squeeze');
  });

  it('kept no message text in the store', async () => {
    if (backend === 'sqlite') {
      const files = (await readdir(dataDir)).filter((name) => name.startsWith('tradeoff-coach.sqlite'));
      expect(files).toContain('tradeoff-coach.sqlite');
      const bytes = Buffer.concat(await Promise.all(files.map((name) => readFile(join(dataDir, name)))));
      expect(bytes.toString('latin1')).toMatch(/tc:T1:findings:U1:/); // the store was written to
      expect(bytes.toString('latin1')).not.toMatch(marker);
      expect(bytes.toString('utf16le')).not.toMatch(marker);
      return;
    }
    const client = new Redis(redis!.url);
    try {
      const keys = await client.keys('*');
      expect(keys.some((key) => key.startsWith('tc:T1:findings:U1:'))).toBe(true);
      for (const key of keys) {
        expect(key).not.toMatch(marker);
        expect((await client.dumpBuffer(key))?.toString('latin1') ?? '').not.toMatch(marker);
      }
    } finally {
      client.disconnect();
    }
  });
});
