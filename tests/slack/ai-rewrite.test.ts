// End to end with the real OpenAI rewriter against a scripted OpenAI-compatible server on 127.0.0.1
// (OPENAI_BASE_URL): for a person's request the first reply carries the rules' answer and "refining…", then the same
// reply is updated in place with the model's judgement (findings it added or judged fine marked as its call) and its
// rewrite - clean drafts included; a failing model leaves the rules' answer with a note. Passive traffic calls the
// model only to verify a nudge, never for a message the rules find clean.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { analyze, RULE_IDS } from '../../src/engine/index.ts';
import { buttonClick, channelMessage, dmMessage, startHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
// FLAGGED is reported when a person asks; NUDGED is the one that nudges on its own, for passive traffic.
import { CLEAN, FLAGGED, NUDGED } from '../helpers/examples.ts';

const AI_REWRITE = 'We can ship SSO by Friday or keep [what slips] on track, not both. Which matters more?';

type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Request = { draft: string; flagged: { rule: string; quote: string }[]; verify: boolean; body: Record<string, any> };

/** What the data in the last user message says: the draft and the rules' findings. */
function readRequest(body: Record<string, any>): Request {
  const last = String(body.messages.at(-1).content);
  const draft = /<draft>\n([^]*)\n<\/draft>/.exec(last)?.[1] ?? '';
  const flagged = [...last.matchAll(/^- ([a-z-]+): "(.*)"$/gm)].map((m) => ({ rule: m[1]!, quote: m[2]! }));
  return { draft, flagged, verify: body.response_format?.json_schema?.name === 'verify_findings', body };
}

/**
 * A scripted OpenAI-compatible /v1/chat/completions: a queued reply if there is one, else `script` (by default it
 * confirms every nudge, and agrees with the rules' findings and rewrites with AI_REWRITE).
 */
class ScriptedModel {
  readonly requests: Request[] = [];
  readonly queue: Reply[] = [];
  script: (request: Request) => unknown = defaultScript;
  url = '';
  private server?: Server;

  async start() {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const request = readRequest(JSON.parse(raw));
        this.requests.push(request);
        const reply = this.queue.shift() ?? { status: 200, body: completion(this.script(request)) };
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(JSON.stringify(reply.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  reset() {
    this.requests.length = 0;
    this.queue.length = 0;
    this.script = defaultScript;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function defaultScript({ flagged, verify }: Request): unknown {
  if (verify) return { findings: flagged.map((f) => ({ rule: f.rule, confirmed: true })) };
  return { findings: flagged.map((f) => ({ ...f, why: 'The model agrees.' })), rewrite: AI_REWRITE, assumptions: ['what slips'] };
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

const model = new ScriptedModel();
const MODEL_ENV = () => ({ OPENAI_API_KEY: 'sk-test-not-real', OPENAI_BASE_URL: model.url, LLM_TIMEOUT_MS: '3000' });
let h: Harness;
beforeAll(async () => {
  await model.start();
  h = await startHarness({ env: MODEL_ENV() });
});
afterAll(async () => {
  await h.close();
  await model.close();
});
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
  model.reset();
});

const ids = (blocks: any[]) => blocks.map((b) => b.block_id);
const text = (blocks: any[], id: string): string | undefined =>
  blocks.find((b) => b.block_id === id)?.text?.text ?? blocks.find((b) => b.block_id === id)?.elements?.[0]?.text;
const findingTexts = (blocks: any[]) => blocks.filter((b) => /^finding-/.test(b.block_id ?? '')).map((b) => b.text.text as string);

let users = 0;
const newUser = () => `U-ai-${++users}`;

describe('the model judges what a person asked about', () => {
  it('/tradeoff: rules first with "refining…", then the AI rewrite and a diff in place', async () => {
    await h.command(FLAGGED);
    const [first, second] = await h.slack.waitFor('response_url', 2);
    expect(first!.args.replace_original).toBe(false);
    expect(text(first!.args.blocks, 'rewrite-notes')).toMatch(/Refining with AI/);
    expect(second!.args.replace_original).toBe(true);
    expect(second!.responseId).toBe(first!.responseId);
    expect(text(second!.args.blocks, 'rewrite')).toContain('(AI)');
    expect(text(second!.args.blocks, 'rewrite')).toContain('[what slips]');
    const diff = text(second!.args.blocks, 'diff');
    expect(diff).toMatch(/~\S+~/);
    expect(diff).toMatch(/\*\S+\*/);
    expect(text(second!.args.blocks, 'rewrite-notes') ?? '').not.toMatch(/Refining/);
    expect(model.requests).toHaveLength(1);
    expect(model.requests[0]!.body.store).toBe(false);
    expect(h.slack.violations).toEqual([]);
  });

  it('drops a rules finding it judges false, adds the one the rules missed, and ignores a quote not in the draft', async () => {
    // One sentence the rules flag, one they (so far) miss: whatever the engine says, the model disagrees on both.
    const missed = 'prob a sprint or so for the importer';
    const draft = `${FLAGGED} ${missed}.`;
    const rules = analyze(draft).findings;
    expect(rules.length).toBeGreaterThan(0);
    const addedRule = RULE_IDS.find((r) => !rules.some((f) => f.rule === r))!;
    const rewrite = 'We can ship SSO by Friday or keep [what slips] on track, not both. The importer is about a sprint, assuming [what it assumes].';
    model.script = () => ({
      findings: [
        { rule: addedRule, quote: missed, why: 'A loose estimate with nothing behind it.' },
        { rule: 'build-vs-buy', quote: 'we are writing our own broker', why: 'Not in the draft.' },
      ],
      rewrite,
      assumptions: ['what slips', 'what the estimate assumes'],
    });
    await h.command(draft);
    const [first, second] = await h.slack.waitFor('response_url', 2);

    // At once: the rules' answer.
    expect(findingTexts(first!.args.blocks)).toHaveLength(rules.length);
    expect(ids(first!.args.blocks)).not.toContain('ai-dropped');
    // In place: the model's judgement.
    expect(second!.args.replace_original).toBe(true);
    const shown = findingTexts(second!.args.blocks);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toContain('found by AI');
    expect(shown[0]).toContain(missed);
    expect(shown[0]).toContain('A loose estimate with nothing behind it.');
    const dropped = text(second!.args.blocks, 'ai-dropped')!;
    expect(dropped).toMatch(/The AI judged (this|these) fine here/);
    for (const f of rules) expect(dropped).toContain(`~${f.quote.replace(/\s+/g, ' ').trim().replaceAll('&', '&amp;')}~`);
    expect(JSON.stringify(second!.args.blocks)).not.toContain('broker');
    expect(text(second!.args.blocks, 'rewrite')).toContain('(AI)');
    // Feedback now counts the model's findings.
    const actions = second!.args.blocks.find((b: any) => b.block_id === 'coach-actions');
    expect(actions.elements[1].value).toBe(addedRule);
    expect(h.slack.violations).toEqual([]);
  });

  it('judges a draft the rules found clean, and updates "Nothing to fix" in place with what it found', async () => {
    const draft = 'yeah the search index can move to the new cluster, prob a sprint or so';
    expect(analyze(draft).findings).toEqual([]);
    const quote = 'prob a sprint or so';
    model.script = () => ({
      findings: [{ rule: 'unstated-assumptions', quote, why: 'A loose estimate.' }],
      rewrite: 'The search index can move to the new cluster in about a sprint, assuming [what it assumes].',
      assumptions: ['what the estimate assumes'],
    });
    await h.command(draft);
    const [first, second] = await h.slack.waitFor('response_url', 2);
    expect(text(first!.args.blocks, 'clean')).toMatch(/Nothing to fix/);
    expect(text(first!.args.blocks, 'rewrite-notes')).toMatch(/Checking with AI/);
    expect(model.requests[0]!.flagged).toEqual([]);
    expect(model.requests[0]!.body.messages.at(-1).content).toContain('<findings>\n(none)\n</findings>');
    expect(second!.responseId).toBe(first!.responseId);
    expect(findingTexts(second!.args.blocks)[0]).toContain('found by AI');
    expect(text(second!.args.blocks, 'rewrite')).toContain('(AI)');
  });

  it('a clean draft the model also finds clean: the note goes, nothing else changes', async () => {
    model.script = () => ({ findings: [], rewrite: CLEAN, assumptions: [] });
    await h.command(CLEAN);
    const [, second] = await h.slack.waitFor('response_url', 2);
    expect(text(second!.args.blocks, 'clean')).toMatch(/Nothing to fix/);
    expect(text(second!.args.blocks, 'rewrite-notes')).toBe('Checked with AI too.');
  });

  it('keeps the rules answer with a short note when the model fails', async () => {
    model.queue.push(serverError, serverError);
    await h.command(FLAGGED);
    const [, second] = await h.slack.waitFor('response_url', 2);
    expect(second!.args.replace_original).toBe(true);
    expect(text(second!.args.blocks, 'rewrite')).not.toContain('(AI)');
    expect(text(second!.args.blocks, 'rewrite-notes')).toMatch(/rules/);
  });

  it('DMs: posts, then chat.update on the same message (clean ones too)', async () => {
    await h.event(dmMessage(FLAGGED, { user: newUser() }));
    const [post] = await h.slack.waitFor('chat.postMessage');
    const [update] = await h.slack.waitFor('chat.update');
    expect(update!.args.channel).toBe(post!.args.channel);
    expect(update!.args.ts).toMatch(/^\d+\.\d+$/);
    expect(text(update!.args.blocks, 'rewrite')).toContain('(AI)');

    await h.event(dmMessage(CLEAN, { user: newUser() }));
    await h.slack.waitFor('chat.update', 2);
    expect(model.requests).toHaveLength(2);
  });

  it('the modal: result at once, then views.update of the same view', async () => {
    const res = await h.interaction({
      type: 'view_submission',
      team: { id: TEAM, domain: 'test' },
      user: { id: newUser(), username: 'x', team_id: TEAM },
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

  it('"Coach this message" on a clean message asks the model too', async () => {
    model.script = () => ({ findings: [], rewrite: CLEAN, assumptions: [] });
    await h.interaction({
      type: 'message_action', callback_id: 'coach_message', team: { id: TEAM, domain: 'test' }, user: { id: newUser(), username: 'x', team_id: TEAM },
      channel: { id: 'C5', name: 'eng' }, message: { type: 'message', user: 'U-other', ts: '1700000000.000300', text: CLEAN },
      message_ts: '1700000000.000300', response_url: h.slack.responseUrl(), trigger_id: '9.9.9', token: 't', action_ts: '1700000000.4',
    });
    const [, second] = await h.slack.waitFor('response_url', 2);
    expect(second!.args.replace_original).toBe(true);
    expect(model.requests).toHaveLength(1);
  });

  it('model output cannot ping anyone', async () => {
    model.queue.push({ status: 200, body: completion({ findings: [{ rule: 'sure-well-try', quote: "we'll try", why: '<!here> ping' }], rewrite: `<!channel> ${AI_REWRITE} <!here> <@U999>`, assumptions: ['<!everyone>'] }) });
    await h.command(FLAGGED);
    const replies = await h.slack.waitFor('response_url', 2);
    for (const reply of replies) expect(reply.raw).not.toMatch(/<!(channel|here|everyone)|<@U999>/);
  });
});

describe('passive traffic', () => {
  it('never calls the model for a message the rules find clean', async () => {
    for (let i = 0; i < 5; i++) await h.event(channelMessage(`${CLEAN} ${i}`, { user: newUser() }));
    await h.event(channelMessage('Deploy is green, moving on to the docs.', { user: newUser() }));
    await h.idle();
    expect(model.requests).toHaveLength(0);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('verifies a nudge by default when a model is configured', async () => {
    const user = newUser();
    await h.event(channelMessage(NUDGED, { user }));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe(user);
    expect(model.requests.map((r) => r.verify)).toEqual([true]);
  });

  it('a nudge the model rejects does not use the author\'s allowance', async () => {
    const user = newUser();
    model.script = ({ flagged }) => ({ findings: flagged.map((f) => ({ rule: f.rule, confirmed: false })) });
    await h.event(channelMessage(NUDGED, { user }));
    await h.idle(); // the listener awaits the model's verdict
    expect(model.requests).toHaveLength(1);
    expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(0);

    // Same author, same channel, within the cooldown: the rejected nudge took nothing, so this one goes out.
    model.script = defaultScript;
    await h.event(channelMessage(NUDGED, { user }));
    const [nudge] = await h.slack.waitFor('chat.postEphemeral');
    expect(nudge!.args.user).toBe(user);
  });
});

describe('team: null payloads (org-level installs)', () => {
  let capped: Harness;
  beforeAll(async () => {
    capped = await startHarness({ env: { ...MODEL_ENV(), LLM_USER_DAILY_CAP: '1', LLM_TEAM_DAILY_CAP: '1' } });
  });
  afterAll(async () => {
    await capped.close();
  });
  beforeEach(async () => {
    await capped.idle();
    capped.slack.reset();
  });

  const showRewrite = (h: Harness, user: string, ts: string, userTeam: string | undefined) =>
    h.interaction(
      buttonClick(h.slack, 'nudge_show_rewrite', JSON.stringify({ c: 'C9', ts }), {
        team: null,
        user: { id: user, username: 'x', ...(userTeam ? { team_id: userTeam } : {}) },
      }),
    );

  it('"Show a rewrite" counts against the caps of the user\'s team: 10 clicks past the caps make no call', async () => {
    const user = newUser();
    const ts = '1700000100.000100';
    capped.slack.setHistory('C9', [{ ts, user, text: FLAGGED }]);
    await showRewrite(capped, user, ts, TEAM);
    await capped.slack.waitFor('response_url', 2);
    expect(model.requests).toHaveLength(1); // both caps (1 a day) are now used up
    for (let i = 0; i < 10; i++) await showRewrite(capped, user, ts, TEAM);
    await capped.slack.waitFor('response_url', 22);
    await capped.idle();
    expect(model.requests).toHaveLength(1);
    expect(text(capped.slack.callsTo('response_url').at(-1)!.args.blocks, 'rewrite-notes')).toMatch(/limit reached/);
  });

  it('with no team id anywhere, "Show a rewrite" gets the rules answer and never reaches the model', async () => {
    const user = newUser();
    const ts = '1700000100.000200';
    capped.slack.setHistory('C9', [{ ts, user, text: FLAGGED }]);
    await showRewrite(capped, user, ts, undefined);
    const [reply] = await capped.slack.waitFor('response_url');
    await capped.idle();
    expect(findingTexts(reply!.args.blocks).length).toBeGreaterThan(0);
    expect(text(reply!.args.blocks, 'rewrite-notes') ?? '').not.toMatch(/Refining/);
    expect(capped.slack.callsTo('response_url')).toHaveLength(1);
    expect(model.requests).toHaveLength(0);
  });

  it('"Mute for today" mutes the user in their team', async () => {
    const user = newUser();
    await capped.interaction(buttonClick(capped.slack, 'nudge_mute_today', 'today', { team: null, user: { id: user, username: 'x', team_id: TEAM } }));
    const [reply] = await capped.slack.waitFor('response_url');
    expect(JSON.stringify(reply!.args.blocks)).toMatch(/Muted for today/);
    expect((await capped.store.getUserSettings(TEAM, user, Date.now())).muted).toBe(true);
  });
});
