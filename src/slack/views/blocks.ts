// Small Block Kit helpers that keep every piece inside Slack's documented limits.
import type { types } from '@slack/bolt';
import { RULE_IDS, type RuleId } from '../../engine/types.ts';
import { clip } from '../escape.ts';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;

/** Slack's limits (docs.slack.dev, Block Kit reference), with a little headroom where Slack counts differently. */
export const LIMITS = {
  sectionText: 3000,
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  messageBlocks: 50,
  modalBlocks: 100,
  modalTitle: 24,
  /** Message `text` fallback: Slack advises at most 4,000 characters. */
  fallbackText: 4000,
  /** Slack rejects a message whose blocks hold about 13,200 characters in total (msg_blocks_too_long); builders budget below it. */
  blocksTotal: 12000,
  plainTextInput: 3000,
} as const;

/** A mrkdwn section. `text` must already be safe mrkdwn (see escape.ts); verbatim stops Slack auto-linking it. */
export function section(text: string, blockId?: string): KnownBlock {
  return {
    type: 'section',
    ...(blockId ? { block_id: blockId } : {}),
    text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText), verbatim: true },
  };
}

export function context(text: string, blockId?: string): KnownBlock {
  return {
    type: 'context',
    ...(blockId ? { block_id: blockId } : {}),
    elements: [{ type: 'mrkdwn', text: clip(text, LIMITS.contextText), verbatim: true }],
  };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export const divider: KnownBlock = { type: 'divider' };

export function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: clip(text, LIMITS.buttonText), emoji: true },
    // A value is only ever ids we wrote; one that would not fit is a bug, so it is clipped rather than rejected by Slack.
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): KnownBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, 25) };
}

/** Rule ids as a button value ("a,b"), and back, keeping only ids we know. */
export function encodeRules(rules: readonly RuleId[]): string {
  return [...new Set(rules)].join(',');
}

export function decodeRules(value: string | undefined): RuleId[] {
  const known = new Set<string>(RULE_IDS);
  return (value ?? '').split(',').filter((id): id is RuleId => known.has(id));
}

/** Caps the block count (invalid_blocks above it), keeping the last block: that is where the buttons live. */
export function fitBlocks(blocks: KnownBlock[], maxBlocks: number): KnownBlock[] {
  if (blocks.length <= maxBlocks) return blocks;
  return [...blocks.slice(0, maxBlocks - 1), blocks[blocks.length - 1]!];
}
