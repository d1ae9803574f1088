import { describe, expect, it } from 'vitest';
import { parseBadge } from '../../../../shared/badge';
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
  ])('%s is the id %s', (payload, badgeId) => {
    expect(badgeOf(payload)).toEqual({ format: 'id', badgeId, raw: payload });
  });

  it.each([
    ['no digit', 'ABCDEF'],
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
