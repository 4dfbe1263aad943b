// Modals: the coaching editor (input, then the result under it so the draft can be edited and re-coached) and
// the "Why these?" detail view.
import type { types } from '@slack/bolt';
import type { RuleId } from '../../engine/index.ts';
import { clip, escapeMrkdwn, plainSafe } from '../escape.ts';
import { VIEW } from '../ids.ts';
import { context, fitBlocks, header, LIMITS, section, type KnownBlock } from './blocks.ts';
import { RULE_GUIDE } from './rule-guide.ts';

export type ModalView = types.ModalView;

/** block_id / action_id of the draft input, read back on submission. */
export const DRAFT_INPUT = { block: 'draft', action: 'draft' } as const;

function title(text: string) {
  return { type: 'plain_text' as const, text: clip(text, LIMITS.modalTitle) };
}

/** The editor. `draft` (Slack-formatted) pre-fills the input; `result` blocks are shown under it. */
export function coachModal(draft?: string, result: KnownBlock[] = []): ModalView {
  const initial = draft === undefined ? undefined : clip(plainSafe(draft), LIMITS.plainTextInput);
  const input: KnownBlock = {
    type: 'input',
    block_id: DRAFT_INPUT.block,
    label: { type: 'plain_text', text: 'Your draft' },
    hint: { type: 'plain_text', text: 'Paste what you are about to send. Nothing is stored.' },
    element: {
      type: 'plain_text_input',
      action_id: DRAFT_INPUT.action,
      multiline: true,
      max_length: LIMITS.plainTextInput,
      placeholder: { type: 'plain_text', text: 'Sure, we’ll try to squeeze SSO in by Friday.' },
      ...(initial ? { initial_value: initial } : {}),
    },
  };
  return {
    type: 'modal',
    callback_id: VIEW.coach,
    title: title('Tradeoff Coach'),
    submit: title(result.length > 0 ? 'Coach again' : 'Coach it'),
    close: title('Done'),
    blocks: fitBlocks([input, ...result], LIMITS.modalBlocks),
  };
}

export function detailModal(rules: readonly RuleId[]): ModalView {
  const blocks: KnownBlock[] = rules.flatMap((rule) => {
    const guide = RULE_GUIDE[rule];
    return [header(guide.title), section(escapeMrkdwn(guide.gap)), section(`*A senior would write:* ${escapeMrkdwn(guide.senior)}`)];
  });
  if (blocks.length === 0) blocks.push(section('Nothing to explain here.'));
  blocks.push(context('The coach checks five habits: bare choices, bare dates, “we’ll try”, uncertainty with no next step, and building before asking whether to.'));
  return {
    type: 'modal',
    callback_id: VIEW.detail,
    title: title('Why these?'),
    close: title('Close'),
    blocks: fitBlocks(blocks, LIMITS.modalBlocks),
  };
}
