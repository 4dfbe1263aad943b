// The few storage primitives the Store needs. Each backend (SQLite, Redis) implements only these; the domain logic
// (which keys, which limits, which TTLs) is written once, in kv-store.ts.

/** A counter that may be taken while below `cap`; it disappears `ttlMs` after it was first taken. */
export interface Counter {
  key: string;
  cap: number;
  ttlMs: number;
}

export interface Entry {
  key: string;
  value: string;
}

export interface KeyValue {
  /** Atomically: when every counter is below its cap, adds 1 to each and returns true; otherwise changes nothing. */
  takeAll(counters: readonly Counter[]): Promise<boolean>;
  /** Adds 1 to each key (a key listed twice gets 2) and (re)sets its time to live. */
  increment(keys: readonly string[], ttlMs: number): Promise<void>;
  /** Current value of each counter; 0 when absent or expired. */
  counts(keys: readonly string[]): Promise<number[]>;

  get(key: string): Promise<string | undefined>;
  /** expiresAt: epoch ms after which the key is gone; omitted = kept until deleted. */
  set(key: string, value: string, expiresAt?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Deletes every key starting with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  /**
   * Deletes every key starting with `prefix` that has `id` as one of its ':'-separated parts after the prefix
   * (`tc:T1:` and `U1` match `tc:T1:mute:U1` and `tc:T1:llm:user:U1:2025-01-01`, not `tc:T1:mute:U10`).
   * Returns the deleted keys that were still live, with their values.
   */
  deleteNaming(prefix: string, id: string): Promise<Entry[]>;

  ping(): Promise<boolean>;
  close(): Promise<void>;
}
