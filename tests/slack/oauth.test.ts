// Multi-workspace mode: with the three OAuth variables (and no bot token) the app serves Bolt's install flow,
// asking for exactly the manifest's scopes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/app-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '111.222', SLACK_CLIENT_SECRET: 'client-secret', SLACK_STATE_SECRET: 'state-secret-0123456789' },
  });
});
afterAll(async () => {
  await h.close();
});

it('redirects /slack/install to Slack with the bot scopes and a state', async () => {
  const res = await fetch(`${h.origin}/slack/install`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  expect(location.pathname).toBe('/oauth/v2/authorize');
  expect(location.searchParams.get('client_id')).toBe('111.222');
  expect(location.searchParams.get('scope')!.split(',').sort()).toEqual(['channels:history', 'chat:write', 'commands', 'groups:history', 'im:history']);
  expect(location.searchParams.get('state')).toBeTruthy();
  expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
});
