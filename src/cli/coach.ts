// The coach from a terminal: the same engine the Slack app uses, for people (human / --json) and for evaluation
// (--jsonl, a stable line-per-message contract: nothing but result lines on stdout).
import { createInterface } from 'node:readline';
import { parseArgs, styleText } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadLlmConfig } from '../config.ts';
import { analyze, type Analysis, type Finding } from '../engine/index.ts';
import { createRewriter } from '../llm/index.ts';
import { rulesRewriter } from '../llm/rules-rewriter.ts';
import type { Judgement, Rejection, Rewriter } from '../llm/types.ts';

const USAGE = `Usage: npm run coach -- [options] ["draft"]

Coaches a draft Slack message: what reads as a gap (quoted), why, the senior shape, and a rewrite.
With no draft, reads the draft from stdin.

Options:
  -c, --context "..."  the message the draft replies to ("sure!" to a coffee invite is fine; to a deadline it is not)
      --ai             let the model set by OPENAI_API_KEY, OPENAI_BASE_URL and OPENAI_MODEL judge the draft (keep,
                       drop or add findings) and rewrite it; the rules' answer on any failure, within LLM_TIMEOUT_MS
      --json           print one JSON object {findings, nudge, language: "en"|"other", rewrite, rewriteSource: "ai"|"rules",
                       rewriteNote?, judgement?, rewriteRejected?: {check, tokens?, chars?, limit?}}
      --jsonl          batch: read JSON lines {"id","text","context"?} on stdin, write one line
                       {"id","findings","nudge","language","rewrite","rewriteSource"} per input, in order (a bad line gets {"id","error"})
  -h, --help           show this help

Exit codes: 0 done, 1 some --jsonl lines were invalid, 2 bad usage or empty draft.
`;

export interface CoachResult {
  findings: Finding[];
  nudge: boolean;
  /** 'other': the draft is not in English, so it was not checked. */
  language: Analysis['language'];
  rewrite: string;
  rewriteSource: 'ai' | 'rules';
  /** Why the model's rewrite was not used (timeout, cap, failed checks). */
  rewriteNote?: string;
  /** With --ai: the model's findings (each `by` the rules or the model) and the rules' findings it judged fine. */
  judgement?: Judgement;
  /** With --ai: the check that refused the model's answer (or its rewrite) and the words it objected to. */
  rewriteRejected?: Rejection;
}

/** The one place a draft becomes findings plus a rewrite; the rewriter is the seam a model can plug into. */
export async function coach(draft: string, context: string | undefined, rewriter: Rewriter = rulesRewriter): Promise<CoachResult> {
  const analysis = analyze(draft, context ? { context } : {});
  const rewritten = await rewriter.rewrite({ draft, ...(context ? { context } : {}), analysis });
  return {
    findings: analysis.findings,
    nudge: analysis.nudge,
    language: analysis.language,
    rewrite: rewritten.text,
    rewriteSource: rewritten.source,
    ...(rewritten.note ? { rewriteNote: rewritten.note } : {}),
    ...(rewritten.judgement ? { judgement: rewritten.judgement } : {}),
    ...(rewritten.rejected ? { rewriteRejected: rewritten.rejected } : {}),
  };
}

const BatchLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  context: z.string().nullish(),
});

/** Streams JSON lines in, one result line out per input line, in order. Returns how many lines were bad. */
export async function runBatch(input: NodeJS.ReadableStream, write: (line: string) => Promise<void>, rewriter?: Rewriter): Promise<number> {
  let bad = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      bad++;
      await write(JSON.stringify({ id: null, error: 'not valid JSON' }));
      continue;
    }
    const parsed = BatchLine.safeParse(raw);
    if (!parsed.success) {
      bad++;
      const id = typeof raw === 'object' && raw !== null && 'id' in raw ? (raw as { id: unknown }).id : null;
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      await write(JSON.stringify({ id: typeof id === 'string' || typeof id === 'number' ? id : null, error: `${where}${issue?.message ?? 'invalid line'}` }));
      continue;
    }
    const { id, text, context } = parsed.data;
    let result: CoachResult;
    try {
      result = await coach(text, context ?? undefined, rewriter);
    } catch (err) {
      // One message that breaks the engine or the rewriter must not stop the batch; say which one, not its text.
      bad++;
      await write(JSON.stringify({ id, error: `could not coach this message: ${(err as Error).name}` }));
      continue;
    }
    await write(JSON.stringify({ id, ...result }));
  }
  return bad;
}

function formatHuman(draft: string, result: CoachResult): string {
  const bold = (s: string) => styleText('bold', s);
  const dim = (s: string) => styleText('dim', s);
  // With --ai the model's judgement decides what is shown; its own calls are marked.
  const shown = result.judgement
    ? result.judgement.findings.map((j) => {
        const rules = result.findings.find((f) => f.rule === j.rule && f.start === j.start && f.end === j.end);
        return j.by === 'rules' && rules ? { ...rules, byModel: false } : { rule: j.rule, quote: j.quote, message: j.why, tip: '', byModel: true };
      })
    : result.findings.map((f) => ({ ...f, byModel: false }));
  const dropped = result.judgement?.dropped ?? [];
  const lines: string[] = [];
  if (shown.length === 0 && result.language === 'other') {
    lines.push(`${styleText('yellow', 'Not checked:')} the coach reads English.`);
  } else if (shown.length === 0) {
    lines.push(`${styleText('green', 'Reads clearly:')} nothing to coach.`);
    if (dropped.length > 0 || result.rewriteNote) lines.push('');
  } else {
    const heading = bold(`${shown.length} thing${shown.length > 1 ? 's' : ''} to tighten`);
    lines.push(result.nudge || result.judgement ? heading : heading + dim(' (quiet: not sure enough to nudge unasked)'), '');
    shown.forEach((f, i) => {
      lines.push(`${i + 1}. ${styleText('yellow', `"${f.quote}"`)} ${dim(`[${f.rule}]`)}${f.byModel ? ` ${styleText('magenta', '(found by AI)')}` : ''}`);
      lines.push(`   ${f.message}`);
      if (f.tip) lines.push(`   ${styleText('cyan', 'Try:')} ${f.tip}`);
      lines.push('');
    });
  }
  if (dropped.length > 0) {
    lines.push(dim('The AI judged these fine here:'));
    for (const f of dropped) lines.push(dim(`   "${f.quote}" [${f.rule}]`));
    lines.push('');
  }
  if (shown.length > 0 && result.rewrite !== draft) lines.push(bold(result.rewriteSource === 'ai' ? 'Rewrite (AI):' : 'Rewrite:'), result.rewrite, '');
  if (result.rewriteNote) lines.push(dim(result.rewriteNote), '');
  return lines.join('\n') + (lines.at(-1) === '' ? '' : '\n');
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes a line and waits when stdout is full, so a large batch streams instead of piling up in memory. */
function writeLine(line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(line + '\n', (err) => (err ? reject(err) : resolve()));
  });
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        context: { type: 'string', short: 'c' },
        json: { type: 'boolean' },
        jsonl: { type: 'boolean' },
        ai: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let rewriter = rulesRewriter;
  if (values.ai) {
    try {
      rewriter = createRewriter(loadLlmConfig());
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    if (!rewriter.usesModel) process.stderr.write("--ai: OPENAI_API_KEY is not set, so this is the rules' rewrite.\n");
  }
  if (values.jsonl) {
    if (positionals.length || values.json || values.context !== undefined) {
      process.stderr.write('--jsonl reads everything from stdin: no draft, --json or --context with it.\n');
      return 2;
    }
    const bad = await runBatch(process.stdin, writeLine, rewriter);
    return bad ? 1 : 0;
  }
  if (!positionals.length && process.stdin.isTTY) {
    process.stderr.write(USAGE);
    return 2;
  }
  const draft = positionals.length ? positionals.join(' ') : (await readAll(process.stdin)).replace(/\r?\n$/, '');
  if (!draft.trim()) {
    process.stderr.write('The draft is empty: pass it as an argument or on stdin.\n');
    return 2;
  }
  const result = await coach(draft, values.context, rewriter);
  process.stdout.write(values.json ? JSON.stringify(result) + '\n' : formatHuman(draft, result));
  return 0;
}

if (import.meta.main) {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
  process.exitCode = await main(process.argv.slice(2));
}
