import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inventedFacts, MAX_SANITIZE_CHARS, sanitize } from '../../src/llm/guard.ts';
import { englishLexicon } from '../../src/llm/lexicon.ts';

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
  ])('%j -> %j', (input, expected) => {
    expect(sanitize(input, [draft])).toBe(expected);
  });

  it('keeps mentions, channels and links the draft already had', () => {
    const text = 'ping <@U42> about <https://docs.example/a|the doc> in <#C9|ops>';
    expect(sanitize(text, [draft])).toBe(text);
  });

  it('refuses pings nested deeper than an honest answer ever writes, in a bounded number of linear passes', () => {
    expect(sanitize('<!<!here>here> ok', [draft])).toBe('ok');
    expect(sanitize(`${'<!'.repeat(10)}here${'>'.repeat(10)} ok`, [draft])).toBeUndefined();
    const deep = `${'<!'.repeat(1_000)}here${'>'.repeat(1_000)}`;
    expect(sanitize(deep, [draft])).toBeUndefined();
  });

  it('only takes text already cut to its limit', () => {
    expect(() => sanitize('x'.repeat(MAX_SANITIZE_CHARS + 1), [draft])).toThrow(RangeError);
    expect(sanitize('x'.repeat(MAX_SANITIZE_CHARS), [draft])).toHaveLength(MAX_SANITIZE_CHARS);
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
        // Either safe text, or undefined for text nested to survive the passes (the caller then refuses the answer).
        expect(sanitize(pieces.join(''), ['a plain draft']) ?? '').not.toMatch(FORBIDDEN);
      }),
      { numRuns: 2_000 },
    );
  });
});

const lexicon = englishLexicon();
const invented = (text: string, ...sources: string[]) => inventedFacts(text, { sources, lexicon });

describe('inventedFacts: numbers, times and dates as values', () => {
  const sources = ['it will take 3 weeks, maybe by Friday', 'can you do it this sprint?'];

  it('accepts numbers, days and durations the draft or context gave', () => {
    expect(invented('About 3 weeks, by Friday, this sprint. I will report back by [day].', ...sources)).toEqual([]);
  });

  it('lists numbers, times, dates and durations nobody wrote', () => {
    expect(invented('3-4 weeks, by Tuesday, at 10:30 or 5pm, and two days of testing next week', ...sources)).toEqual([
      '5pm', '4', '10:30', 'two', 'tuesday', 'next week',
    ]);
  });

  it.each([
    ['four weeks for 4 weeks', 'the migration takes 4 weeks', 'The migration takes four weeks, assuming [what it assumes].'],
    ['4 for four', 'about four weeks for the import', 'About 4 weeks for the import, assuming [what it assumes].'],
    ['twenty-five for 25', 'we have 25 services', 'All twenty-five services move first.'],
    ['end of day for EOD', 'done by EOD', "It will be done by end of day if [what it depends on] holds; I'll confirm by then."],
    ['EOD for end of the day', 'by the end of the day', 'Done by EOD, assuming [what it assumes].'],
    ['Fri for Friday', 'ship on friday', 'We ship on Fri if [what it depends on] holds.'],
    ['5 PM for 5pm', 'the demo is at 5pm', 'The demo is at 5 PM; if [the blocker] slips, we move it.'],
    ['3:30 p.m. for 3:30pm', 'standup moved to 3:30pm', 'Standup is at 3:30 p.m. now.'],
    ['1,500 for 1500', 'we have 1500 users on it', 'About 1,500 users rely on it.'],
    ['list numbering', 'check the logs and the metrics', 'Two things to check:\n1. the logs\n2) the metrics'],
    ['inline list numbering', 'check the logs and the metrics', 'I will check 1) the logs 2) the metrics, then report back by [time].'],
    ['"two options" (a count of what the rewrite lists)', "let's use redis", 'Two options: Redis gives us [what it gives], or [option B].'],
  ])('accepts %s', (_what, draft, rewrite) => {
    expect(invented(rewrite, draft)).toEqual([]);
  });

  it.each([
    ['a different amount in words', 'the migration takes 4 weeks', 'The migration takes five weeks.', ['five']],
    ['a different time of day', 'the demo is at 5pm', 'The demo is at 5 AM.', ['5 am']],
    ['a list that does not count from one', 'check the logs', 'Check:\n2. the logs\n3. the metrics', ['2', '3']],
    ['a vague amount nobody wrote', 'the import is slow', 'The import takes a few days.', ['a few']],
    ['the end of the week for the end of the day', 'done by EOD', 'Done by end of week.', ['end of week']],
  ])('rejects %s', (_what, draft, rewrite, tokens) => {
    expect(invented(rewrite, draft)).toEqual(tokens);
  });
});

describe('inventedFacts: names in any case', () => {
  it('lists names the draft never mentions, capitalised or not', () => {
    const text = 'We could use Redis or ask Dana; the API team (via kafka) and [Existing Tool] are options. I\'ll check.';
    expect(invented(text, "let's use redis")).toEqual(['dana', 'kafka']);
  });

  it.each([
    ['envoy or kong', "we need a gateway, let's build one", 'Before we build a gateway: could envoy or kong do it?', ['kong']],
    ['ask dana', 'no idea why the build fails', "Not sure yet why the build fails. I'll ask dana and report back by [time].", ['dana']],
    ['a name at the start of a sentence', 'we should write our own queue', 'Okta could cover it. Does the queue need to exist?', ['okta']],
    ['an identifier', 'the worker crashes', 'The worker crashes on q3 traffic.', ['q3']],
  ])('rejects %s', (_what, draft, rewrite, tokens) => {
    expect(invented(rewrite, draft)).toEqual(tokens);
  });

  it.each([
    ['ETA, an acronym that is a word', 'the vendor is late', "The vendor is late. I'll ask their support for an ETA and report back by [day]."],
    ['CLI and API', 'we should build our own deploy tool', 'Does the deploy tool need to exist, or could [existing tool] with its own CLI or API do it?'],
    ['Kubernetes for k8s', 'moving the jobs to k8s will take 2 weeks', 'Moving the jobs to Kubernetes is about 2 weeks, assuming [what it assumes].'],
    ['k8s for Kubernetes', 'we run on kubernetes', 'We run on k8s, so [option] fits.'],
    ['a name the draft gave in lower case', "let's use redis", 'Redis gives us [what it gives] but costs [what it costs].'],
    ['a possessive of a name in the draft', 'dana says no idea', "Per Dana's note, we don't know yet; I'll check [where] and report back by [time]."],
    ['a word from our instructions', 'we should rewrite it', 'Rewriting it costs [what]; revisit if [signal].'],
    ['sentence starts, contractions and "I"', 'no idea why', "Not sure yet why. I'd check the logs; we'll know by [time]. Isn't that enough? It won't take long."],
  ])('accepts %s', (_what, draft, rewrite) => {
    expect(inventedFacts(rewrite, { sources: [draft], instructions: 'revisit', lexicon })).toEqual([]);
  });

  it('judges a draft in another language by capitals only (a word list cannot tell its names from its words)', () => {
    const draft = 'on peut essayer de le faire pour vendredi, demande à Paul';
    expect(invented('On peut le faire pour vendredi si [ce qui glisse] attend; demande à Paul.', draft)).toEqual([]);
    expect(invented('On peut le faire pour vendredi si Okta attend; demande à Paul.', draft)).toEqual(['Okta']);
  });

  it('does not count placeholders as names', () => {
    expect(invented('Could [Existing Tool] or [kong] do it?', 'build it')).toEqual([]);
  });
});
