// "Forget me" (/tradeoff forget me, or the App Home button): deletes every stored entry whose key names the person in
// this workspace, and the thread parents they wrote from this process's cache.
import type { ForgottenData } from '../store/types.ts';
import type { SlackDeps } from './deps.ts';

export async function forgetMe(deps: SlackDeps, team: string, user: string): Promise<ForgottenData> {
  const forgotten = await deps.store.forgetUser(team, user);
  deps.threads.forgetAuthor(team, user);
  deps.logger.info({ surface: 'forget-me', team, user, ...forgotten }, 'person forgotten in this workspace');
  return forgotten;
}
