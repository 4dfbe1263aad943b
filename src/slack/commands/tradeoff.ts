// /tradeoff: coach a draft (ephemeral), open the editor (no text), help, the mute / channel settings, and forget me.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { coach } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { forgetMe } from '../forget-me.ts';
import { coachModal } from '../views/modals.ts';
import { helpMessage, REPLY } from '../views/replies.ts';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

/** Settings words, matched on the whole (lower-cased, trimmed) text so a draft that merely starts with "mute" is coached. */
const SETTINGS = new Set(['help', 'mute', 'unmute', 'nudges off', 'nudges on', 'forget me']);

export function tradeoffCommand(deps: SlackDeps) {
  return async ({ ack, command, client }: CommandArgs): Promise<void> => {
    await ack();
    const text = command.text.trim();
    const word = text.toLowerCase().replace(/\s+/g, ' ');
    const team = command.team_id;
    const user = command.user_id;
    const reply = deps.replies.viaResponseUrl({ responseUrl: command.response_url, client, team, user, channel: command.channel_id, surface: 'command' });
    try {
      if (text === '') {
        // trigger_id expires 3 s after the command: open the modal before anything else.
        await client.views.open({ trigger_id: command.trigger_id, view: coachModal() });
        return;
      }
      if (SETTINGS.has(word)) {
        await reply.send(await applySetting(deps, word, team, user, command.channel_id));
        return;
      }
      await coach(deps, { draft: text, team, user, surface: 'command', cleanText: 'Nothing to fix. This already reads clearly.' }, reply);
    } catch (error) {
      deps.logger.error({ err: error, surface: 'command', team, user }, '/tradeoff failed');
      await reply.send(REPLY.failed()).catch(() => undefined);
    }
  };
}

async function applySetting(deps: SlackDeps, word: string, team: string, user: string, channel: string) {
  switch (word) {
    case 'mute':
      await deps.store.muteUser(team, user, null);
      return REPLY.muted();
    case 'unmute':
      await deps.store.unmuteUser(team, user);
      return REPLY.unmuted();
    case 'nudges off':
      await deps.store.setChannelNudges(team, channel, false);
      return REPLY.channelOff();
    case 'nudges on':
      await deps.store.setChannelNudges(team, channel, true);
      return REPLY.channelOn();
    case 'forget me':
      return REPLY.forgotten(await forgetMe(deps, team, user));
    default:
      return helpMessage();
  }
}
