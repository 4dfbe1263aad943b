// The model's findings beside the rules': kept, added, dropped, and the ones that point at words the author never wrote.
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/llm/judge.ts';
import { finding } from './helpers.ts';

const DRAFT = "sure, we'll try to ship SSO by Friday. Let's build our own queue for it.";
const sure = finding(DRAFT, 'sure-well-try', "we'll try");
const build = finding(DRAFT, 'build-vs-buy', 'build our own queue');

describe('judge', () => {
  it('keeps a rules finding the model also reports, on the rules span, with the model\'s why', () => {
    const judgement = judge(DRAFT, [sure], [{ rule: 'sure-well-try', quote: "sure, we'll try", why: 'Effort words.' }]);
    expect(judgement).toEqual({
      findings: [{ rule: 'sure-well-try', start: sure.start, end: sure.end, quote: "we'll try", why: 'Effort words.', by: 'rules' }],
      dropped: [],
      ignored: 0,
    });
  });

  it('matches a quote of the same rule elsewhere in the same sentence', () => {
    const judgement = judge(DRAFT, [sure], [{ rule: 'sure-well-try', quote: 'by Friday', why: 'w' }]);
    expect(judgement.findings.map((f) => f.by)).toEqual(['rules']);
  });

  it('adds a gap the rules missed, and drops the rules finding the model left out', () => {
    const judgement = judge(DRAFT, [sure, build], [{ rule: 'sure-well-try', quote: "we'll try", why: 'a' }, { rule: 'unstated-assumptions', quote: 'by Friday', why: 'b' }]);
    expect(judgement.findings).toEqual([
      { rule: 'sure-well-try', start: sure.start, end: sure.end, quote: "we'll try", why: 'a', by: 'rules' },
      { rule: 'unstated-assumptions', start: DRAFT.indexOf('by Friday'), end: DRAFT.indexOf('by Friday') + 9, quote: 'by Friday', why: 'b', by: 'model' },
    ]);
    expect(judgement.dropped).toEqual([build]);
  });

  it.each([
    ['a quote that is not in the draft', { rule: 'build-vs-buy', quote: 'write our own broker', why: 'w' }],
    ['an empty quote', { rule: 'build-vs-buy', quote: '  ', why: 'w' }],
    ['a rule that is not one of ours', { rule: 'too-long', quote: 'SSO', why: 'w' }],
  ])('drops %s', (_what, modelFinding) => {
    const judgement = judge(DRAFT, [build], [modelFinding]);
    expect(judgement).toEqual({ findings: [], dropped: [build], ignored: 1 });
  });

  it('finds a quote whose typographic quotes the model straightened, keeping the draft\'s own characters', () => {
    const draft = 'sure, we\u2019ll try to squeeze it in';
    const judgement = judge(draft, [], [{ rule: 'sure-well-try', quote: "we'll try to squeeze it in", why: 'w' }]);
    expect(judgement.findings[0]).toMatchObject({ quote: 'we\u2019ll try to squeeze it in', by: 'model' });
    expect(draft.slice(judgement.findings[0]!.start, judgement.findings[0]!.end)).toBe(judgement.findings[0]!.quote);
  });

  it('reports one gap once, however often the model names it', () => {
    const twice = [{ rule: 'unstated-assumptions', quote: 'by Friday', why: 'a' }, { rule: 'unstated-assumptions', quote: 'SSO by Friday', why: 'b' }];
    expect(judge(DRAFT, [], twice).findings).toHaveLength(1);
    expect(judge(DRAFT, [sure], [{ rule: 'sure-well-try', quote: "we'll try", why: 'a' }, { rule: 'sure-well-try', quote: 'sure', why: 'b' }]).findings).toHaveLength(1);
  });
});
