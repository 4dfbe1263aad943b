// Bolt's InstallationStore over our Store: team and org installs, uninstall, and a Redis outage after a first read.
import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRedisStore, openSqliteStore } from '../../src/store/index.ts';
import { toInstallationStore } from '../../src/store/installations.ts';
import { startRedis, type RedisServer } from '../helpers/redis.ts';

const teamInstall = {
  team: { id: 'T1', name: 'Acme' },
  enterprise: undefined,
  user: { id: 'U1', token: undefined, scopes: undefined },
  bot: { id: 'B1', userId: 'UB1', token: 'xoxb-team-token', scopes: ['commands', 'chat:write'] },
  isEnterpriseInstall: false,
  authVersion: 'v2',
  appId: 'A1',
} satisfies Installation<'v2', false>;

const orgInstall = {
  team: undefined,
  enterprise: { id: 'E1', name: 'Acme Grid' },
  user: { id: 'U2', token: undefined, scopes: undefined },
  bot: { id: 'B2', userId: 'UB2', token: 'xoxb-org-token', scopes: ['commands'] },
  isEnterpriseInstall: true,
  authVersion: 'v2',
  appId: 'A1',
} satisfies Installation<'v2', true>;

describe('toInstallationStore', () => {
  it('stores and fetches team and org-wide installations, and deletes them on uninstall', async () => {
    const store = openSqliteStore(':memory:');
    const installations = toInstallationStore(store);
    await installations.storeInstallation(teamInstall);
    await installations.storeInstallation(orgInstall);

    const forTeam = await installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(forTeam.bot?.token).toBe('xoxb-team-token');
    // A workspace of the grid, asking with the org flag, gets the org install.
    const forOrg = await installations.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true });
    expect(forOrg.bot?.token).toBe('xoxb-org-token');

    await installations.deleteInstallation!({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(
      installations.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/No installation for T1/);
    await store.close();
  });

  it('refuses a query without the id it needs', async () => {
    const installations = toInstallationStore(openSqliteStore(':memory:'));
    await expect(
      installations.fetchInstallation({ teamId: undefined as unknown as string, enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/without a team id/);
  });

  describe('on Redis', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(() => redis?.stop());

    it('keeps serving a workspace it has already seen while Redis is down, and only that one', async () => {
      const store = await openRedisStore(redis.url);
      const installations = toInstallationStore(store);
      await installations.storeInstallation(teamInstall);
      await installations.storeInstallation(orgInstall);
      // A second instance has read T1 once; it has never read E1.
      const otherStore = await openRedisStore(redis.url);
      const other = toInstallationStore(otherStore);
      await other.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });

      await redis.stop();
      const warnings: unknown[][] = [];
      const logger = { warn: (...args: unknown[]) => void warnings.push(args) } as unknown as Parameters<typeof other.fetchInstallation>[1];
      const cached = await other.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false }, logger);
      expect(cached.bot?.token).toBe('xoxb-team-token');
      expect(warnings).toHaveLength(1);
      await expect(
        other.fetchInstallation({ teamId: undefined, enterpriseId: 'E1', isEnterpriseInstall: true }),
      ).rejects.toThrow();
      await redis.restart();
      await Promise.all([store.close(), otherStore.close()]);
    });
  });
});
