// The in-process installation cache in front of the store (multi-workspace mode), on a real SQLite store: Bolt's
// per-request lookups are served from memory for a minute, an uninstall is forgotten at once, and memory is bounded.
import type { Installation } from '@slack/bolt';
import { afterEach, expect, it } from 'vitest';
import { withInstallationCache } from '../../src/slack/installation-cache.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { toInstallationStore } from '../../src/store/installations.ts';

const store = openSqliteStore(':memory:');
afterEach(async () => {
  for (const team of ['T1', 'T2', 'T3']) await store.deleteWorkspace(team);
});

const installation = (team: string) =>
  ({ team: { id: team }, enterprise: undefined, bot: { token: `xoxb-${team}`, userId: 'UBOT', id: 'B1', scopes: [] }, isEnterpriseInstall: false }) as unknown as Installation;
const query = (teamId: string) => ({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });

it('answers from memory for the TTL, then reads the store again', async () => {
  let now = 0;
  const cached = withInstallationCache(toInstallationStore(store), { ttlMs: 60_000, now: () => now });
  await cached.storeInstallation(installation('T1'));
  await store.deleteInstallation('T1'); // behind the cache's back, as another instance's uninstall would be
  now = 59_000;
  expect((await cached.fetchInstallation(query('T1'))).bot?.token).toBe('xoxb-T1');
  now = 60_001;
  await expect(cached.fetchInstallation(query('T1'))).rejects.toThrow(/No installation/);
});

it('forgets an installation deleted through it at once', async () => {
  const cached = withInstallationCache(toInstallationStore(store));
  await cached.storeInstallation(installation('T2'));
  await cached.deleteInstallation!(query('T2'));
  await expect(cached.fetchInstallation(query('T2'))).rejects.toThrow(/No installation/);
  expect(await store.getInstallation('T2')).toBeUndefined();
});

it('keeps at most maxEntries workspaces, dropping the oldest', async () => {
  const cached = withInstallationCache(toInstallationStore(store), { maxEntries: 2 });
  for (const team of ['T1', 'T2', 'T3']) await cached.storeInstallation(installation(team));
  for (const team of ['T1', 'T2', 'T3']) await store.deleteInstallation(team);
  await expect(cached.fetchInstallation(query('T1'))).rejects.toThrow(/No installation/);
  expect((await cached.fetchInstallation(query('T3'))).bot?.token).toBe('xoxb-T3');
});
