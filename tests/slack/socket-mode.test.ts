// Socket Mode (SLACK_APP_TOKEN set): the app opens a connection through apps.connections.open, acks each
// envelope on the socket, and answers as in HTTP mode; /healthz still listens on PORT.
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { channelMessage, startHarness, TEAM, type Harness } from '../helpers/app-harness.ts';
import { FLAGGED, NUDGED } from '../helpers/examples.ts';

const APP_TOKEN = 'xapp-1-A1-test-app-token';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SLACK_APP_TOKEN: APP_TOKEN, PORT: String(await freePort()) } });
});
afterAll(async () => {
  await h.close();
});

async function waitForAck(envelopeId: string) {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const ack = h.slack.socketMessages.find((m) => m.envelope_id === envelopeId);
    if (ack) return ack;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ack for ${envelopeId}`);
}

it('connects with the app token and serves /healthz', async () => {
  const [open] = h.slack.callsTo('apps.connections.open');
  expect(open!.authorization).toBe(`Bearer ${APP_TOKEN}`);
  expect(h.slack.socketCount).toBe(1);
  expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
});

it('acks a slash command envelope on the socket and replies through the response_url', async () => {
  h.slack.sendEnvelope({
    envelope_id: 'env-cmd',
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      command: '/tradeoff',
      text: FLAGGED,
      team_id: TEAM,
      user_id: 'U-sock',
      channel_id: 'C1',
      response_url: h.slack.responseUrl(),
      trigger_id: '1.2.3',
      api_app_id: 'A1',
    },
  });
  expect(await waitForAck('env-cmd')).toMatchObject({ envelope_id: 'env-cmd' });
  const [reply] = await h.slack.waitFor('response_url');
  expect(reply!.args.response_type).toBe('ephemeral');
});

it('acks an events_api envelope and nudges; a redelivered envelope (retry_attempt) is handled once', async () => {
  const envelope = (id: string, retry: number) => ({
    envelope_id: id,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: retry,
    retry_reason: retry ? 'timeout' : '',
    payload: {
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A1',
      event_id: 'Ev-socket-1',
      event: channelMessage(NUDGED, { user: 'U-sock-nudge' }),
      authorizations: [{ team_id: TEAM, user_id: 'UBOT', is_bot: true }],
    },
  });
  h.slack.sendEnvelope(envelope('env-ev-1', 0));
  h.slack.sendEnvelope(envelope('env-ev-2', 1));
  await waitForAck('env-ev-1');
  await waitForAck('env-ev-2');
  await h.slack.waitFor('chat.postEphemeral');
  await h.idle();
  expect(h.slack.callsTo('chat.postEphemeral')).toHaveLength(1);
});
