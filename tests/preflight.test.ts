// scripts/preflight.js runs before any TypeScript (npm start, coach, test, eval, bench, loadtest, typecheck): on Node
// older than 24 it says so in one line and exits 2, instead of ERR_UNKNOWN_FILE_EXTENSION ".ts".
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PREFLIGHT = join(ROOT, 'scripts/preflight.js');
const LINE = (version: string) => `Tradeoff Coach needs Node.js 24 or newer (found ${version}): see README, Quick start\n`;

/** Every other `node` on PATH (machines here have Node 20 in /usr/bin), with its version. */
function otherNodes(): { path: string; version: string }[] {
  const found = new Map<string, string>();
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat('/usr/bin', '/usr/local/bin')) {
    let path = join(dir, 'node');
    try {
      accessSync(path, constants.X_OK);
      path = realpathSync(path);
    } catch {
      continue;
    }
    const version = spawnSync(path, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    if (version && version !== process.versions.node) found.set(path, version);
  }
  return [...found].map(([path, version]) => ({ path, version }));
}

describe('preflight', () => {
  it('is silent on this Node', () => {
    const run = spawnSync(process.execPath, [PREFLIGHT], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', '']);
  });

  it('stops an older Node with one line and exit 2 (its version faked here)', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); await import(${JSON.stringify(PREFLIGHT)});`],
      { encoding: 'utf8' },
    );
    expect([run.status, run.stdout, run.stderr]).toEqual([2, '', LINE('20.20.2')]);
  });

  const older = otherNodes().filter((n) => Number(n.version.split('.')[0]) < 24);
  it.skipIf(older.length === 0).each(older)('stops the real Node $version at $path before any TypeScript', ({ path, version }) => {
    for (const entry of [[PREFLIGHT], ['--import', PREFLIGHT, join(ROOT, 'src/cli/coach.ts'), 'draft']]) {
      const run = spawnSync(path, entry, { encoding: 'utf8', cwd: ROOT });
      expect([run.status, run.stderr]).toEqual([2, LINE(version)]);
    }
  });

  it('runs first in every npm script that runs TypeScript', () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    for (const [name, command] of Object.entries(scripts)) {
      expect(command.startsWith('node scripts/preflight.js && '), name).toBe(true);
    }
  });
});
