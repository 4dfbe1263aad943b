// Picks the backend: Redis when REDIS_URL is set (shared by several instances), else SQLite in DATA_DIR.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import type { Pino } from '../logger.ts';
import { KeyValueStore } from './kv-store.ts';
import { openSqlite } from './sqlite.ts';
import type { Store } from './types.ts';

export type { Day, FeedbackCounts, ForgottenData, NudgeLimits, RuleTally, Store, UserSettings } from './types.ts';
export { SQLITE_FILE } from './sqlite.ts';

/** How long the start waits for Redis before going on without it (calls fail fast until it connects). */
const REDIS_START_WAIT_MS = 3000;

export function openSqliteStore(dataDir: string): Store {
  return new KeyValueStore(openSqlite(dataDir));
}

export interface RedisStoreOptions {
  /** Connection lost / back, once per outage. */
  logger?: Pino;
  startWaitMs?: number;
}

/** Resolves once connected, or after a short wait when Redis is not there yet (it keeps reconnecting by itself). */
export async function openRedisStore(url: string, { logger, startWaitMs = REDIS_START_WAIT_MS }: RedisStoreOptions = {}): Promise<Store> {
  // ioredis is imported only for a Redis store: SQLite deployments never pay for it (issue 10).
  const { openRedis } = await import('./redis.ts');
  const { kv, ready } = openRedis(url, {
    onDown: (err) => logger?.warn({ err }, 'Redis connection lost; store calls fail until it is back'),
    onUp: () => logger?.info('Redis connected'),
  });
  const connected = await Promise.race([ready.then(() => true), sleep(startWaitMs, false, { ref: false })]);
  if (!connected) logger?.warn(`Redis not reachable after ${startWaitMs} ms; still trying`);
  return new KeyValueStore(kv);
}

export function createStore(config: Pick<Config, 'redisUrl' | 'dataDir'>, logger?: Pino): Promise<Store> {
  return config.redisUrl ? openRedisStore(config.redisUrl, { logger }) : Promise.resolve(openSqliteStore(config.dataDir));
}
