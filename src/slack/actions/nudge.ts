// Buttons on a passive nudge: show the full coaching with a rewrite, mute for today, not helpful.
import type { SlackDeps } from '../deps.ts';
import { loadEngine } from '../../engine-loader.ts';
import { coach, MAX_DRAFT_CHARS, NO_PARENT_NOTE } from '../coach.ts';
import { endOfUtcDay } from '../time.ts';
import { decodeMessageRef, type MessageRef } from '../views/nudge.ts';
import { REPLY } from '../views/replies.ts';
import { buttonReply, recordFeedbackOnce, type ButtonArgs } from './coaching.ts';

/** The workspace: `team` is null for org-level installs (Bolt types it so), where the user's team says it. */
const teamOf = (body: ButtonArgs['body']) => body.team?.id ?? body.user.team_id ?? '';

export function showRewriteAction(deps: SlackDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const team = teamOf(body);
    const user = body.user.id;
    try {
      // The store never keeps message text, so the nudged message is read again from Slack.
      const ref = decodeMessageRef(action.value);
      const message = ref ? await readMessage(client, ref, user) : undefined;
      if (!ref || !message) {
        await buttonReply(deps, { body, client }, 'nudge-rewrite', true).send(REPLY.messageGone());
        return;
      }
      // The same context as the nudge: the thread's parent when the reading depends on it.
      const { context, note } = await parentContext(deps, client, team, ref, message);
      // The nudge already counted these findings.
      const request = { draft: message.text, context, note, team, user, surface: 'nudge-rewrite', cleanText: 'Looking again, nothing to fix here.', countFindings: false };
      const channel = body.channel?.id ?? ref.channel; // where the nudge is: a fallback answers there
      const reply = deps.replies.viaResponseUrl({ responseUrl: body.response_url, client, team, user, channel, surface: 'nudge-rewrite', replaceOriginal: true });
      await coach(deps, request, reply);
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'nudge-rewrite', team, user }, 'show rewrite failed');
      await buttonReply(deps, { body, client }, 'nudge-rewrite', false).send(REPLY.failed()).catch(() => undefined);
    }
  };
}

interface ReadMessage {
  text: string;
  /** A thread's parent, when Slack returned it with the reply. */
  parent?: { text: string; user?: string };
}

/** The message's current text, only if `author` wrote it (a nudge is only ever shown to its author). */
async function readMessage(client: ButtonArgs['client'], ref: MessageRef, author: string): Promise<ReadMessage | undefined> {
  // A thread is read oldest first from `oldest`; Slack puts the parent first, so two messages hold the reply either way.
  const page = ref.threadTs
    ? await client.conversations.replies({ channel: ref.channel, ts: ref.threadTs, oldest: ref.ts, inclusive: true, limit: 2 })
    : await client.conversations.history({ channel: ref.channel, latest: ref.ts, inclusive: true, limit: 1 });
  const message = page.messages?.find((m) => m.ts === ref.ts);
  if (!message || message.user !== author || !message.text) return undefined;
  const parent = ref.threadTs ? page.messages?.find((m) => m.ts === ref.threadTs) : undefined;
  return { text: message.text, parent: parent?.text ? { text: parent.text, user: parent.user } : undefined };
}

async function parentContext(deps: SlackDeps, client: ButtonArgs['client'], team: string, ref: MessageRef, message: ReadMessage) {
  if (!ref.threadTs || !(await loadEngine()).analyze(message.text.slice(0, MAX_DRAFT_CHARS)).needsContext) return {};
  const thread = { team, channel: ref.channel, threadTs: ref.threadTs };
  if (message.parent) {
    deps.threads.remember(thread, message.parent.text, message.parent.user);
    return { context: message.parent.text };
  }
  const parent = await deps.threads.parentOf(client, thread);
  return parent.ok ? { context: parent.text } : { note: NO_PARENT_NOTE };
}

export function muteTodayAction(deps: SlackDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const team = teamOf(body);
    try {
      await deps.store.muteUser(team, body.user.id, endOfUtcDay(deps.now()));
      await buttonReply(deps, { body, client }, 'nudge-mute', true).send(REPLY.mutedToday());
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'nudge-mute', team, user: body.user.id }, 'mute for today failed');
      await buttonReply(deps, { body, client }, 'nudge-mute', false).send(REPLY.failed()).catch(() => undefined);
    }
  };
}

export function nudgeNotHelpfulAction(deps: SlackDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      await recordFeedbackOnce(deps, body, false, action.value);
      await buttonReply(deps, { body, client }, 'nudge-feedback', true).send(REPLY.notHelpful());
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'nudge-feedback', user: body.user.id }, 'nudge feedback failed');
    }
  };
}
