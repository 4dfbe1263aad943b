import { describe, expect, it } from 'vitest';
import { analyze, rewrite } from '../../src/engine/index.ts';
import { FALLBACK_SENTENCES, numbersIn, REWRITE_PHRASES } from '../../src/engine/rewrite.ts';
import { RULE_IDS, type Analysis, type RuleId } from '../../src/engine/types.ts';
import { readCorpus } from '../../scripts/corpus.ts';
import { devCorpus } from '../helpers/shared.ts';

/** An analysis with one finding on `quote`, so these tests pin the rewrite's shape whatever the rules decide. */
function finding(text: string, rule: RuleId, quote: string): Analysis {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in "${text}"`);
  return { findings: [{ rule, start, end: start + quote.length, quote, confidence: 0.9, message: '', tip: '' }], nudge: true, needsContext: false };
}

const BROADCASTS = /<!(?:here|channel|everyone)|<!subteam|[@\uFF20\uFE6B](?:here|channel|everyone)\b(?![.-]\w)/i;

describe('rewrite shapes', () => {
  it('returns a clean message unchanged', () => {
    const text = 'Merged, thanks! `retryCount` reads better.';
    expect(rewrite(text, { findings: [], nudge: false, needsContext: false })).toBe(text);
  });

  it('sure-well-try: swaps effort words for a cost and a choice, keeping scope and date', () => {
    const text = "Sure, we'll try to squeeze SSO in by Friday.";
    expect(rewrite(text, finding(text, 'sure-well-try', "we'll try"))).toMatch(
      /^We can do SSO by Friday if \[what gets cut\] moves out; otherwise it's \[range\]\. Which matters more\?/,
    );
  });

  it('unstated-assumptions: keeps the estimate, adds an assumption and drops padding', () => {
    const text = "Let's put 3 weeks on it, just to be safe.";
    const out = rewrite(text, finding(text, 'unstated-assumptions', '3 weeks'));
    expect(out).toContain("Let's put 3 weeks on it, assuming [main assumption].");
    expect(out).not.toContain('just to be safe');
  });

  it('no-next-step: adds how to find out and when to report back', () => {
    const text = 'No idea why the build is red.';
    expect(rewrite(text, finding(text, 'no-next-step', 'No idea'))).toBe(
      "No idea why the build is red - I'd find out by [how] and report back by [when].",
    );
  });

  it('missing-tradeoffs: adds benefit, cost, alternative and when to revisit', () => {
    const text = "let's go with Kafka for `events`. See <https://x.example/doc|the doc>.";
    const out = rewrite(text, finding(text, 'missing-tradeoffs', "let's go with Kafka"));
    expect(out).toContain("Let's go with Kafka for `events` - it gives us [benefit] but costs [cost]; the alternative is [alternative].");
    expect(out).toContain('<https://x.example/doc|the doc>');
  });

  it('build-vs-buy: asks whether it needs to exist', () => {
    const text = "I'm gonna write a custom login system for the admin tool";
    expect(rewrite(text, finding(text, 'build-vs-buy', 'write a custom login system'))).toBe(
      "I'm gonna write a custom login system for the admin tool, but does this need to exist? Could [an existing tool or service] do it, or is there a simpler fix?",
    );
  });

  it('gives each clause its own shape when one sentence holds two gaps', () => {
    const text = 'We must change the ORM to Prisma, it will take 1 week maximum.';
    const choice = finding(text, 'missing-tradeoffs', 'change the ORM to Prisma');
    const estimate = finding(text, 'unstated-assumptions', '1 week maximum');
    const out = rewrite(text, { findings: [...choice.findings, ...estimate.findings], nudge: true, needsContext: false });
    expect(out).toMatch(/^We must change the ORM to Prisma - it gives us \[benefit\] but costs \[cost\];.*\. It will take 1 week maximum, assuming \[main assumption\]\./);
  });

  it('keeps a sign-off at the end and fixes a chat-style "i"', () => {
    const text = "i'll see if i can sort that this week, thanks!";
    expect(rewrite(text, finding(text, 'sure-well-try', "i'll see if i can"))).toBe(
      "I can sort that this week if [what gets cut] moves out; otherwise it's [range]. Which matters more? Thanks!",
    );
  });

  it('keeps trailing emoji at the end and code blocks verbatim', () => {
    const text = 'idk why it fails :man-shrugging:\n```\nERROR 42 at line 7\n```';
    const out = rewrite(text, finding(text, 'no-next-step', 'idk'));
    expect(out).toContain("Idk why it fails - I'd find out by [how] and report back by [when]. :man-shrugging:");
    expect(out).toContain('```\nERROR 42 at line 7\n```');
  });

  it('turns broadcast pings into plain words and keeps user mentions of the draft', () => {
    const text = '<!here> <@U123> on it! <!channel> <!subteam^S1|@eng> @everyone';
    const out = rewrite(text, finding(text, 'sure-well-try', 'on it'));
    expect(out).not.toMatch(BROADCASTS);
    expect(out).toContain('<@U123>');
    expect(rewrite('<!here|here> deploy done', { findings: [], nudge: false, needsContext: false })).toBe('folks here deploy done');
  });
});

describe('the phrasing the rewrite adds', () => {
  // The contract with the rules: what the rewrite writes must read as the senior shape, never as a gap.
  it.each(RULE_IDS)('%s: the fallback sentence and the added clauses pass every rule', (rule) => {
    expect(analyze(FALLBACK_SENTENCES[rule]).findings).toEqual([]);
    const { inline, after } = REWRITE_PHRASES[rule];
    const end = inline.endsWith('?') ? '' : '.';
    expect(analyze(`The export covers all 3 regions${inline}${end} ${after}`).findings).toEqual([]);
  });
});

// Drafts written for this test (not from the corpus), mixing rules, markup and several gaps per sentence.
const MORE_DRAFTS: [string, string?][] = [
  ["we'll make it work", 'can you also add SSO by Friday?'],
  ["sure thing, we'll try to get the audit log in before the 1.4 release :crossed_fingers:"],
  ['no problem, I\'ll squeeze it in'],
  ['easy fix, ten minutes'],
  ['3 weeks, just to be safe'],
  ["Ok so: it'll take 2 weeks and I'll build our own scheduler for it. Also no idea who owns billing."],
  ["\u2022 migrate to Postgres\n\u2022 it'll take 6 weeks\n\u2022 no idea about the data volume"],
  ["Hey <@U123>, *sure* we'll try to ship `v2.1` by the 15th! <!here>"],
  ["> PM: can we ship by Friday?\nsure, we'll try"],
  ["let's build a custom caching layer for the 12 services, it'll take 4 days"],
  ['Let\'s rewrite the frontend in Svelte (faster, smaller bundles).'],
  ["we'll try :sweat_smile: :pray:"],
];

describe('rewrite beyond the corpus', () => {
  it.each(MORE_DRAFTS)('%s', (text, context) => {
    const analysis = analyze(text, context ? { context } : {});
    const out = rewrite(text, analysis);
    expect(analyze(out).findings.map((f) => `${f.rule}: ${f.quote}`)).toEqual([]);
    expect(numbersIn(text).filter((n) => !numbersIn(out).includes(n))).toEqual([]);
    expect(out).not.toMatch(BROADCASTS);
  });
});

const DEV = devCorpus();

describe.skipIf(!DEV)('rewrite over the dev corpus', () => {
  const flagged = (DEV ? readCorpus(DEV) : [])
    .map((m) => ({ ...m, analysis: analyze(m.text, m.context ? { context: m.context } : {}) }))
    .filter((m) => m.analysis.findings.length > 0);

  it('flags some messages (otherwise this test proves nothing)', () => {
    expect(flagged.length).toBeGreaterThan(20);
  });

  it('every flagged message gets a rewrite that passes the rules, keeps its numbers and adds no ping', () => {
    const problems: string[] = [];
    for (const m of flagged) {
      const out = rewrite(m.text, m.analysis);
      const still = analyze(out).findings.map((f) => `${f.rule} on "${f.quote}"`);
      if (still.length) problems.push(`${m.id}: rewrite still flagged (${still.join('; ')}): ${JSON.stringify(out)}`);
      const kept = numbersIn(out);
      const lost = numbersIn(m.text).filter((n) => !kept.includes(n));
      if (lost.length) problems.push(`${m.id}: lost numbers ${lost.join(', ')}`);
      if (BROADCASTS.test(out)) problems.push(`${m.id}: broadcast ping in rewrite`);
      const mentions = out.match(/<@[^>]+>/g) ?? [];
      if (mentions.some((x) => !m.text.includes(x))) problems.push(`${m.id}: mention not in the draft`);
    }
    expect(problems).toEqual([]);
  });
});
