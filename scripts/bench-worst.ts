// Worst cases, printed (never asserted in tests: timing on a shared machine is noisy): the time analyze() and
// rewrite() take on 36 kinds of 40,000-character adversarial input (repeated phrases, separators, punctuation runs,
// emoji codes, nested and broken markup, the shapes the property tests glue together), and that the model-output
// guard's sanitize() takes on 40,000-character model answers. Bar: every call <= 20 ms.
// Usage: npm run bench (runs this first), or node --expose-gc scripts/bench-worst.ts [--runs N]
import { parseArgs } from 'node:util';
import { analyze, rewrite } from '../src/engine/index.ts';
import { MAX_SANITIZE_CHARS, sanitize } from '../src/llm/guard.ts';

export const LENGTH = 40_000;
const BAR_MS = 20;

const fill = (unit: string) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);
/** `head`, then `unit` repeated, then `tail`: 40,000 characters in all. */
const around = (head: string, unit: string, tail: string) => head + fill(unit).slice(0, LENGTH - head.length - tail.length) + tail;

/** Inputs meant to hurt analyze() and rewrite(). */
export const DRAFTS: Record<string, string> = {
  'trigger phrases': fill("Sure, we'll try to squeeze it in by Friday. It'll take 3 weeks. I don't know. Let's use Kafka. I'll build our own queue. "),
  'trigger phrases, no punctuation': fill("sure we'll try hopefully by friday it'll take 3 weeks no idea let's just use kafka we should build our own "),
  'one trigger, then separators': around("Sure, we'll try to squeeze SSO in by Friday", ' ,', ' x thanks'),
  'one trigger, then spaces': around("We'll try to ship it by Friday", ' ', 'x'),
  'one trigger, then question marks': around("Should we just use Kafka, we'll try by Friday", '?', ''),
  'one trigger, then commas': around("Let's go with Kafka", ',', ' thanks'),
  'trigger, emoji tail': around("On it, we'll try to hit Friday", ' :rocket:', '!'),
  'no spaces': fill('a'),
  'no spaces, words': fill("we'lltrytobuildourownbyfriday"),
  'one long word then trigger': around('', 'x', " we'll try by Friday"),
  'dots': fill('.'),
  'dots then a letter': around('', '.', 'x'),
  'exclamations and questions': fill('!?'),
  'sentence ends': fill('. ! ? ; '),
  'newlines': fill('\n'),
  'newlines and spaces': fill('\n \t'),
  'semicolons and dashes': fill('; - '),
  'open angles': fill('<'),
  'unclosed links': fill('<https://x.y/a|label '),
  'nested angles': fill('<<!here|<@U1>>'),
  'mentions and emoji': fill('<@U123|bob> :tada: :+1::skin-tone-2: <!here> <#C1|eng> '),
  'emoji codes, no spaces': fill(':tada::rocket::+1::skin-tone-2:'),
  'unicode emoji': fill('\u{1F680}\u{1F937}\u200d\u2642\ufe0f'),
  'colons': fill(':'),
  'colons and digits': fill('10:30:45:'),
  'emphasis markers': fill('*_~'),
  'nested emphasis': fill('*_~a '),
  'backticks': fill('`'),
  'fence openers': fill('```x\n'),
  'quote lines': fill('> quoted\n&gt; also\n'),
  'entities': fill('&amp;&lt;&gt;&'),
  'double quotes': fill('"a b '),
  'single quotes and apostrophes': fill("'a b'c 'd we'll users' "),
  'url-ish': fill('https://www.'),
  'url with trailing dots': 'https://x.io' + '.'.repeat(LENGTH - 12),
  'numbers and ranges': fill('2-3-4 to 5 or 6 between 1.5, '),
};

/** Model answers meant to hurt sanitize(): its passes repeat until nothing changes. */
export const ANSWERS: Record<string, string> = {
  'plain prose': fill('We can do SSO by Friday if the audit moves out; otherwise it is two weeks. '),
  'spaces before punctuation': fill('a    ,  .   ;'),
  'runs of spaces': around('a', ' ', '.'),
  'broadcasts and mentions': fill('<!here> <!channel|c> @here <@U999> <#C9|x> \uFF20channel '),
  'nested pings': '<!'.repeat(LENGTH / 4 - 2) + 'here' + '>'.repeat(LENGTH / 4 - 2),
  'split pings': fill('<!<@U1>here>'),
  'links': fill('<https://example.com/a|label> https://x.example/y. '),
  'invisible characters': fill('a\u200b\u202e\u2066\ufeff'),
  'open angles': fill('<'),
};

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/**
 * Milliseconds `fn` holds the thread, `runs` times after one warm-up: the smaller of wall time and process CPU time,
 * since other processes on a shared machine inflate the first and V8's background GC and compiler threads the second
 * (per-thread CPU time is counted in scheduler ticks on Linux, too coarse here). With --expose-gc (as npm run bench runs it)
 * the heap is collected before each call, so a call is not charged for the garbage of the ones before it.
 */
function cpuTimes(fn: () => unknown, runs: number): number[] {
  fn();
  const times: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < runs; i++) {
    gc?.();
    const wall = performance.now();
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    times.push(Math.min(performance.now() - wall, (used.user + used.system) / 1000));
  }
  return times;
}

function table(title: string, rows: [string, () => unknown][], runs: number): number {
  console.log(`\n${title}, ms per call over ${runs} runs (p50 / p99 / max):`);
  const all: number[] = [];
  let worst = { name: '', ms: 0 };
  for (const [name, fn] of rows) {
    const t = cpuTimes(fn, runs);
    all.push(...t);
    const max = Math.max(...t);
    if (max > worst.ms) worst = { name, ms: max };
    const f = (x: number) => x.toFixed(2).padStart(7);
    console.log(`  ${name.padEnd(40)} ${f(percentile(t, 50))} ${f(percentile(t, 99))} ${f(max)}${max > BAR_MS ? '   ABOVE BAR' : ''}`);
  }
  console.log(`  all ${rows.length} inputs: p99 ${percentile(all, 99).toFixed(2)} ms, max ${worst.ms.toFixed(2)} ms (${worst.name})   bar <= ${BAR_MS} ms: ${worst.ms <= BAR_MS ? 'ok' : 'ABOVE BAR'}`);
  return worst.ms;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
  const runs = Math.max(5, Number(values.runs) || 21);
  const drafts = Object.entries(DRAFTS);
  console.log(`worst cases: ${drafts.length} adversarial drafts and ${Object.keys(ANSWERS).length} model answers, ${LENGTH.toLocaleString('en-US')} characters each (ms: min of wall and CPU time per call)`);
  [
    table('analyze(draft)', drafts.map(([name, text]) => [name, () => analyze(text)]), runs),
    table('rewrite(draft, analysis)', drafts.map(([name, text]) => {
      const analysis = analyze(text);
      return [name, () => rewrite(text, analysis)];
    }), runs),
    // The product cuts an answer to MAX_SANITIZE_CHARS before sanitize (which refuses longer ones): so does the bench.
    table(`sanitize(model answer cut to ${MAX_SANITIZE_CHARS.toLocaleString('en-US')})`, Object.entries(ANSWERS).map(([name, text]) => [name, () => sanitize(text.slice(0, MAX_SANITIZE_CHARS), ['a draft with <@U1> in it'])]), runs),
  ];
}
