// The pure pieces: escaping user text, clipping safely, and Block Kit builders staying inside Slack's limits for
// any input (fast-check, fixed seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/engine/index.ts';
import { clip, escapeMrkdwn, plainSafe, plainToSlack, showUserText, slackToPlain } from '../../src/slack/escape.ts';
import { decodeRules, encodeRules, LIMITS } from '../../src/slack/views/blocks.ts';
import { coachingMessage, renderDiff } from '../../src/slack/views/coaching.ts';
import { coachModal } from '../../src/slack/views/modals.ts';
import { decodeMessageRef, encodeMessageRef, nudgeMessage } from '../../src/slack/views/nudge.ts';
import { endOfUtcDay, lastDays, utcDay } from '../../src/slack/time.ts';
import { FLAGGED } from '../helpers/examples.ts';

const BROADCAST = /<!(channel|here|everyone|subteam)/;

describe('escape', () => {
  it('turns Slack tokens into plain words', () => {
    expect(slackToPlain('hi <@U1|alice> in <#C1|eng>: <https://x.test|docs> &amp; <!here> &lt;3')).toBe('hi @alice in #eng: docs & @here <3');
    expect(slackToPlain('<@U1> <#C1> <https://x.test> <!subteam^S1|@oncall> <!date^1^{date}|Jan 1>')).toBe(
      '@someone #a-channel https://x.test @oncall Jan 1',
    );
  });

  it('escapes &, <, > and breaks broadcast words', () => {
    expect(escapeMrkdwn('a < b && c > d @here @Channel')).toBe('a &lt; b &amp;&amp; c &gt; d @\u200bhere @\u200bChannel');
  });

  it('round-trips typed text through Slack format', () => {
    expect(slackToPlain(plainToSlack('a <b> & <!channel>'))).toBe('a <b> & <!channel>');
    expect(showUserText(plainToSlack('<!channel>'))).toBe('&lt;!channel&gt;');
    expect(plainSafe('<!channel> &amp; x')).toBe('@\u200bchannel & x');
    expect(plainSafe(plainToSlack('a < b, <!here> <@U1>'))).toBe('a < b, ‹!here> ‹@U1>');
  });

  it('clips without splitting an entity or a surrogate pair', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab&amp;cd', 5)).toBe('ab…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 100 }), (s, max) => {
        const out = clip(escapeMrkdwn(s), max);
        expect(out.length).toBeLessThanOrEqual(Math.max(max, 1));
        expect(out).not.toMatch(/&(a|am|l|g|lt|gt)?…$/);
        expect(out).not.toMatch(/[\ud800-\udbff]…$/);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never lets any input produce a live token', () => {
    const slackish = fc.stringMatching(/^(<[!@#][a-zA-Z^|@]{0,12}>|&(amp|lt|gt);|[a-z <>&@!|]){0,40}$/);
    fc.assert(
      fc.property(slackish, (s) => {
        const out = showUserText(s);
        expect(out).not.toMatch(/[<>]/);
        expect(out).not.toMatch(/@(here|channel|everyone)\b/i);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});

describe('block builders stay within Slack limits', () => {
  const texts = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(FLAGGED, `<!channel> ${FLAGGED}`, `${FLAGGED} ${'&lt;x&gt; '.repeat(900)}`, 'x'.repeat(12_000)),
  );

  /** Messages also have Slack's ~13,200-character total (msg_blocks_too_long); modals only their block count. */
  function checkBlocks(blocks: any[], maxBlocks: number, maxTotal = 13_200) {
    expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
    let total = 0;
    for (const block of blocks) {
      total += JSON.stringify(block).length;
      if (block.type === 'section' && block.text) expect(block.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      for (const el of block.elements ?? []) {
        if (el.type === 'button') {
          expect(el.text.text.length).toBeLessThanOrEqual(75);
          expect(el.value.length).toBeLessThanOrEqual(2000);
        }
      }
    }
    expect(total).toBeLessThan(maxTotal);
    expect(JSON.stringify(blocks)).not.toMatch(BROADCAST);
  }

  it('coaching replies, with any draft and rewrite', () => {
    fc.assert(
      fc.property(texts, texts, fc.boolean(), (draft, rewritten, ai) => {
        const analysis = analyze(draft.slice(0, 4000));
        const message = coachingMessage(
          { draft, analysis, rewrite: { text: rewritten, source: ai ? 'ai' : 'rules', assumptions: [rewritten.slice(0, 50)] }, refining: !ai },
          'Nothing to fix.',
        );
        checkBlocks(message.blocks as any[], LIMITS.messageBlocks);
        expect(message.text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
        if (draft.trim().length >= 12) expect(message.text).not.toContain(draft.slice(0, 12)); // the fallback never carries user text
      }),
      { seed: 1, numRuns: 60 },
    );
  });

  it('a reply with all five rules and long quotes', () => {
    const finding = (rule: any) => ({ rule, start: 0, end: 1, quote: 'q'.repeat(5000), confidence: 0.9, message: 'm'.repeat(5000), tip: 't'.repeat(5000) });
    const analysis: Analysis = {
      findings: ['sure-well-try', 'missing-tradeoffs', 'unstated-assumptions', 'no-next-step', 'build-vs-buy'].map(finding),
      nudge: true,
      needsContext: false,
      language: 'en',
    };
    const long = 'word '.repeat(3000);
    const message = coachingMessage({ draft: long, analysis, rewrite: { text: `${long} more`, source: 'ai', assumptions: ['a'.repeat(3000)] } }, 'x');
    checkBlocks(message.blocks as any[], LIMITS.messageBlocks);
    checkBlocks(nudgeMessage(analysis, { channel: 'C1', ts: '1.2' }).blocks as any[], LIMITS.messageBlocks);
    const modal = coachModal('x'.repeat(10_000), message.blocks);
    checkBlocks(modal.blocks as any[], LIMITS.modalBlocks, Infinity);
    expect((modal.blocks[0] as any).element.initial_value.length).toBeLessThanOrEqual(LIMITS.plainTextInput);
  });
});

describe('diff rendering', () => {
  it('strikes removed words, bolds added ones, and escapes both', () => {
    const out = renderDiff([
      { value: 'keep ', added: false, removed: false, count: 1 },
      { value: '<old>', added: false, removed: true, count: 1 },
      { value: 'new one', added: true, removed: false, count: 2 },
    ]);
    expect(out).toBe('keep ~&lt;old&gt;~ *new* *one*');
  });
});

describe('button values', () => {
  it('round-trip rule ids and message refs, rejecting anything else', () => {
    expect(decodeRules(encodeRules(['sure-well-try', 'no-next-step', 'sure-well-try']))).toEqual(['sure-well-try', 'no-next-step']);
    expect(decodeRules('x,<!channel>,build-vs-buy')).toEqual(['build-vs-buy']);
    const ref = { channel: 'C1', ts: '1.2', threadTs: '1.1' };
    expect(decodeMessageRef(encodeMessageRef(ref))).toEqual(ref);
    expect(decodeMessageRef('{"c":"c1; drop","ts":"1.2"}')).toBeUndefined();
    expect(decodeMessageRef('not json')).toBeUndefined();
  });
});

describe('time', () => {
  it('UTC days and the end of today', () => {
    const t = Date.UTC(2026, 10, 23, 23, 59, 0);
    expect(utcDay(t)).toBe('2026-11-23');
    expect(lastDays(t, 3)).toEqual(['2026-11-23', '2026-11-22', '2026-11-21']);
    expect(endOfUtcDay(t)).toBe(Date.UTC(2026, 10, 24));
  });
});
