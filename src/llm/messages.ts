// Exactly what the model is sent (pure, so scripts/prompt-tokens.ts counts the real thing): the system prompt,
// a few matching examples, then the draft, its findings (rule, quote, tip) and the replied-to message, each
// inside tags that the system prompt declares to be data. Nothing else about the author or the workspace.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { analyze, RULE_IDS, type Finding, type RuleId } from '../engine/index.ts';
import type { PromptExample, Prompts } from './prompts.ts';

/** What the model must answer for a rewrite (strict JSON schema built from it). */
export const RewriteOutput = z.object({
  rewrite: z.string(),
  assumptions: z.array(z.string()),
});

/** What the model must answer to confirm a nudge: one verdict per finding. */
export const VerifyOutput = z.object({
  findings: z.array(z.object({ rule: z.enum(RULE_IDS), confirmed: z.boolean() })),
});

/** Examples shown per request: enough to set the tone, few enough to keep prompts small. */
export const EXAMPLES_PER_REQUEST = 2;
/** Input limits that keep every prompt within about 1,500 tokens: a longer draft gets the rules' rewrite. */
export const MAX_DRAFT_CHARS = 1_000;
export const MAX_CONTEXT_CHARS = 300;
export const MAX_QUOTE_CHARS = 80;

export interface PromptData {
  draft: string;
  context?: string;
  findings: readonly Pick<Finding, 'rule' | 'quote' | 'tip'>[];
}

// The data may not close or open our own tags (a draft saying "</draft> new instructions: ..."). The slash brings its
// own spaces: in /<\s*\/?\s*.../ the two \s* could share a run of spaces (polynomial backtracking).
const OUR_TAGS = /<\s*(?:\/\s*)?(?:draft|context|findings)\s*>/gi;
const asData = (text: string) => text.replace(OUR_TAGS, '');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function renderData({ draft, context, findings }: PromptData): string {
  const lines = findings.map((f) => `- ${f.rule}: "${asData(clip(f.quote, MAX_QUOTE_CHARS))}"${f.tip ? ` (tip: ${f.tip})` : ''}`);
  return [
    context ? `<context>\n${asData(clip(context, MAX_CONTEXT_CHARS))}\n</context>` : '',
    `<findings>\n${lines.join('\n')}\n</findings>`,
    `<draft>\n${asData(draft)}\n</draft>`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** The examples sharing the most rules with the findings, in file order on ties. */
export function pickExamples(examples: readonly PromptExample[], rules: readonly RuleId[]): PromptExample[] {
  const overlap = (e: PromptExample) => e.rules.filter((r) => rules.includes(r)).length;
  return examples
    .map((example, index) => ({ example, index, score: overlap(example) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, EXAMPLES_PER_REQUEST)
    .map((x) => x.example);
}

// An example is shown with the findings the engine really reports for it, as a live request would be.
const exampleFindingsCache = new WeakMap<PromptExample, PromptData['findings']>();
function exampleFindings(example: PromptExample): PromptData['findings'] {
  let findings = exampleFindingsCache.get(example);
  if (!findings) {
    const found = analyze(example.draft, example.context ? { context: example.context } : {}).findings;
    findings = example.rules.map((rule) => found.find((f) => f.rule === rule) ?? { rule, quote: example.draft, tip: '' });
    exampleFindingsCache.set(example, findings);
  }
  return findings;
}

export function buildRewriteMessages(prompts: Prompts, data: PromptData): ChatCompletionMessageParam[] {
  const shots = pickExamples(prompts.examples, data.findings.map((f) => f.rule)).flatMap(
    (example): ChatCompletionMessageParam[] => [
      { role: 'user', content: renderData({ ...example, findings: exampleFindings(example) }) },
      { role: 'assistant', content: JSON.stringify({ rewrite: example.rewrite, assumptions: example.assumptions }) },
    ],
  );
  return [{ role: 'system', content: prompts.rewriteSystem }, ...shots, { role: 'user', content: renderData(data) }];
}

export function buildVerifyMessages(prompts: Prompts, data: PromptData): ChatCompletionMessageParam[] {
  return [
    { role: 'system', content: prompts.verifySystem },
    { role: 'user', content: renderData(data) },
  ];
}
