// Message shortcut "Coach this message": coaches the selected message privately for whoever invoked it, in that
// channel through the response_url, or in the bot's DM when Slack will not let us answer there.
import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { coach, viaMessage, viaRespond, withFallback } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { REPLY } from '../views/replies.ts';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>;

export function coachMessageShortcut(deps: SlackDeps) {
  return async ({ ack, shortcut, client, respond }: ShortcutArgs): Promise<void> => {
    await ack();
    const team = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const user = shortcut.user.id;
    const ids = { surface: 'shortcut', team, user, channel: shortcut.channel.id };
    const target = withFallback(viaRespond(respond), () => viaMessage(client, user), (error) =>
      deps.logger.info({ ...ids, err: error }, 'response_url refused; coaching in the DM instead'),
    );
    try {
      const text = typeof shortcut.message.text === 'string' ? shortcut.message.text : '';
      if (text.trim() === '') return await target.send(REPLY.noText());
      await coach(deps, { draft: text, team, user, surface: 'shortcut', cleanText: 'Nothing to fix in that message.' }, target);
    } catch (error) {
      deps.logger.warn({ ...ids, err: error }, 'shortcut coaching failed');
    }
  };
}
