// Every regular expression in a source folder, for the ReDoS check (tests/redos.test.ts), printed as JSON:
//   - literals (`/.../g`), found by parsing each file, wherever they are (module level or inline in a function);
//   - patterns built with `new RegExp(...)` / `RegExp(...)`, recorded as they are built while every module is
//     imported (the global RegExp is wrapped, so this runs as its own process).
// A constructor call that did not run on import (one inside a function nobody calls at load time) is listed in
// `unseen`: the check cannot know what it builds, so it fails; build such patterns once, at module level.
// Usage: node tests/helpers/regex-inventory.ts DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
// The oxc parser, as shipped in rolldown (already installed with vitest): parses TypeScript as Node runs it.
import { parseAst } from 'rolldown/parseAst';

export interface FoundPattern {
  source: string;
  flags: string;
  /** file:line of each literal or constructor call that makes it */
  sites: string[];
}

export interface Inventory {
  files: number;
  patterns: FoundPattern[];
  /** Constructor call sites that built nothing while the modules were imported. */
  unseen: string[];
  /** Modules not imported because they act on import (a top-level `await`, like src/main.ts). */
  notImported: string[];
}

interface Node {
  type?: string;
  start?: number;
  regex?: { pattern: string; flags: string };
  callee?: Node;
  name?: string;
  expression?: Node;
  [key: string]: unknown;
}

function lineOf(code: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

function walk(node: unknown, visit: (n: Node) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  visit(node as Node);
  for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value, visit);
}

export async function takeInventory(dir: string): Promise<Inventory> {
  const root = resolve(dir);
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(root, f))
    .sort();
  const found = new Map<string, FoundPattern>();
  const add = (source: string, flags: string, site: string) => {
    const key = `/${source}/${flags}`;
    const entry = found.get(key) ?? { source, flags, sites: [] };
    if (!entry.sites.includes(site)) entry.sites.push(site);
    found.set(key, entry);
  };
  const constructorSites = new Set<string>();
  const notImported: string[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    const name = relative(process.cwd(), file);
    const ast = parseAst(code, { lang: 'ts' }, file) as unknown as { body: Node[] };
    walk(ast, (n) => {
      if (n.type === 'Literal' && n.regex) add(n.regex.pattern, n.regex.flags, `${name}:${lineOf(code, n.start!)}`);
      if ((n.type === 'NewExpression' || n.type === 'CallExpression') && n.callee?.type === 'Identifier' && n.callee.name === 'RegExp') {
        constructorSites.add(`${name}:${lineOf(code, n.start!)}`);
      }
    });
    const actsOnImport = ast.body.some((s) => s.type === 'ExpressionStatement' && s.expression?.type === 'AwaitExpression');
    if (actsOnImport) notImported.push(name);
  }

  // Record every RegExp built by a call written in one of these files (the direct caller, not library internals).
  const seenSites = new Set<string>();
  const Original = RegExp;
  const record = (re: RegExp) => {
    const caller = new Error().stack?.split('\n')[3] ?? '';
    const at = /(file:\/\/[^\s)]+):(\d+):\d+/.exec(caller);
    if (!at) return;
    const file = fileURLToPath(at[1]!);
    if (!file.startsWith(root + '/')) return;
    const site = `${relative(process.cwd(), file)}:${at[2]}`;
    seenSites.add(site);
    add(re.source, re.flags, site);
  };
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args, newTarget) {
      const re = Reflect.construct(target, args, newTarget) as RegExp;
      record(re);
      return re;
    },
    apply(target, self, args) {
      const re = Reflect.apply(target, self, args) as RegExp;
      record(re);
      return re;
    },
  });
  try {
    for (const file of files) {
      if (!notImported.includes(relative(process.cwd(), file))) await import(pathToFileURL(file).href);
    }
  } finally {
    globalThis.RegExp = Original;
  }
  const unseen = [...constructorSites].filter((site) => !seenSites.has(site));
  return { files: files.length, patterns: [...found.values()], unseen, notImported };
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('usage: node tests/helpers/regex-inventory.ts DIR\n');
    process.exit(2);
  }
  // Exit once the output is flushed (a pipe takes 64 KiB at a time); modules may have opened handles on import.
  process.stdout.write(JSON.stringify(await takeInventory(dir)) + '\n', () => process.exit(0));
}
