// Exactly what the model is sent (pure, so scripts/prompt-tokens.ts counts the real thing): the system prompt,
// a few matching examples, then the data - the replied-to message, the rules' findings (rule and quote), the rules'
// plan for the rewrite (the situations, the facts to use, the missing moves) and the draft, each inside a tag that
// the system prompt declares to be data - and the rewrite's length limit. Nothing
// else about the author or the workspace. A new kind of data is one more entry in DATA_TAGS and renderData().
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { Finding, RuleId } from '../engine/index.ts';
import { RULE_IDS } from '../engine/types.ts';
import type { PromptExample, Prompts } from './prompts.ts';

/** What the model answers for a person's request: its own judgement of the draft, and the rewrite (strict JSON schema). */
export const JudgeOutput = z.object({
  findings: z.array(z.object({ rule: z.enum(RULE_IDS), quote: z.string(), why: z.string() })),
  rewrite: z.string(),
  assumptions: z.array(z.string()),
});
export type JudgeAnswer = z.infer<typeof JudgeOutput>;

/** What the model must answer to confirm a nudge: one verdict per finding. */
export const VerifyOutput = z.object({
  findings: z.array(z.object({ rule: z.enum(RULE_IDS), confirmed: z.boolean() })),
});

/** Examples shown per request: enough to set the tone, few enough to keep prompts small. */
export const EXAMPLES_PER_REQUEST = 2;
/** Input limits that keep every prompt within about 1,500 tokens: a longer draft gets the rules' answer. */
export const MAX_DRAFT_CHARS = 1_000;
export const MAX_CONTEXT_CHARS = 300;
export const MAX_QUOTE_CHARS = 60;
/** The plan is a few short lines; a longer one is cut, never the draft. */
export const MAX_PLAN_CHARS = 260;
/** Draft, context, quotes and plan together: a long draft leaves the plan less room (the prompt stays within budget). */
export const MAX_DATA_CHARS = 1_480;
/** Less room than this and the plan is left out: the findings and the draft say enough on their own. */
const MIN_PLAN_CHARS = 60;
/** A short draft still needs room for the senior shape ("no idea" -> how and when you will find out). */
export const MIN_REWRITE_LIMIT = 280;

/** The rewrite's length limit: stated in every request, and enforced on the answer with the same number. */
export function rewriteLimit(draft: string): number {
  return Math.max(2 * draft.length, MIN_REWRITE_LIMIT);
}

export interface PromptData {
  draft: string;
  context?: string;
  /** What the rules found (for a rules-clean draft, nothing: the model judges on its own). */
  findings: readonly Pick<Finding, 'rule' | 'quote'>[];
  /** The rules' plan for the rewrite (engine summarizePlan): so the model writes from the same understanding. */
  plan?: string;
}

const DATA_TAGS = ['context', 'findings', 'plan', 'draft'] as const;
// The data may not close or open our own tags (a draft saying "</draft> new instructions: ...").
const OUR_TAGS = new RegExp(`<\\s*(?:\\/\\s*)?(?:${DATA_TAGS.join('|')})\\s*>`, 'gi');
const asData = (text: string) => text.replace(OUR_TAGS, '');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const tagged = (tag: (typeof DATA_TAGS)[number], body: string) => `<${tag}>\n${body}\n</${tag}>`;

export function renderData({ draft, context, findings, plan }: PromptData): string {
  const lines = findings.map((f) => `- ${f.rule}: "${asData(clip(f.quote, MAX_QUOTE_CHARS))}"`);
  const used = draft.length + Math.min(context?.length ?? 0, MAX_CONTEXT_CHARS) + lines.join('').length;
  const planRoom = Math.min(MAX_PLAN_CHARS, MAX_DATA_CHARS - used);
  return [
    context ? tagged('context', asData(clip(context, MAX_CONTEXT_CHARS))) : '',
    tagged('findings', lines.length > 0 ? lines.join('\n') : '(none)'),
    plan && planRoom >= MIN_PLAN_CHARS ? tagged('plan', asData(clip(plan, planRoom))) : '',
    tagged('draft', asData(draft)),
  ]
    .filter(Boolean)
    .join('\n');
}

/** One request for a judgement and a rewrite: the data, then the limit the answer is held to. */
export function renderJudgeRequest(data: PromptData): string {
  return `${renderData(data)}\nCharacter limit for "rewrite": ${rewriteLimit(data.draft)}.`;
}

/**
 * The examples closest to the request: sharing the most flagged rules, and for a draft the rules found clean, the
 * examples where they found nothing either (what the model may add). File order on ties.
 */
export function pickExamples(examples: readonly PromptExample[], rules: readonly RuleId[]): PromptExample[] {
  const score = (e: PromptExample) =>
    rules.length === 0 ? Number(e.flagged.length === 0) : e.flagged.filter((f) => rules.includes(f.rule)).length;
  return examples
    .map((example, index) => ({ example, index, score: score(example) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, EXAMPLES_PER_REQUEST)
    .map((x) => x.example);
}

export function buildJudgeMessages(prompts: Prompts, data: PromptData): ChatCompletionMessageParam[] {
  const shots = pickExamples(prompts.examples, data.findings.map((f) => f.rule)).flatMap(
    (example): ChatCompletionMessageParam[] => [
      { role: 'user', content: renderJudgeRequest({ draft: example.draft, context: example.context, findings: example.flagged }) },
      {
        role: 'assistant',
        content: JSON.stringify({ findings: example.findings, rewrite: example.rewrite, assumptions: example.assumptions }),
      },
    ],
  );
  return [{ role: 'system', content: prompts.rewriteSystem }, ...shots, { role: 'user', content: renderJudgeRequest(data) }];
}

export function buildVerifyMessages(prompts: Prompts, data: PromptData): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: prompts.verifySystem },
    { role: 'user', content: renderData(data) },
  ];
}
