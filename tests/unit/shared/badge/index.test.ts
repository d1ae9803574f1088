import { describe, expect, it } from 'vitest';
import { isKnownBadge, parseBadge } from '../../../../shared/badge';
import { badgeOf } from './support';

const BADGE_MAX_CHARS = 256 * 1024;

describe('parseBadge errors', () => {
  it.each([
    ['nothing', ''],
    ['spaces and tabs', '  \t '],
    ['a full-width space', '\u3000'],
    ['a BOM', '\uFEFF'],
    ['blank lines', '\r\n\r\n\n'],
    ['a BOM and a newline', '\uFEFF\r\n'],
  ])('answers badge.empty for %s', (_, payload) => {
    const result = parseBadge(payload);
    expect(result).toEqual({ ok: false, error: { code: 'badge.empty', message: expect.any(String) } });
  });

  it('answers badge.too_large above 256 KiB of characters', () => {
    const result = parseBadge('A'.repeat(BADGE_MAX_CHARS + 1));
    expect(result).toMatchObject({ ok: false, error: { code: 'badge.too_large' } });
  });

  it('accepts exactly 256 KiB of characters', () => {
    expect(parseBadge('A'.repeat(BADGE_MAX_CHARS))).toMatchObject({ ok: true, badge: { format: 'text' } });
  });

  it('answers badge.empty rather than throwing for a payload that is not a string', () => {
    expect(parseBadge(undefined as unknown as string)).toMatchObject({ ok: false, error: { code: 'badge.empty' } });
  });
});

describe('plain badge ids', () => {
  it.each([
    ['EXPO2026-000123', 'EXPO2026-000123'],
    ['ＥＸＰＯ２０２６－０００１２３', 'EXPO2026-000123'],
    ['１２３４５６７８', '12345678'],
    ['A1B', 'A1B'],
    ['00012345', '00012345'],
    ['urn:expo:2026:000123', 'urn:expo:2026:000123'],
    ['TKT#2026/0042', 'TKT#2026/0042'],
    ['reg_2026.a-1', 'reg_2026.a-1'],
    ['\uFEFFEXPO2026-000123\r\n', 'EXPO2026-000123'],
    [`A${'1'.repeat(63)}`, `A${'1'.repeat(63)}`],
    ['A-12345', 'A-12345'],
    ['TK2026-0001', 'TK2026-0001'],
    ['1234567890123', '1234567890123'],
    // Roster ids without a digit: an upper-case code is an id.
    ['VIP-A', 'VIP-A'],
    ['GUEST', 'GUEST'],
    ['ABCDEF', 'ABCDEF'],
    ['ＧＵＥＳＴ', 'GUEST'],
    ['STAFF_B', 'STAFF_B'],
  ])('%s is the id %s', (payload, badgeId) => {
    expect(badgeOf(payload)).toEqual({ format: 'id', badgeId, raw: payload });
  });

  it.each([
    ['a lower-case word without a digit', 'abcdef'],
    ['a mixed-case word without a digit, like the tail of a name', 'Smith'],
    ['only punctuation', '---'],
    ['too short', '12'],
    ['too long', `A${'1'.repeat(64)}`],
    ['two tokens', 'EXPO 2026'],
    ['a Japanese word with digits', '展示会2026'],
    ['a comma', 'A1,B2'],
    ['a scheme', 'javascript:alert1'],
  ])('%s is text', (_, payload) => {
    expect(badgeOf(payload)).toEqual({ format: 'text', raw: payload });
  });
});

describe('plain text', () => {
  it.each([
    ['taro.yamada@sample.example.jp', 'taro.yamada@sample.example.jp'],
    ['Taro.Yamada@Sample.Example.JP\n', 'taro.yamada@sample.example.jp'],
    ['mailto:hanako@example.co.jp', 'hanako@example.co.jp'],
    ['ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ', 'taro@example.jp'],
    ['user1@example2.com', 'user1@example2.com'],
  ])('an email alone, %s, is text with the email', (payload, email) => {
    expect(badgeOf(payload)).toEqual({ format: 'text', email, raw: payload });
  });

  it.each([
    ['a sentence', 'Welcome to EXPO 2026!'],
    ['Japanese', '山田 太郎 株式会社サンプル'],
    ['two emails', 'a@example.com b@example.com'],
    ['a vCard-looking line that is not one', 'VERSION:3.0\nFN:Jane'],
    ['other QR kinds', 'WIFI:S:booth;T:WPA;P:secret;;'],
  ])('%s is text with no fields', (_, payload) => {
    expect(badgeOf(payload)).toEqual({ format: 'text', raw: payload });
  });

  it('keeps the raw payload exactly, BOM and line ends included', () => {
    const payload = '\uFEFF\r\nMECARD:N:山田,太郎;;\r\n\r\n';
    expect(badgeOf(payload).raw).toBe(payload);
  });
});

describe('a fragment of a multi-line card, as a wedge scanner cut it, is text', () => {
  it.each([
    ['VERSION:3.0'],
    ['END:VCARD'],
    ['end:vcard'],
    ['TEL:0312345678'],
    ['TEL;TYPE=WORK:+1-415-555-0100'],
    ['item1.EMAIL:jane@acme.example'],
    ['email;type=work:a@example.com'],
    ['X-BADGE-ID:EXPO2026-1'],
    ['REV:20260101T000000Z'],
    ['UID:urn:uuid:1234-5678'],
    ['ample;TEL:03-1234-5678'],
    ['N:Smith;Jane;;;'],
    ['ＶＥＲＳＩＯＮ：３．０'],
  ])('%s', (payload) => {
    expect(badgeOf(payload)).toEqual({ format: 'text', raw: payload });
  });

  it('while an id with colons that is not a property line stays an id', () => {
    expect(badgeOf('urn:expo:2026:000123')).toMatchObject({ format: 'id', badgeId: 'urn:expo:2026:000123' });
  });
});

describe('isKnownBadge', () => {
  const known = (payload: string) => isKnownBadge(badgeOf(payload));

  it.each([
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Smith\r\nEND:VCARD'],
    ['a MECARD', 'MECARD:N:佐藤,花子;TEL:09012345678;;'],
    ['a BIZCARD', 'BIZCARD:N:Sean;X:Owen;E:sean@example.com;;'],
    ['a JSON badge', '{"ticket":"T-9"}'],
    ['a JSON badge with only a person', '{"attendee":{"name":"山田 太郎"}}'],
    ['a URL with a badge id', 'https://expo.example.jp/badge?aid=000777'],
    ['an id', 'EXPO2026-000123'],
    ['a roster-style id', 'VIP-A'],
  ])('%s is known', (_, payload) => {
    expect(known(payload)).toBe(true);
  });

  it.each([
    ['a fragment', 'VERSION:3.0'],
    ['the tail of a card cut by a stall', 'ample;TEL:03-1234-5678'],
    ['a sentence', 'Welcome to EXPO 2026!'],
    ['an email alone, which any QR code may hold', 'taro@example.jp'],
    ['the first line of a split vCard', 'BEGIN:VCARD'],
    ['a vCard with nothing identifying', 'BEGIN:VCARD\nVERSION:3.0\nTITLE:部長\nEND:VCARD'],
    ['an empty MECARD', 'MECARD:;;'],
    ['JSON with no known key', '{"foo":"bar","event":"EXPO 2026"}'],
    ['a landing-page URL without an id', 'https://expo.example.jp/lp?utm_source=qr'],
    ['another kind of QR', 'WIFI:S:booth;T:WPA;P:secret;;'],
  ])('%s is not', (_, payload) => {
    expect(known(payload)).toBe(false);
  });
});
