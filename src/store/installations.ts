// Bolt's InstallationStore (multi-workspace OAuth) on top of our Store, so installations live in SQLite or Redis
// with everything else and are deleted with the workspace.
import type { Installation, InstallationQuery, InstallationStore, Logger } from '@slack/bolt';
import type { Store } from './types.ts';

/** Org-wide installs are kept under the enterprise id, all others under the team id (as Bolt's own stores do). */
function installationId(query: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  const id = query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
  if (!id) throw new Error(`installation without ${query.isEnterpriseInstall ? 'an enterprise' : 'a team'} id`);
  return id;
}

/**
 * Bolt calls fetchInstallation before it acks each request, so a store outage would silence the bot for every
 * workspace. The last installation seen per workspace is kept in memory and used only while the store fails.
 */
export function toInstallationStore(store: Store): InstallationStore {
  const lastSeen = new Map<string, Installation>();
  return {
    async storeInstallation(installation: Installation) {
      const id = installationId({
        isEnterpriseInstall: installation.isEnterpriseInstall,
        enterpriseId: installation.enterprise?.id,
        teamId: installation.team?.id,
      });
      await store.saveInstallation(id, JSON.stringify(installation));
      lastSeen.set(id, installation);
    },

    async fetchInstallation(query: InstallationQuery<boolean>, logger?: Logger) {
      const id = installationId(query);
      let json: string | undefined;
      try {
        json = await store.getInstallation(id);
      } catch (error) {
        const cached = lastSeen.get(id);
        if (!cached) throw error;
        logger?.warn('Store unavailable; using the installation last read for this workspace', error);
        return cached;
      }
      if (json === undefined) {
        lastSeen.delete(id);
        throw new Error(`No installation for ${id}`);
      }
      const installation = JSON.parse(json) as Installation;
      lastSeen.set(id, installation);
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const id = installationId(query);
      lastSeen.delete(id);
      await store.deleteInstallation(id);
    },
  };
}
