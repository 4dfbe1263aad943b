// The labelled corpora in ../shared/corpus, and the folds every script and test shares.
// Scripts and tests read ../shared; the product never does.
import { existsSync, readFileSync } from 'node:fs';
import type { RuleId } from '../src/engine/index.ts';

export interface LabelledMessage {
  id: string;
  text: string;
  context?: string;
  expect: RuleId[];
  /** The thread the message comes from (names replaced); folds never split a thread. */
  source?: string;
  /** train.jsonl only: `stream` (consecutive comments, the real mix) or `selected` (found for a gap). */
  how?: 'stream' | 'selected';
}

export const SHARED_CORPUS = new URL('../../shared/corpus/', import.meta.url).pathname;
export const DEV_CORPUS = SHARED_CORPUS + 'dev.jsonl';
export const TRAIN_CORPUS = SHARED_CORPUS + 'train.jsonl';

export function readCorpus(path: string): LabelledMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledMessage);
}

/** train.jsonl + dev.jsonl, or the names of the files that are missing. */
export function readSharedCorpus(): { messages: LabelledMessage[]; missing: string[] } {
  const files = [TRAIN_CORPUS, DEV_CORPUS];
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) return { messages: [], missing };
  return { messages: files.flatMap(readCorpus), missing };
}

export const FOLDS = 5;
/** The fold set aside at the start: read only as figures, never message by message. */
export const SEALED_FOLD = 0;

/** Sources that are not threads (hand-written scenarios): each message is its own group. */
const NOT_A_THREAD = new Set(['scenario']);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h;
}

export function groupOf(m: LabelledMessage): string {
  return m.source && !NOT_A_THREAD.has(m.source) ? m.source : `${m.source ?? ''}#${m.id}`;
}

/**
 * Grouped k-fold: no thread on both sides. Groups go, largest first (ties by a hash of the name, so the
 * assignment depends only on the data), to the fold with the fewest messages so far.
 */
export function assignFolds(messages: readonly LabelledMessage[], k = FOLDS): number[] {
  const sizes = new Map<string, number>();
  for (const m of messages) sizes.set(groupOf(m), (sizes.get(groupOf(m)) ?? 0) + 1);
  const groups = [...sizes].sort((a, b) => b[1] - a[1] || fnv1a(a[0]) - fnv1a(b[0]) || (a[0] < b[0] ? -1 : 1));
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const [group, size] of groups) {
    let best = 0;
    for (let f = 1; f < k; f++) if (load[f]! < load[best]!) best = f;
    foldOf.set(group, best);
    load[best]! += size;
  }
  return messages.map((m) => foldOf.get(groupOf(m))!);
}
