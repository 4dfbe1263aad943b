// The coaching reply shared by /tradeoff, the modal, DMs, the message shortcut and "show rewrite": findings with
// their quoted trigger, why and tip; the rewrite; and buttons for detail and feedback. With the model's judgement,
// the findings are the model's: the ones it added and the rules' ones it judged fine are marked as its call.
// Pure: data in, blocks out.
import { diffWords, type Change } from 'diff';
import type { Analysis, Finding } from '../../engine/index.ts';
import type { JudgedFinding, RewriteResult } from '../../llm/types.ts';
import { clip, escapeMrkdwn, showUserText, slackToPlain } from '../escape.ts';
import { ACTION } from '../ids.ts';
import { actions, button, context, divider, encodeRules, fitBlocks, LIMITS, section, type KnownBlock } from './blocks.ts';
import { RULE_GUIDE, ruleTitle } from './rule-guide.ts';

export interface SlackMessage {
  /** Notification and accessibility fallback; never holds user text. */
  text: string;
  blocks: KnownBlock[];
}

export interface Coaching {
  /** The draft as Slack-formatted text. */
  draft: string;
  analysis: Analysis;
  rewrite: RewriteResult;
  /** The model's judgement and rewrite are on their way; the message will be updated in place. */
  refining?: boolean;
}

/** One finding as shown: the rules' wording for theirs, the model's "why" for one it added. */
interface Shown {
  rule: Finding['rule'];
  quote: string;
  message: string;
  tip: string;
  byModel: boolean;
}

// Budgets per piece keep five findings plus rewrite and diff under Slack's ~13k total (see LIMITS.blocksTotal).
const QUOTE_MAX = 240;
const MESSAGE_MAX = 400;
const TIP_MAX = 300;
const REWRITE_MAX = 2000;
const NOTES_MAX = 600;
const DIFF_INPUT_MAX = 4000;
const DIFF_TIMEOUT_MS = 100;
/** Findings shown in full (five rules, plus room for the model's); the block budget above counts on it. */
const SHOWN_MAX = 6;
const DROPPED_QUOTE_MAX = 80;

const oneLine = (slackText: string, max: number) => clip(slackToPlain(slackText).replace(/\s+/g, ' ').trim(), max);

function findingBlock(finding: Shown, index: number): KnownBlock {
  return section(
    [
      `*${index + 1}. ${escapeMrkdwn(ruleTitle(finding.rule))}*${finding.byModel ? ' · _found by AI_' : ''}`,
      `> ${escapeMrkdwn(oneLine(finding.quote, QUOTE_MAX))}`,
      clip(showUserText(finding.message), MESSAGE_MAX),
      `_Try:_ ${clip(showUserText(finding.tip), TIP_MAX)}`,
    ].join('\n'),
    `finding-${index}`,
  );
}

/** The findings to show: the model's judgement when there is one, else the rules' findings. */
function shownFindings({ analysis, rewrite }: Coaching): Shown[] {
  const fromRules = (f: Finding): Shown => ({ rule: f.rule, quote: f.quote, message: f.message, tip: f.tip, byModel: false });
  if (!rewrite.judgement) return analysis.findings.map(fromRules);
  return rewrite.judgement.findings.map((j: JudgedFinding) => {
    const theirs = analysis.findings.find((f) => f.rule === j.rule && f.start === j.start && f.end === j.end);
    if (theirs && j.by === 'rules') return fromRules(theirs);
    return { rule: j.rule, quote: j.quote, message: j.why || 'The AI reads this as a gap.', tip: RULE_GUIDE[j.rule].senior, byModel: true };
  });
}

/** The rules' findings the model judged fine, struck through and marked as its call. */
function droppedBlock(dropped: readonly Finding[]): KnownBlock | undefined {
  if (dropped.length === 0) return undefined;
  const items = dropped
    .slice(0, SHOWN_MAX)
    .map((f) => `~${escapeMrkdwn(oneLine(f.quote, DROPPED_QUOTE_MAX))}~ (${escapeMrkdwn(ruleTitle(f.rule))})`);
  return context(`_The AI judged ${dropped.length === 1 ? 'this' : 'these'} fine here:_ ${items.join('; ')}`, 'ai-dropped');
}

/** A word diff as mrkdwn: removed words ~struck~, added words *bold*; every piece escaped. */
export function renderDiff(changes: readonly Change[]): string {
  let out = '';
  let previous: Change | undefined;
  for (const change of changes) {
    const text = escapeMrkdwn(change.value);
    if (!change.added && !change.removed) {
      out += text;
    } else {
      const mark = change.added ? '*' : '~';
      // Slack only formats a marker at a word boundary, so a replacement gets a space between old and new.
      if (previous?.removed && change.added && !/\s$/.test(previous.value) && !/^\s/.test(change.value)) out += ' ';
      out += text.replace(/\S+/g, (word) => `${mark}${word}${mark}`);
    }
    previous = change;
  }
  return out;
}

function diffBlock(draft: string, rewritten: string): KnownBlock | undefined {
  const before = slackToPlain(draft).slice(0, DIFF_INPUT_MAX);
  const after = slackToPlain(rewritten).slice(0, DIFF_INPUT_MAX);
  // A timeout bounds the work for very different texts; no diff is better than a slow reply.
  const changes = diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) return undefined;
  return section(`*What changed*\n${clip(renderDiff(changes), REWRITE_MAX)}`, 'diff');
}

function rewriteBlocks({ draft, rewrite, refining }: Coaching): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const changed = slackToPlain(rewrite.text).trim() !== slackToPlain(draft).trim();
  if (changed) {
    const label = rewrite.source === 'ai' ? 'Suggested rewrite (AI)' : 'Suggested rewrite';
    blocks.push(section(`*${label}*\n${clip(showUserText(rewrite.text), REWRITE_MAX)}`, 'rewrite'));
    if (rewrite.source === 'ai') {
      const diff = diffBlock(draft, rewrite.text);
      if (diff) blocks.push(diff);
    }
  }
  const notes: string[] = [];
  if (rewrite.assumptions.length > 0) {
    notes.push(`Assumed: ${rewrite.assumptions.map((a) => showUserText(a)).join('; ')}`);
  }
  if (refining) notes.push('_Refining with AI: checking these findings and the rewrite…_');
  if (rewrite.note) notes.push(showUserText(rewrite.note));
  if (notes.length > 0) blocks.push(context(clip(notes.join('\n'), NOTES_MAX), 'rewrite-notes'));
  return blocks;
}

function summary(findings: readonly Shown[]): string {
  const titles = findings.map((f) => ruleTitle(f.rule));
  const things = titles.length === 1 ? 'one thing' : `${titles.length} things`;
  return `Tradeoff Coach: ${things} to tighten (${titles.join(', ')}).`;
}

/** What a draft in another language gets on every surface, instead of a clean bill the coach could not give. */
export const NOT_ENGLISH_TEXT = 'Not checked: the coach reads English.';

/** The full coaching reply. A clean draft gets `cleanText` alone; a draft in another language, NOT_ENGLISH_TEXT. */
export function coachingMessage(coaching: Coaching, cleanText: string, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  const { rewrite, refining } = coaching;
  const findings = shownFindings(coaching);
  const dropped = droppedBlock(rewrite.judgement?.dropped ?? []);
  if (findings.length === 0 && coaching.analysis.language === 'other') {
    return { text: `Tradeoff Coach: ${NOT_ENGLISH_TEXT}`, blocks: [section(`:grey_question: ${escapeMrkdwn(NOT_ENGLISH_TEXT)}`, 'not-english')] };
  }
  if (findings.length === 0) {
    const notes: string[] = [];
    if (refining) notes.push('_Checking with AI…_');
    else if (rewrite.judgement) notes.push('Checked with AI too.');
    if (rewrite.note) notes.push(showUserText(rewrite.note));
    const blocks = [section(`:white_check_mark: ${escapeMrkdwn(cleanText)}`, 'clean')];
    if (dropped) blocks.push(dropped);
    if (notes.length > 0) blocks.push(context(clip(notes.join('\n'), NOTES_MAX), 'rewrite-notes'));
    return { text: `Tradeoff Coach: ${cleanText}`, blocks };
  }
  const rules = findings.map((f) => f.rule);
  const more = findings.length - SHOWN_MAX;
  const blocks: KnownBlock[] = [
    section(`*${escapeMrkdwn(summary(findings).replace('Tradeoff Coach: ', ''))}*`, 'summary'),
    ...findings.slice(0, SHOWN_MAX).map(findingBlock),
    ...(more > 0 ? [context(`…and ${more} more.`, 'more-findings')] : []),
    ...(dropped ? [dropped] : []),
    divider,
    ...rewriteBlocks(coaching),
    actions('coach-actions', [
      button(ACTION.detail, 'Why these?', encodeRules(rules)),
      button(ACTION.helpful, '👍 Helpful', encodeRules(rules)),
      button(ACTION.notHelpful, '👎 Not helpful', encodeRules(rules)),
    ]),
  ];
  return { text: summary(findings), blocks: fitBlocks(blocks, maxBlocks) };
}

/** Replaces the feedback buttons with a thank-you line, keeping the rest of a reply (and its "Why these?") as it was. */
export function withFeedbackThanks(blocks: readonly KnownBlock[], helpful: boolean): KnownBlock[] {
  const thanks = context(helpful ? 'Thanks, glad it helped.' : 'Thanks, noted. That helps us tune the coach.', 'feedback-thanks');
  return blocks.flatMap((block) => {
    if (block.type !== 'actions' || block.block_id !== 'coach-actions') return [block];
    const kept = block.elements.filter((element) => 'action_id' in element && element.action_id === ACTION.detail);
    return kept.length > 0 ? [{ ...block, elements: kept }, thanks] : [thanks];
  });
}
