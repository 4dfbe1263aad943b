// Prompt tokens per AI judgement and rewrite over the dev corpus (the exact messages the rewriter sends, plus its
// JSON schema), and the model requests that drafts the rules find clean cause when a person asks (each is judged
// once, since the model may see a gap the rules missed; passive traffic never sends a clean message), measured
// against a local OpenAI-compatible server.
// Usage: node scripts/prompt-tokens.ts [corpus.jsonl]
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode, encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import { zodResponseFormat } from 'openai/helpers/zod';
import { analyze, planMessage, RULE_IDS, summarizePlan } from '../src/engine/index.ts';
import { buildJudgeMessages, JudgeOutput, MAX_CONTEXT_CHARS, MAX_DRAFT_CHARS, MAX_PLAN_CHARS, MAX_QUOTE_CHARS, type PromptData } from '../src/llm/messages.ts';
import { createOpenAiRewriter } from '../src/llm/openai-rewriter.ts';
import { loadPrompts } from '../src/llm/prompts.ts';
import { DEV_CORPUS as DEFAULT_CORPUS, readCorpus, type LabelledMessage } from './corpus.ts';

/** The budget from issue 4. */
export const MAX_PROMPT_TOKENS = 1_500;

// OpenAI also feeds the response format's schema to the model.
const schemaTokens = encode(JSON.stringify(zodResponseFormat(JudgeOutput, 'judge_and_rewrite').json_schema)).length;

/** Tokens of one rewrite request as sent (gpt-4o / gpt-4o-mini tokenizer, with chat overhead and the schema). */
export function promptTokens(data: PromptData): number {
  const chat = buildJudgeMessages(loadPrompts(), data).map((m) => ({
    role: m.role as 'system' | 'user' | 'assistant',
    content: String(m.content),
  }));
  return encodeChat(chat, 'gpt-4o').length + schemaTokens;
}

/** The largest prompt the input limits allow: corpus prose at the longest draft, context and plan, all five rules firing. */
export function worstCasePromptTokens(corpus: LabelledMessage[]): number {
  const prose = corpus.map((m) => m.text).join(' ');
  const end = MAX_DRAFT_CHARS + MAX_CONTEXT_CHARS;
  return promptTokens({
    draft: prose.slice(0, MAX_DRAFT_CHARS),
    context: prose.slice(MAX_DRAFT_CHARS, end),
    findings: RULE_IDS.map((rule, i) => ({ rule, quote: prose.slice(i * 200, i * 200 + MAX_QUOTE_CHARS + 50) })),
    plan: prose.slice(end, end + MAX_PLAN_CHARS + 50),
  });
}

/** What the rewriter sends for a flagged message: its findings and the rules' plan. */
export function requestData(m: Pick<LabelledMessage, 'text' | 'context'>, findings: ReturnType<typeof analyze>['findings']): PromptData {
  return { draft: m.text, context: m.context, findings, plan: summarizePlan(planMessage(m.text, { findings }, m.context)) };
}

const median = (xs: number[]) => (xs.length ? (xs[(xs.length - 1) >> 1]! + xs[xs.length >> 1]!) / 2 : 0);

/** Runs every clean message through the real rewriter; a local server counts the calls that reach it. */
async function modelCallsFor(messages: (LabelledMessage & { analysis: ReturnType<typeof analyze> })[]): Promise<number> {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls++;
    const content = JSON.stringify({ findings: [], rewrite: '', assumptions: [] });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'c', object: 'chat.completion', created: 0, model: 'm', choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: null } }] }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const rewriter = createOpenAiRewriter({
    apiKey: 'count-only',
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    model: 'gpt-4o-mini',
    timeoutMs: 2_000,
  });
  for (const m of messages) await rewriter.rewrite({ draft: m.text, context: m.context, analysis: m.analysis });
  server.close();
  return calls;
}

if (import.meta.main) {
  const file = process.argv[2] ?? DEFAULT_CORPUS;
  const corpus = readCorpus(file);
  const analysed = corpus.map((m) => ({ ...m, analysis: analyze(m.text, m.context ? { context: m.context } : {}) }));
  const flagged = analysed.filter((m) => m.analysis.findings.length > 0);
  const clean = analysed.filter((m) => m.analysis.findings.length === 0);
  const tokens = flagged
    .map((m) => promptTokens(requestData(m, m.analysis.findings)))
    .sort((a, b) => a - b);

  console.log(`${corpus.length} messages from ${file}: ${flagged.length} flagged, ${clean.length} clean`);
  console.log(`prompt tokens per rewrite (gpt-4o tokenizer, incl. ${schemaTokens} for the schema), budget ${MAX_PROMPT_TOKENS}:`);
  console.log(`  median ${median(tokens)}  max ${tokens.at(-1) ?? 0}  min ${tokens[0] ?? 0}  over budget ${tokens.filter((t) => t > MAX_PROMPT_TOKENS).length}`);
  console.log(`  at the input limits (${MAX_DRAFT_CHARS}-char draft, ${MAX_CONTEXT_CHARS}-char context, 5 findings): ${worstCasePromptTokens(corpus)}`);
  console.log(`model requests for the ${clean.length} clean drafts, each asked about by a person: ${await modelCallsFor(clean)} (passive clean messages: none)`);
}
