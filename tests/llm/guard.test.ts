import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventedFacts, sanitize } from '../../src/llm/guard.ts';

// What must never survive, whatever the model writes: broadcasts (Slack's need the closing ">"), anything invisible.
const FORBIDDEN = /<!(?:channel|here|everyone)\b[^<>]*>|[@\uFF20\uFE6B](?:channel|here|everyone)\b|[\p{Cf}\u2028\u2029]|[^\P{Cc}\n\t]/iu;

describe('sanitize', () => {
  const draft = 'ping <@U42> about <https://docs.example/a|the doc> and <#C9|ops>';

  it.each([
    ['<!channel> ship it', 'ship it'],
    ['<!here|here> ship it <!everyone>', 'ship it'],
    ['ship it @here, @Channel and ＠everyone', 'ship it, and'],
    ['ask <!subteam^S1|@eng> and <@U1>', 'ask and'],
    ['see <#C1|general>', 'see'],
    ['read <https://evil.example/x|this doc> first', 'read this doc first'],
    ['read <https://evil.example/x> or www.evil.example/y.', 'read or.'],
    ['zero\u200Bwidth\u2060 and \u202Ebidi\u2066 and \uFEFFbom\u00AD', 'zerowidth and bidi and bom'],
    ['tags\u{E0041}\u{E0042} hidden', 'tags hidden'],
    ['<!chan\u200Bnel> split by invisible', 'split by invisible'],
    ['<!here\n> across a line', 'across a line'],
    ['<!<@U1>here> joined after a removal', 'joined after a removal'],
    ['@<@U1>here joined', 'joined'],
    [`${'<!'.repeat(50)}here${'>'.repeat(50)} nested deeper than the passes`, `${'!'.repeat(46)} nested deeper than the passes`],
  ])('%j -> %j', (input, expected) => {
    expect(sanitize(input, [draft])).toBe(expected);
  });

  it('keeps mentions, channels and links the draft already had', () => {
    const text = 'ping <@U42> about <https://docs.example/a|the doc> in <#C9|ops>';
    expect(sanitize(text, [draft])).toBe(text);
  });

  it('removes broadcasts even when the draft had them', () => {
    expect(sanitize('<!here> heads up @channel', ['<!here> heads up @channel'])).toBe('heads up');
  });

  it('never lets a broadcast or an invisible character through (property)', () => {
    const piece = fc.constantFrom(
      '<!', '<', '>', '!', '@', '＠', 'channel', 'here', 'everyone', '<@U1>', '<#C1|x>', '\u200B', '\u202E', '\u2066',
      '\uFEFF', '<https://e.example|', 'https://e.example/', ' ', 'ok', '|', '\n', '.',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        expect(sanitize(pieces.join(''), ['a plain draft'])).not.toMatch(FORBIDDEN);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('inventedFacts', () => {
  const sources = ['it will take 3 weeks, maybe by Friday', 'can you do it this sprint?'];

  it('accepts numbers, days and durations the draft or context gave', () => {
    expect(inventedFacts('About 3 weeks, by Friday, this sprint. I will report back by [day].', sources)).toEqual([]);
  });

  it('lists numbers, dates and durations nobody wrote', () => {
    expect(inventedFacts('3-4 weeks, by Tuesday, at 10:30, and two days of testing next week', sources)).toEqual([
      '4', '10:30', 'two days', 'tuesday', 'next week',
    ]);
  });
});

describe('inventedFacts: names', () => {
  it('lists capitalised names inside a sentence that the draft never mentions', () => {
    const text = 'We could use Redis or ask Dana; the API team (via Kafka) and [Existing Tool] are options. I\'ll check.';
    expect(inventedFacts(text, ["let's use redis"])).toEqual(['Dana', 'API', 'Kafka']);
  });

  it('does not count sentence starts, list items, "I" or placeholders', () => {
    const text = 'Before we build it: does it need to exist?\n- Could [Existing Tool] do it? "Yes." I\'d check.\n> Not sure yet.';
    expect(inventedFacts(text, ['build it'])).toEqual([]);
  });
});
