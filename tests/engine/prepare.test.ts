import { describe, expect, it } from 'vitest';
import { PLACEHOLDER, prepare } from '../../src/engine/prepare.ts';

/** Maps the first prose occurrence of `word` back to the original and returns that slice. */
function original(text: string, word: string): string {
  const doc = prepare(text);
  const at = doc.prose.indexOf(word);
  expect(at, `"${word}" in prose ${JSON.stringify(doc.prose)}`).toBeGreaterThanOrEqual(0);
  const span = doc.toOriginal(at, at + word.length);
  return text.slice(span.start, span.end);
}

describe('prepare', () => {
  it('keeps plain prose as is, with identity offsets', () => {
    const text = "Sure, we'll try to squeeze SSO in by Friday.";
    const doc = prepare(text);
    expect(doc.prose).toBe(text);
    expect(original(text, 'squeeze SSO')).toBe('squeeze SSO');
    expect(doc.sentences.map((s) => s.text)).toEqual([text]);
  });

  it('drops ``` fences, also unterminated ones, and maps words after them', () => {
    const text = 'before\n```\nwe will try\n```\nafter Friday';
    const doc = prepare(text);
    expect(doc.prose).not.toContain('try');
    expect(original(text, 'Friday')).toBe('Friday');
    const open = prepare('look:\n```\nit will take 3 weeks');
    expect(open.prose).not.toContain('weeks');
  });

  it('turns `inline code` into CODE that maps to the whole code span', () => {
    const text = "let's use `redis` here";
    expect(prepare(text).prose).toContain(PLACEHOLDER.code);
    expect(original(text, PLACEHOLDER.code)).toBe('`redis`');
    expect(original(text, 'here')).toBe('here');
  });

  it('drops > and &gt; quote lines', () => {
    const text = "> we'll try by Friday\n&gt; done by Monday\nmy own words";
    const doc = prepare(text);
    expect(doc.prose).not.toMatch(/try|Monday/);
    expect(original(text, 'own words')).toBe('own words');
  });

  it('keeps a link label as prose, a URL label or bare URL as LINK', () => {
    const text = 'see <https://x.example/doc|the design doc> and <https://x.example|x.example> or https://y.example/a?b=1 ok';
    const doc = prepare(text);
    expect(doc.prose).toContain('the design doc');
    expect(doc.prose).not.toContain('https');
    expect(original(text, 'design doc')).toBe('design doc');
    expect(original(text, 'ok')).toBe('ok');
    expect(original(text, PLACEHOLDER.link)).toBe('<https://x.example|x.example>');
  });

  it('leaves sentence punctuation after a bare URL as prose', () => {
    const doc = prepare('see https://x.example/a. Then we ship (docs at https://y.example/b)');
    expect(doc.sentences.map((s) => s.text)).toEqual(['see  LINK .', 'Then we ship (docs at  LINK )']);
    expect(prepare('wiki: https://en.wikipedia.org/wiki/Foo_(bar) ok').prose).toBe('wiki:  LINK  ok');
  });

  it('turns user, group and broadcast mentions into SOMEONE and channels into #name', () => {
    const text = '<@U123> <@U456|dana> <!here> <!subteam^S1|@eng> <#C1|general> <#C2> end';
    const doc = prepare(text);
    expect(doc.prose.match(/SOMEONE/g)).toHaveLength(4);
    expect(doc.prose).toContain('#general');
    expect(doc.prose).toContain('#channel');
    expect(original(text, 'SOMEONE')).toBe('<@U123>');
    expect(original(text, '#general')).toBe('<#C1|general>');
    expect(original(text, 'end')).toBe('end');
  });

  it('keeps the fallback text of a <!date> as prose', () => {
    expect(prepare('done by <!date^1392734382^{date_short}|Feb 18th>').prose).toContain('Feb 18th');
  });

  it('removes :emoji: including skin tones, but not times', () => {
    const text = 'nice :+1::skin-tone-2: :tada: at 10:30:45 ok';
    const doc = prepare(text);
    expect(doc.prose).not.toMatch(/tada|skin|\+1/);
    expect(doc.prose).toContain('10:30:45');
    expect(original(text, 'ok')).toBe('ok');
  });

  it('reads unicode emoji like :emoji: codes: between two words a sentence break, at the end a gap', () => {
    const text = 'on it \u{1F4AA}\u{1F3FD} ok \u{1F937}\u200d\u2642\ufe0f';
    const doc = prepare(text);
    expect(doc.prose).toBe('on it \n ok  ');
    expect(original(text, 'ok')).toBe('ok');
  });

  it('an emoji between two sentences does not glue them together', () => {
    const doc = prepare("we're spinning up our own feature flag service :rocket: should be ready monday");
    expect(doc.sentences.map((s) => s.text)).toEqual(["we're spinning up our own feature flag service", 'should be ready monday']);
    // A run of emoji counts once; one next to punctuation or at a line's edge is only a gap.
    expect(prepare('done :tada: :+1::skin-tone-2: next up').sentences.map((s) => s.text)).toEqual(['done', 'next up']);
    expect(prepare('done! :tada: next up').sentences.map((s) => s.text)).toEqual(['done!', 'next up']);
    expect(prepare(':wave: hi all, :tada:').sentences.map((s) => s.text)).toEqual(['hi all,']);
  });

  it('blanks paired *bold* _italic_ ~strike~ markers but keeps snake_case and a lone tilde', () => {
    const text = '*bold* _italic_ ~gone~ user_id ~4 days';
    const doc = prepare(text);
    expect(doc.prose).toBe(' bold   italic   gone  user_id ~4 days');
    expect(original(text, 'italic')).toBe('italic');
  });

  it('decodes &amp; &lt; &gt; and maps the decoded char to the entity', () => {
    const text = 'R&amp;D &lt;3 ok';
    const doc = prepare(text);
    expect(doc.prose).toBe('R&D <3 ok');
    expect(original(text, '&')).toBe('&amp;');
    expect(original(text, 'ok')).toBe('ok');
  });

  it('masks multi-word quoted speech, straight and curly, single and double, but not contractions or scare quotes', () => {
    const text = `PM said "done by Friday" and \u201cwe'll try\u201d, Dana wrote 'it will take 3 weeks' but it's 'fixed' and we'll see`;
    const doc = prepare(text);
    expect(doc.prose).not.toMatch(/Friday|try|weeks/);
    expect(doc.prose.match(/QUOTE/g)).toHaveLength(3);
    expect(doc.prose).toContain("it's 'fixed' and we'll see");
    expect(original(text, 'QUOTE')).toBe('"done by Friday"');
    expect(original(text, "we'll see")).toBe("we'll see");
  });

  it('reads typographic apostrophes and dashes as ASCII', () => {
    expect(prepare('we\u2019ll ship \u2013 maybe').prose).toBe("we'll ship - maybe");
  });

  it('splits sentences on . ! ? ; and newlines', () => {
    const doc = prepare('One. Two! Three? Four; five\nsix');
    expect(doc.sentences.map((s) => s.text)).toEqual(['One.', 'Two!', 'Three?', 'Four;', 'five', 'six']);
  });

  it('keeps every placeholder when they are longer than the markup they replace', () => {
    const doc = prepare('<#C>'.repeat(500) + ' end');
    expect(doc.prose.match(/#channel/g)).toHaveLength(500);
    expect(doc.prose.endsWith(' end')).toBe(true);
  });

  it('maps every prose span inside the original', () => {
    const text = '*hi* <@U1> `x` :tada: &amp; "a b" <https://z|label> ok';
    const doc = prepare(text);
    for (let s = 0; s < doc.prose.length; s++) {
      const span = doc.toOriginal(s, s + 1);
      expect(span.start).toBeGreaterThanOrEqual(0);
      expect(span.end).toBeLessThanOrEqual(text.length);
      expect(span.start).toBeLessThanOrEqual(span.end);
    }
  });
});
