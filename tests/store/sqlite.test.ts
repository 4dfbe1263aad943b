// What only the SQLite backend promises: a WAL file in DATA_DIR that survives a restart and holds no text.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, openSqliteStore, SQLITE_FILE } from '../../src/store/index.ts';

const DAY = '2026-11-23';
let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tc-store-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SQLite store', () => {
  it('creates DATA_DIR and its file when missing, and is picked when REDIS_URL is unset', async () => {
    const dataDir = join(root, 'nested', 'data');
    const store = await createStore({ dataDir });
    await store.muteUser('T1', 'U1', null);
    await store.close();
    expect(existsSync(join(dataDir, SQLITE_FILE))).toBe(true);
  });

  it('keeps state across a restart, in WAL mode', async () => {
    const first = openSqliteStore(root);
    await first.muteUser('T1', 'U1', null);
    await first.recordFindings('T1', 'U1', ['no-next-step'], DAY);
    expect(await first.takeNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 5 })).toBe(true);
    await first.close();

    const second = openSqliteStore(root);
    expect((await second.getUserSettings('T1', 'U1', Date.now())).muted).toBe(true);
    expect((await second.countFindings('T1', 'U1', [DAY]))['no-next-step']).toBe(1);
    expect(await second.takeNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 5 })).toBe(false);
    await second.close();

    const db = new DatabaseSync(join(root, SQLITE_FILE), { readOnly: true });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('holds only ids, counters and settings: no text', async () => {
    const store = openSqliteStore(root);
    await store.firstSighting('Ev1');
    await store.takeNudge('T1', 'C1', 'U1', DAY, { cooldownSeconds: 600, dailyCap: 5 });
    await store.takeDaily('T1:llm:U1', DAY, 3);
    await store.muteUser('T1', 'U2', Date.now() + 60_000);
    await store.setChannelNudges('T1', 'C1', false);
    await store.recordFindings('T1', 'U1', ['unstated-assumptions'], DAY);
    await store.recordFeedback('T1', 'U1', true, undefined, DAY);
    await store.close();

    const db = new DatabaseSync(join(root, SQLITE_FILE), { readOnly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([{ name: 'kv' }]);
    const rows = db.prepare('SELECT key, value FROM kv').all() as { key: string; value: string }[];
    db.close();
    expect(rows).toHaveLength(8);
    for (const { key, value } of rows) {
      expect(key).toMatch(/^tc:(T1|event):[\w:-]+$/);
      expect(value).toMatch(/^(\d+|off)$/);
    }
  });

  it('deletes expired rows in bulk as it goes, so the file does not grow forever', async () => {
    const store = openSqliteStore(root);
    const rows = () => {
      const db = new DatabaseSync(join(root, SQLITE_FILE), { readOnly: true });
      const { n } = db.prepare('SELECT count(*) AS n FROM kv').get() as { n: number };
      db.close();
      return n;
    };
    const past = Date.now() - 1000;
    for (let i = 0; i < 499; i++) await store.muteUser('T1', `U${i}`, past);
    expect(rows()).toBe(499); // invisible already, still on disk
    expect((await store.getUserSettings('T1', 'U1', Date.now())).muted).toBe(false);
    await store.muteUser('T1', 'U499', past);
    expect(rows()).toBe(0);
    await store.close();
  });
});
