// Multi-workspace mode: Bolt looks up the workspace's installation before it acks every request (Slack allows 3 s),
// so a short in-process cache keeps that lookup off the store for busy workspaces. Entries live `ttlMs`: another
// instance's uninstall is seen here within that time (Slack stops sending that workspace's events anyway).
import type { Installation, InstallationStore } from '@slack/bolt';

export interface InstallationCacheOptions {
  ttlMs?: number;
  /** Workspaces kept at most; the oldest entry goes first. */
  maxEntries?: number;
  /** Epoch ms; tests move it. */
  now?: () => number;
}

/** Org-wide installs are keyed by enterprise id, all others by team id (as in store/installations.ts). */
const keyOf = (q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }) =>
  `${q.isEnterpriseInstall ? 'E' : 'T'}:${q.isEnterpriseInstall ? q.enterpriseId : q.teamId}`;

export function withInstallationCache(
  inner: InstallationStore,
  { ttlMs = 60_000, maxEntries = 10_000, now = Date.now }: InstallationCacheOptions = {},
): InstallationStore {
  const cache = new Map<string, { installation: Installation; expiresAt: number }>();
  const remember = (key: string, installation: Installation) => {
    cache.delete(key); // re-insert so Map order stays "oldest first"
    cache.set(key, { installation, expiresAt: now() + ttlMs });
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
  };
  return {
    async storeInstallation(installation, logger) {
      await inner.storeInstallation(installation, logger);
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      remember(keyOf({ isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id }), installation as Installation);
    },
    async fetchInstallation(query, logger) {
      const key = keyOf(query);
      const hit = cache.get(key);
      if (hit && hit.expiresAt > now()) return hit.installation;
      const installation = await inner.fetchInstallation(query, logger);
      remember(key, installation);
      return installation;
    },
    async deleteInstallation(query, logger) {
      cache.delete(keyOf(query));
      await inner.deleteInstallation?.(query, logger);
    },
  };
}
