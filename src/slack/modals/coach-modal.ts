// Submitting the coaching modal: the result replaces the modal content (response_action: update), under the
// draft so it can be edited and coached again; a model rewrite then updates the same view in place.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { coach, type ReplyTarget } from '../coach.ts';
import type { SlackDeps } from '../deps.ts';
import { plainToSlack } from '../escape.ts';
import { LIMITS } from '../views/blocks.ts';
import { coachModal, DRAFT_INPUT } from '../views/modals.ts';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export function coachModalSubmit(deps: SlackDeps) {
  return async ({ ack, view, body, client }: SubmitArgs): Promise<void> => {
    const raw = view.state.values[DRAFT_INPUT.block]?.[DRAFT_INPUT.action]?.value ?? '';
    if (raw.trim() === '') {
      await ack({ response_action: 'errors', errors: { [DRAFT_INPUT.block]: 'Write or paste a draft first.' } });
      return;
    }
    // Typed text is plain; the engine and the views expect Slack's format, as in every other surface.
    const draft = plainToSlack(raw);
    const team = body.team?.id ?? body.user.team_id ?? '';
    const user = body.user.id;
    let acked = false;
    const target: ReplyTarget = {
      async send(m) {
        acked = true;
        await ack({ response_action: 'update', view: coachModal(draft, m.blocks.slice(0, LIMITS.modalBlocks - 1)) });
      },
      async replace(m) {
        await client.views.update({ view_id: view.id, view: coachModal(draft, m.blocks.slice(0, LIMITS.modalBlocks - 1)) });
      },
    };
    try {
      await coach(deps, { draft, team, user, surface: 'modal', cleanText: 'Nothing to fix. This already reads clearly.' }, target);
    } catch (error) {
      deps.logger.warn({ err: error, surface: 'modal', team, user }, 'modal coaching failed');
      if (!acked) await ack({ response_action: 'errors', errors: { [DRAFT_INPUT.block]: 'Sorry, something went wrong. Please try again.' } });
    }
  };
}
