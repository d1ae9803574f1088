import { describe, expect, it } from 'vitest';
import { parseBadge, type BadgeResult } from '../../../../shared/badge';
import { parseVcard } from '../../../../shared/badge/vcard';
import { noise } from './support';

// No timing asserts (speed is the bench's job): a hang or a quadratic blow-up on these
// sizes runs for minutes and fails on the runner's 30 s test timeout.
const BADGE_MAX_CHARS = 256 * 1024;

const GARBAGE = 'abcXYZ019 ;:,.=\\"\'{}[]<>\r\n\t\u3000山田ｶﾅ\uFEFF@/#%';

function parsedPromptly(payload: string): BadgeResult {
  return parseBadge(payload);
}

function expectBadge(result: BadgeResult, format: string) {
  expect(result).toMatchObject({ ok: true, badge: { format } });
  if (result.ok) expect(Object.values(result.badge)).not.toContain(undefined);
}

describe('hostile payloads come back promptly', () => {
  const kb100 = noise(100 * 1024, 2026, GARBAGE);

  it('100 KB of random garbage is text', () => {
    expectBadge(parsedPromptly(kb100), 'text');
  });

  it.each([
    ['BEGIN:VCARD\n', 'vcard'],
    ['MECARD:', 'mecard'],
    ['BIZCARD:', 'bizcard'],
    ['{', 'text'],
    ['https://', 'text'],
  ])('100 KB of garbage after %j is %s', (prefix, format) => {
    expectBadge(parsedPromptly(prefix + kb100), format);
  });

  it('1 MB of garbage is too large', () => {
    const result = parsedPromptly(noise(1024 * 1024, 7, GARBAGE));
    expect(result).toMatchObject({ ok: false, error: { code: 'badge.too_large' } });
  });

  it('1 MB of ;;;; is too large', () => {
    expect(parsedPromptly(';'.repeat(1024 * 1024))).toMatchObject({ ok: false, error: { code: 'badge.too_large' } });
  });

  it.each([
    ['', 'text'],
    ['MECARD:', 'mecard'],
    ['BIZCARD:', 'bizcard'],
    ['BEGIN:VCARD\nN:', 'vcard'],
  ])('just under the limit of ;;;; after %j is %s', (prefix, format) => {
    expectBadge(parsedPromptly(prefix + ';'.repeat(BADGE_MAX_CHARS - prefix.length)), format);
  });

  it('just under the limit of backslashes', () => {
    expectBadge(parsedPromptly(`MECARD:N:${'\\'.repeat(BADGE_MAX_CHARS - 20)}`), 'mecard');
  });

  it('BEGIN:VCARD with 100k properties is too large, and says so promptly', () => {
    const card = ['BEGIN:VCARD', ...Array.from({ length: 100_000 }, (_, i) => `X-${i}:v`), 'END:VCARD'].join('\n');
    expect(parsedPromptly(card)).toMatchObject({ ok: false, error: { code: 'badge.too_large' } });
  });

  it('the vCard reader itself handles 100k properties in linear time', () => {
    const lines = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? `EMAIL:p${i}@example.com` : `TEL;TYPE=HOME:${i}`));
    const card = ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'FN:Last Line', 'END:VCARD'].join('\r\n');
    expect(parseVcard(card)).toMatchObject({ fullName: 'Last Line', email: 'p1@example.com', phone: '0' });
  });

  it('a vCard just under the limit with 40k properties', () => {
    const card = ['BEGIN:VCARD', ...Array.from({ length: 40_000 }, () => 'TEL:1'), 'FN:Jane', 'END:VCARD'].join('\n');
    expect(card.length).toBeLessThan(BADGE_MAX_CHARS);
    expect(parsedPromptly(card)).toMatchObject({ ok: true, badge: { format: 'vcard', fullName: 'Jane', phone: '1' } });
  });

  it('one property with 50k parameters, and one with a 50k-long TYPE list', () => {
    const card = `BEGIN:VCARD\nTEL${';WORK'.repeat(50_000)}:03-1234-5678\nEND:VCARD`;
    expect(parsedPromptly(card)).toMatchObject({ ok: true, badge: { format: 'vcard', phone: '03-1234-5678' } });
    const list = `BEGIN:VCARD\nEMAIL;TYPE=${'WORK,'.repeat(50_000)}PREF:jane@example.com\nEND:VCARD`;
    expect(parsedPromptly(list)).toMatchObject({ ok: true, badge: { format: 'vcard', email: 'jane@example.com' } });
  });

  it('100k quoted-printable soft line breaks', () => {
    const card = `BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:${'=41=\n'.repeat(40_000)}\nEND:VCARD`;
    expectBadge(parsedPromptly(card), 'vcard');
  });

  it('100k folded continuation lines', () => {
    const card = `BEGIN:VCARD\nFN:a${'\n b'.repeat(80_000)}\nEND:VCARD`;
    const result = parsedPromptly(card);
    expect(result).toMatchObject({ ok: true, badge: { format: 'vcard', fullName: expect.stringMatching(/^ab+$/u) } });
    if (result.ok) expect(result.badge.fullName).toHaveLength(500);
  });

  it('JSON nested 100k deep in an array is text', () => {
    expectBadge(parsedPromptly('['.repeat(100_000) + ']'.repeat(100_000)), 'text');
  });

  it('JSON nested 40k deep inside an object is still read one level deep', () => {
    const deep = `{"name":"Jane","attendee":${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}}`;
    expect(parsedPromptly(deep)).toMatchObject({ ok: true, badge: { format: 'json', fullName: 'Jane' } });
  });

  it.each([
    ['a JSON string', '{"name":"' + 'a'.repeat(200_000)],
    ['a vCard parameter', `BEGIN:VCARD\nN;SORT-AS="${'ヤ'.repeat(200_000)}:山田;太郎\nEND:VCARD`],
    ['a vCard parameter, then a good line', 'BEGIN:VCARD\nN;SORT-AS="ヤマダ:山田;太郎\nFN:Jane\nEND:VCARD'],
    ['a MECARD escape at the very end', 'MECARD:N:山田,太郎\\'],
  ])('an unterminated quote or escape in %s', (_, payload) => {
    const result = parsedPromptly(payload);
    expect(result.ok).toBe(true);
  });

  it('lone surrogates and control characters', () => {
    expectBadge(parsedPromptly('BEGIN:VCARD\nFN:\uD800\u0000\u001b[31m\nEND:VCARD'), 'vcard');
    expectBadge(parsedPromptly('MECARD:N:\uDFFF,\uD83D;;'), 'mecard');
  });

  it('a long run of = in a quoted-printable value', () => {
    expectBadge(parsedPromptly(`BEGIN:VCARD\nVERSION:2.1\nN;QUOTED-PRINTABLE:${'='.repeat(200_000)}\nEND:VCARD`), 'vcard');
  });

  it('a very long would-be email', () => {
    expectBadge(parsedPromptly(`${'a'.repeat(120_000)}@${'b'.repeat(120_000)}`), 'text');
  });
});
