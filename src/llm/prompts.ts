// The model's instructions and few-shot examples live in prompts/ as files, so they can be reviewed and tuned
// without touching code. They are read and validated once, at start; a bad file fails loudly, naming itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { z } from 'zod';
import { RULE_IDS } from '../engine/types.ts';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const quoted = { rule: z.enum(RULE_IDS), quote: z.string().min(1) };
const exampleSchema = z
  .strictObject({
    draft: z.string().min(1),
    context: z.string().min(1).optional(),
    /** What the rules reported for the draft: the example's <findings>. */
    flagged: z.array(z.strictObject(quoted)),
    /** The judgement the example teaches: the rules' findings that hold, and the gaps they missed. */
    findings: z.array(z.strictObject({ ...quoted, why: z.string().min(1) })),
    rewrite: z.string().min(1),
    assumptions: z.array(z.string().min(1)),
  })
  .refine((e) => [...e.flagged, ...e.findings].every((f) => e.draft.includes(f.quote)), {
    message: 'every quote must be copied exactly from its draft',
  });
export type PromptExample = z.infer<typeof exampleSchema>;

export interface Prompts {
  rewriteSystem: string;
  verifySystem: string;
  examples: PromptExample[];
}

export class PromptFileError extends Error {
  override name = 'PromptFileError';
}

function readPromptFile(dir: string, file: string): string {
  const path = join(dir, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PromptFileError(`${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (!text.trim()) throw new PromptFileError(`${path}: is empty`);
  return text.trim();
}

function parseExamples(path: string, text: string): PromptExample[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PromptFileError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = z.array(exampleSchema).min(1).safeParse(json);
  if (!parsed.success) throw new PromptFileError(`${path}: ${z.prettifyError(parsed.error).replaceAll('\n', '; ')}`);
  return parsed.data;
}

const cache = new Map<string, Prompts>();

/** Reads and validates prompts/ (once per directory). Throws PromptFileError naming the bad file. */
export function loadPrompts(dir: string = PROMPTS_DIR): Prompts {
  const cached = cache.get(dir);
  if (cached) return cached;
  const prompts: Prompts = {
    rewriteSystem: readPromptFile(dir, 'rewrite.system.md'),
    verifySystem: readPromptFile(dir, 'verify.system.md'),
    examples: parseExamples(join(dir, 'examples.json'), readPromptFile(dir, 'examples.json')),
  };
  cache.set(dir, prompts);
  return prompts;
}
