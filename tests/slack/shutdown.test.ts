// Graceful stop: requests already acknowledged finish their work (here, a slow response_url) before stop() resolves.
import { expect, it } from 'vitest';
import { startHarness } from '../helpers/app-harness.ts';

it('stop() waits for acknowledged work to finish, then the port is closed', async () => {
  const h = await startHarness();
  try {
    h.slack.delay('response_url', 400);
    const res = await h.command("Sure, we'll try to squeeze SSO in by Friday.");
    expect(res.status).toBe(200); // acked before the slow reply
    const started = Date.now();
    await h.coach.stop(5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(h.slack.callsTo('response_url')).toHaveLength(1);
    expect(h.logs.some((l) => l.msg === 'stopped with work still in flight')).toBe(false);
    await expect(fetch(`${h.origin}/healthz`)).rejects.toThrow();
  } finally {
    await h.store.close();
    await h.slack.close();
  }
});
