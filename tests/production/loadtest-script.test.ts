// A short, slow run of `npm run loadtest` so the script keeps working: it starts its own app, fake Slack and Redis,
// prints its figures and stops by itself. The real figures (200 requests/s for 30 s) are in the README, not asserted.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/loadtest.ts', import.meta.url));

it('runs a baseline and a Redis outage, acks everything and says what was delivered', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SCRIPT, '--seconds', '2', '--rate', '20', '--connections', '4', '--runs', 'baseline,redis-outage'],
    { timeout: 50_000 },
  );
  const [baseline, outage] = stdout.split(/\n(?=redis-outage)/);
  for (const run of [baseline!, outage!]) {
    expect(run).toMatch(/acks\s+\d+ 2xx, 0 non-2xx, 0 errors, 0 timeouts/);
    expect(run).toMatch(/ack latency \(ms\)\s+p50 \d+(\.\d+)?, p99 \d+(\.\d+)?, max \d+/);
    expect(run).toMatch(/RSS \(MB\)\s+idle before \d+, peak \d+, after \d+/);
    expect(run).toMatch(/duplicates\s+0 /);
  }
  const delivered = /replies delivered\s+commands (\d+)\/(\d+), nudges (\d+)\/(\d+), DMs (\d+)\/(\d+)/;
  const [, commands, commandsSent, nudges, nudgesSent, dms, dmsSent] = delivered.exec(baseline!)!.map(Number);
  expect(commandsSent).toBeGreaterThan(10);
  expect([commands, nudges, dms]).toEqual([commandsSent, nudgesSent, dmsSent]);
  expect(baseline).toMatch(/lost\s+0 /);
  // While Redis is down, commands and DMs are still answered.
  const [, oCommands, oCommandsSent, , , oDms, oDmsSent] = delivered.exec(outage!)!.map(Number);
  expect([oCommands, oDms]).toEqual([oCommandsSent, oDmsSent]);
}, 60_000);
