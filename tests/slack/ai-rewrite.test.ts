// End to end with the real OpenAI rewriter (issue 4) against a fake OpenAI-compatible server on 127.0.0.1
// (OPENAI_BASE_URL): the first reply carries the rules' rewrite and "refining…", then the same reply is updated
// in place with the AI rewrite and a word diff; a failing model leaves the rules' answer with a note.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channelMessage, dmMessage, startHarness, TEAM, type Harness } from '../helpers/app-harness.ts';

const FLAGGED = "Sure, we'll try to squeeze SSO in by Friday.";
const AI_REWRITE = 'We can ship SSO by Friday or keep [what slips] on track, not both. Which matters more?';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };

/** An OpenAI-compatible /v1/chat/completions that answers from a queue (default: a good rewrite). */
class FakeOpenAi {
  readonly requests: Record<string, any>[] = [];
  readonly queue: Reply[] = [];
  url = '';
  private server?: Server;

  async start() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        this.requests.push(JSON.parse(raw));
        const reply = this.queue.shift() ?? { status: 200, body: completion({ rewrite: AI_REWRITE, assumptions: ['what slips'] }) };
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function completion(content: unknown) {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: JSON.stringify(content), refusal: null } }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

const serverError = { status: 500, body: { error: { message: 'boom' } }, headers: { 'retry-after-ms': '1' } };

const openai = new FakeOpenAi();
let h: Harness;
beforeAll(async () => {
  await openai.start();
  h = await startHarness({ env: { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: openai.url, LLM_TIMEOUT_MS: '3000' } });
});
afterAll(async () => {
  await h.close();
  await openai.close();
});
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
  openai.requests.length = 0;
  openai.queue.length = 0;
});

const ids = (blocks: any[]) => blocks.map((b) => b.block_id);
const text = (blocks: any[], id: string) => blocks.find((b) => b.block_id === id)?.text?.text ?? blocks.find((b) => b.block_id === id)?.elements?.[0]?.text;

describe('AI rewrite', () => {
  it('/tradeoff: rules first with "refining…", then the AI rewrite and a diff in place', async () => {
    await h.command(FLAGGED);
    const [first, second] = await h.slack.waitFor('response_url', 2);
    expect(first!.args.replace_original).toBe(false);
    expect(text(first!.args.blocks, 'rewrite-notes')).toMatch(/Refining/);
    expect(second!.args.replace_original).toBe(true);
    expect(second!.responseId).toBe(first!.responseId);
    expect(text(second!.args.blocks, 'rewrite')).toContain('(AI)');
    expect(text(second!.args.blocks, 'rewrite')).toContain('[what slips]');
    const diff = text(second!.args.blocks, 'diff');
    expect(diff).toMatch(/~\S+~/);
    expect(diff).toMatch(/\*\S+\*/);
    expect(text(second!.args.blocks, 'rewrite-notes')).not.toMatch(/Refining/);
    expect(openai.requests).toHaveLength(1);
    expect(openai.requests[0]!.store).toBe(false);
    expect(h.slack.violations).toEqual([]);
  });

  it('keeps the rules rewrite with a short note when the model fails', async () => {
    openai.queue.push(serverError, serverError);
    await h.command(FLAGGED);
    const [, second] = await h.slack.waitFor('response_url', 2);
    expect(second!.args.replace_original).toBe(true);
    expect(text(second!.args.blocks, 'rewrite')).not.toContain('(AI)');
    expect(text(second!.args.blocks, 'rewrite-notes')).toMatch(/rules/);
  });

  it('DMs: posts, then chat.update on the same message', async () => {
    await h.event(dmMessage(FLAGGED, { user: 'U-ai-dm' }));
    const [post] = await h.slack.waitFor('chat.postMessage');
    const [update] = await h.slack.waitFor('chat.update');
    expect(update!.args.channel).toBe(post!.args.channel);
    expect(update!.args.ts).toMatch(/^\d+\.\d+$/);
    expect(text(update!.args.blocks, 'rewrite')).toContain('(AI)');
  });

  it('the modal: result at once, then views.update of the same view', async () => {
    const res = await h.interaction({
      type: 'view_submission',
      team: { id: TEAM, domain: 'test' },
      user: { id: 'U-ai-modal', username: 'x', team_id: TEAM },
      api_app_id: 'A1',
      token: 't',
      trigger_id: '1.2.3',
      view: {
        id: 'V-ai',
        type: 'modal',
        callback_id: 'coach_modal',
        title: { type: 'plain_text', text: 'Tradeoff Coach' },
        blocks: [],
        state: { values: { draft: { draft: { type: 'plain_text_input', value: FLAGGED } } } },
      },
    });
    expect(((await res.json()) as { response_action: string }).response_action).toBe('update');
    const [update] = await h.slack.waitFor('views.update');
    expect(update!.args.view_id).toBe('V-ai');
    expect(ids(update!.args.view.blocks)).toContain('diff');
  });

  it('never calls the model for a clean draft or for a passive nudge', async () => {
    await h.command('Thanks, merged!');
    await h.event(channelMessage(FLAGGED, { user: 'U-ai-nudge' }));
    await h.slack.waitFor('response_url');
    await h.slack.waitFor('chat.postEphemeral');
    await h.idle();
    expect(openai.requests).toHaveLength(0);
  });

  it('model output cannot ping anyone', async () => {
    openai.queue.push({ status: 200, body: completion({ rewrite: `<!channel> ${AI_REWRITE} <!here> <@U999>`, assumptions: ['<!everyone>'] }) });
    await h.command(FLAGGED);
    const replies = await h.slack.waitFor('response_url', 2);
    for (const reply of replies) expect(reply.raw).not.toMatch(/<!(channel|here|everyone)|<@U999>/);
  });
});

describe('LLM_VERIFY_NUDGES=true', () => {
  let v: Harness;
  beforeAll(async () => {
    v = await startHarness({
      env: { OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: openai.url, LLM_TIMEOUT_MS: '3000', LLM_VERIFY_NUDGES: 'true' },
    });
  });
  afterAll(async () => {
    await v.close();
  });

  const verdict = (confirmed: boolean) => ({ status: 200, body: completion({ findings: [{ rule: 'sure-well-try', confirmed }] }) });

  it('nudges only when the model confirms the finding', async () => {
    openai.queue.push(verdict(false));
    await v.event(channelMessage(FLAGGED, { user: 'U-verify-no' }));
    await v.idle(); // the listener awaits the model's verdict
    expect(openai.requests).toHaveLength(1);
    expect(v.slack.callsTo('chat.postEphemeral')).toHaveLength(0);

    openai.queue.push(verdict(true));
    await v.event(channelMessage(FLAGGED, { user: 'U-verify-yes' }));
    const [nudge] = await v.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe('U-verify-yes');
  });
});
