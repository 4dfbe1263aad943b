// Message shortcut "Coach this message": coaches the selected message privately for whoever invoked it, in that
// channel through the response_url, or (reply-delivery.ts) ephemerally or in the bot's DM when that fails.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { loadEngine } from '../../engine-loader.ts';
import { coach, MAX_DRAFT_CHARS, NO_PARENT_NOTE } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { REPLY } from '../views/replies.ts';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

export function coachMessageShortcut(deps: SlackDeps) {
  return async ({ ack, shortcut, client }: ShortcutArgs): Promise<void> => {
    await ack();
    const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const user = shortcut.user.id;
    const ids = { surface: 'shortcut', team, user, channel: shortcut.channel.id };
    const target = deps.replies.viaResponseUrl({ responseUrl: shortcut.response_url, client, team, user, channel: shortcut.channel.id, surface: 'shortcut' });
    try {
      const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
      if (text.trim() === '') return await target.send(REPLY.noText());
      const { context, note } = await threadParent(deps, client, team, shortcut, text);
      await coach(deps, { draft: text, context, note, team, user, surface: 'shortcut', cleanText: 'Nothing to fix in that message.' }, target);
    } catch (error) {
      deps.logger.warn({ ...ids, err: error }, 'shortcut coaching failed');
    }
  };
}

/**
 * For a thread reply whose reading depends on it, the message it answers: "sure, we'll try" reads differently after
 * "can you add SSO by Friday?" than after "want coffee?". The same cached, budgeted read as the nudges; when it
 * fails the reply is coached on its own, and says so.
 */
async function threadParent(deps: SlackDeps, client: ShortcutArgs['client'], team: string, shortcut: MessageShortcut, text: string) {
  const threadTs = typeof shortcut.message['thread_ts'] === 'string' ? shortcut.message['thread_ts'] : undefined;
  if (!threadTs || threadTs === shortcut.message.ts || !(await loadEngine()).analyze(text.slice(0, MAX_DRAFT_CHARS)).needsContext) return {};
  const parent = await deps.threads.parentOf(client, { team, channel: shortcut.channel.id, threadTs });
  return parent.ok ? { context: parent.text } : { note: NO_PARENT_NOTE };
}
