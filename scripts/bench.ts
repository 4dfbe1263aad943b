// Speed figures for the engine, printed (never asserted in tests: timing on a shared machine is noisy).
//   1. messages per CPU-second through analyze() on the dev corpus vs write-good on the same messages, same run
//   2. worst and median CPU time of analyze() on adversarial 40,000-character inputs (bar: <= 20 ms)
//   3. for reference only: wink-nlp tokenizing + tagging the same messages (the library approach we did not take)
// Usage: npm run bench [-- FILE] [--runs N]
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { analyze } from '../src/engine/index.ts';
import { DEV_CORPUS as DEFAULT_CORPUS, readCorpus } from './corpus.ts';

const require = createRequire(import.meta.url);
const writeGood = require('write-good') as (text: string) => unknown[];

const ADVERSARIAL_LENGTH = 40_000;
const BAR_MS = 20;

/**
 * Runs `fn` over all messages repeatedly for at least `minMs`; returns messages per second of this process's CPU
 * time (user + system), which other work on a shared machine disturbs far less than wall-clock time.
 */
function throughput(messages: readonly string[], fn: (text: string) => unknown, minMs = 250): number {
  let done = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  do {
    for (const m of messages) fn(m);
    done += messages.length;
  } while (performance.now() - start < minMs);
  const used = process.cpuUsage(cpu);
  return done / ((used.user + used.system) / 1e6);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const fill = (unit: string) => unit.repeat(Math.ceil(ADVERSARIAL_LENGTH / unit.length)).slice(0, ADVERSARIAL_LENGTH);

/** Inputs meant to hurt: long repeats of trigger words, no spaces, deep or unbalanced markup, many emoji/mentions. */
export const ADVERSARIAL: Record<string, string> = {
  'trigger words': fill("Sure, we'll try to squeeze it in by Friday. It'll take 3 weeks. I don't know. Let's use Kafka. I'll build our own queue. "),
  'trigger words, no punctuation': fill("sure we'll try hopefully by friday it'll take 3 weeks no idea let's just use kafka we should build our own "),
  'no spaces': fill('a'),
  'no spaces, words': fill("we'lltrytobuildourownbyfriday"),
  'open angles': fill('<'),
  'unclosed links': fill('<https://x.y/a|label '),
  'mentions and emoji': fill('<@U123|bob> :tada: :+1::skin-tone-2: <!here> <#C1|eng> '),
  'emphasis markers': fill('*_~'),
  'emphasis in words': fill('a*b_c~d '),
  'unpaired openers': fill(' *a _b ~c'),
  backticks: fill('`'),
  'fence openers': fill('```x\n'),
  'inline code': fill('`x` '),
  'quote lines': fill('> quoted\n&gt; also\n'),
  entities: fill('&amp;&lt;&gt;&'),
  'double quotes': fill('"a b '),
  'single quotes': fill("'a b'c 'd "),
  apostrophes: fill("we'll it's users' "),
  'colons and digits': fill('10:30:45:'),
  'url-ish': fill('https://www.'),
  'url with trailing dots': 'https://x.io' + '.'.repeat(ADVERSARIAL_LENGTH - 12),
  newlines: fill('\n'),
  'sentence ends': fill('. ! ? ; '),
  'dashes and ranges': fill('2-3-4 to 5 or 6 between a and '),
};

/** CPU milliseconds (user + system) of one analyze() call, `runs` times: median and worst. Wall time is shown too. */
function timeOne(text: string, runs: number): { median: number; worst: number; wallWorst: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const w = performance.now();
    const c = process.cpuUsage();
    analyze(text);
    const used = process.cpuUsage(c);
    wall.push(performance.now() - w);
    cpu.push((used.user + used.system) / 1000);
  }
  return { median: median(cpu), worst: Math.max(...cpu), wallWorst: Math.max(...wall) };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '9' } }, allowPositionals: true });
  const runs = Math.max(5, Number(values.runs) || 9);
  const file = positionals[0] ?? DEFAULT_CORPUS;
  const messages = readCorpus(file).map((m) => m.text);
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

  // Warm up both, then interleave runs so machine load hits them alike.
  throughput(messages, (t) => analyze(t), 200);
  throughput(messages, writeGood, 200);
  // Each run times both back to back (order alternating); the ratio within a run is what machine load disturbs least.
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [a, b] =
      i % 2 === 0
        ? [throughput(messages, (t) => analyze(t)), throughput(messages, writeGood)]
        : [throughput(messages, writeGood), throughput(messages, (t) => analyze(t))].reverse();
    ours.push(a!);
    theirs.push(b!);
    ratios.push(a! / b!);
  }
  const ratio = median(ratios);
  console.log(`${messages.length} messages from ${file}, median of ${runs} runs\n`);
  console.log(`analyze()            ${fmt(median(ours)).padStart(9)} messages per CPU-second`);
  console.log(`write-good           ${fmt(median(theirs)).padStart(9)} messages per CPU-second`);
  console.log(`ratio ours/write-good ${ratio.toFixed(2).padStart(8)}x   (median of per-run ratios; bar: >= 1.00) ${ratio >= 1 ? 'ok' : 'BELOW BAR'}`);

  console.log(`\nadversarial inputs, ${ADVERSARIAL_LENGTH.toLocaleString('en-US')} characters each, analyze() CPU time (median / worst of ${runs}; worst wall time):`);
  let worst = { name: '', ms: 0 };
  const medians: number[] = [];
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    analyze(text); // warm-up
    const t = timeOne(text, runs);
    medians.push(t.median);
    if (t.worst > worst.ms) worst = { name, ms: t.worst };
    console.log(`  ${name.padEnd(30)} ${t.median.toFixed(2).padStart(7)} ms ${t.worst.toFixed(2).padStart(7)} ms   (wall ${t.wallWorst.toFixed(2)} ms)`);
  }
  console.log(`median over inputs   ${median(medians).toFixed(2)} ms`);
  console.log(`worst                ${worst.ms.toFixed(2)} ms (${worst.name})   (bar: <= ${BAR_MS} ms) ${worst.ms <= BAR_MS ? 'ok' : 'ABOVE BAR'}`);

  // Comparison only: what a general NLP library costs just to tokenize and tag, before any rule runs.
  const winkNLP = require('wink-nlp') as typeof import('wink-nlp').default;
  const model = require('wink-eng-lite-web-model') as import('wink-nlp').Model;
  const nlp = winkNLP(model, ['sbd', 'pos', 'ner']);
  const wink = throughput(messages, (t) => nlp.readDoc(t).tokens().out(nlp.its.pos));
  console.log(`\n[comparison only] wink-nlp tokenize + POS/NER tag, no rules: ${fmt(wink)} messages per CPU-second (one run)`);
  console.log('  why we hand-wrote a tokenizer with phrase patterns: the rules need phrases, not tags, and tagging alone costs this much.');
}
