// /tradeoff over real HTTP: signed form posts in, replies through the response_url (ephemeral), modal via views.open.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.ts';

const FLAGGED = "Sure, we'll try to squeeze SSO in by Friday.";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.idle();
  h.slack.reset();
});

describe('/tradeoff <draft>', () => {
  it('acks at once and replies privately with findings, the rewrite and buttons', async () => {
    const res = await h.command(FLAGGED);
    expect(res.status).toBe(200);
    const [reply] = await h.slack.waitFor('response_url');
    expect(reply!.args.response_type).toBe('ephemeral');
    const blocks = reply!.args.blocks as any[];
    expect(blocks.some((b) => b.block_id?.startsWith('finding-'))).toBe(true);
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions.elements.map((e: any) => e.action_id)).toEqual(['coach_detail', 'coach_helpful', 'coach_not_helpful']);
    expect(actions.elements[0].value).toContain('sure-well-try');
    expect(typeof reply!.args.text).toBe('string');
    expect(h.slack.violations).toEqual([]);
  });
});
