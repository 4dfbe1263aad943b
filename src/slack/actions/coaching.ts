// Buttons on a coaching reply: "Why these?" (a detail modal) and helpful / not helpful (feedback counts).
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import type { ReplyTarget } from '../coach.ts';
import { utcDay } from '../time.ts';
import { rateRule } from '../tuning.ts';
import { decodeRules, type KnownBlock } from '../views/blocks.ts';
import { withFeedbackThanks } from '../views/coaching.ts';
import { detailModal, type ModalView } from '../views/modals.ts';
import { REPLY } from '../views/replies.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/**
 * An answer to a button on a message, through its response_url with the same retries and fallbacks as every reply
 * (reply-delivery.ts): `replaceOriginal` replaces the message the button is on, otherwise it is a new ephemeral one.
 */
export function buttonReply(deps: SlackDeps, { body, client }: Pick<ButtonArgs, 'body' | 'client'>, surface: string, replaceOriginal: boolean): ReplyTarget {
  const team = body.team?.id ?? body.user.team_id ?? '';
  const channel = body.channel?.id ?? body.container['channel_id'] ?? '';
  return deps.replies.viaResponseUrl({ responseUrl: body.response_url, client, team, user: body.user.id, channel, surface, replaceOriginal });
}

export function detailAction(deps: SlackDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const view = detailModal(decodeRules(action.value));
    try {
      // From inside the coaching modal the detail stacks on top of it; from a message it opens fresh.
      if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
      else await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'detail', user: body.user.id }, 'could not open the detail modal');
    }
  };
}

/** Records feedback once per person per reply and day (double clicks and Slack's retries count once). */
export async function recordFeedbackOnce(deps: SlackDeps, body: BlockAction<ButtonAction>, helpful: boolean, value: string | undefined) {
  const team = body.team?.id ?? body.user.team_id ?? '';
  const where = body.view?.id ?? body.container['message_ts'] ?? body.message?.ts ?? body.trigger_id;
  const day = utcDay(deps.now());
  // A daily quota of one, keyed under the team so that uninstalling deletes it with the rest of the workspace.
  if (!(await deps.store.takeDaily(`${team}:feedback-given:${body.user.id}:${where}`, day, 1))) return;
  const rules = decodeRules(value);
  for (const rule of rules.length > 0 ? rules : [undefined]) {
    await deps.store.recordFeedback(team, body.user.id, helpful, rule, day);
    // The same rating tunes the rule's nudge bar in this workspace (counts only).
    if (rule) await rateRule(deps, team, body.user.id, rule, helpful, day);
  }
  deps.logger.info({ surface: 'feedback', team, user: body.user.id, helpful, rules }, 'feedback');
}

export function feedbackAction(deps: SlackDeps, helpful: boolean) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      await recordFeedbackOnce(deps, body, helpful, action.value);
      if (body.view) {
        // Inside the modal: swap the buttons for a thank-you, keeping the draft and the coaching.
        await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: sameModal(body.view, helpful) });
      } else if (Array.isArray(body.message?.['blocks'])) {
        const blocks = withFeedbackThanks(body.message['blocks'] as KnownBlock[], helpful);
        await buttonReply(deps, { body, client }, 'feedback', true).send({ text: String(body.message?.text ?? ''), blocks });
      } else {
        // Ephemeral replies do not come back with their blocks, so the thanks is a short note of its own.
        const thanks = helpful ? REPLY.helpful() : REPLY.notHelpful();
        await buttonReply(deps, { body, client }, 'feedback', false).send(thanks);
      }
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'feedback', user: body.user.id }, 'feedback failed');
    }
  };
}

function sameModal(view: NonNullable<BlockAction['view']>, helpful: boolean): ModalView {
  return {
    type: 'modal',
    callback_id: view.callback_id,
    title: view.title,
    ...(view.submit ? { submit: view.submit } : {}),
    ...(view.close ? { close: view.close } : {}),
    private_metadata: view.private_metadata,
    blocks: withFeedbackThanks(view.blocks as KnownBlock[], helpful),
  };
}
