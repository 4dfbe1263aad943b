// The project's shared folder (../shared beside the repo: the labelled corpus and references) is not in the repo.
// Tests that read it ask here: without it they skip (one line, printed once by vitest's globalSetup, below), except
// in CI (CI=true), where a missing corpus fails the run instead of quietly testing less.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const DEV_CORPUS = `${SHARED_DIR}corpus/dev.jsonl`;
export const TRAIN_CORPUS = `${SHARED_DIR}corpus/train.jsonl`;

const inCi = () => /^(1|true)$/i.test(process.env.CI ?? '');
const absent = () => [DEV_CORPUS, TRAIN_CORPUS].filter((f) => !existsSync(f));
const missing = () =>
  `${absent().join(' and ')} not found: the labelled corpus is not in this repo but in the project's shared folder, laid beside the clone as ../shared`;

/** The dev corpus's path, or undefined (skip) when ../shared is absent; in CI its absence is an error. */
export function devCorpus(): string | undefined {
  if (existsSync(DEV_CORPUS)) return DEV_CORPUS;
  if (inCi()) throw new Error(missing());
  return undefined;
}

/** Whether the whole labelled corpus (train + dev) is there; in CI its absence is an error. */
export function hasSharedCorpus(): boolean {
  if (absent().length === 0) return true;
  if (inCi()) throw new Error(missing());
  return false;
}

/** vitest globalSetup: says once why the corpus tests skip, or stops a CI run that has no corpus. */
export default function setup(): void {
  if (absent().length === 0) return;
  if (inCi()) throw new Error(`${missing()} (CI=true: corpus tests may not skip)`);
  process.stdout.write(`skipping the corpus tests: ${missing()}\n`);
}
