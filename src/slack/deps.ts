// What the listeners need from the outside world. main.ts builds the real ones; tests pass real ones too
// (SQLite or Redis store, a pino logger writing to a buffer), never mocks of our own modules.
import type { InstallationStore } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Rewriter } from '../llm/types.ts';
import type { NudgeLimits, Store } from '../store/types.ts';
import type { ThreadContext } from './thread-context.ts';
import type { ReplyDeliveries } from './reply-delivery.ts';

export interface SlackDeps {
  store: Store;
  rewriter: Rewriter;
  logger: Logger;
  nudgeLimits: NudgeLimits;
  /** Thread parents for replies whose reading depends on them (cached, budgeted reads). */
  threads: ThreadContext;
  /** Epoch ms. */
  now: () => number;
  /** Replies through a response_url, with retries and fallbacks (reply-delivery.ts). */
  replies: ReplyDeliveries;
  /** Multi-workspace mode only: the installations (deleted on uninstall, so caches forget them too). */
  installations?: Pick<InstallationStore, 'deleteInstallation'>;
}
