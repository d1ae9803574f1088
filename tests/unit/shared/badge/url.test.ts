import { describe, expect, it } from 'vitest';
import type { ParsedBadge } from '../../../../shared/model';
import { badgeOf } from './support';

type Case = [name: string, payload: string, expected: Partial<ParsedBadge>];

const urls: Case[] = [
  ['aid in the query', 'https://expo.example.jp/badge?aid=000777', { badgeId: '000777' }],
  ['badge_id in the query', 'https://reg.example.com/v?badge_id=EXPO2026-000123&lang=ja', { badgeId: 'EXPO2026-000123' }],
  ['badgeId in any case', 'https://reg.example.com/v?BadgeID=B-9', { badgeId: 'B-9' }],
  ['attendee-id', 'https://reg.example.com/v?attendee-id=A1', { badgeId: 'A1' }],
  ['plain id', 'http://expo.example.jp/a?id=42', { badgeId: '42' }],
  ['uid', 'https://e.example/?uid=u-77', { badgeId: 'u-77' }],
  ['ticket', 'https://e.example/t?ticket=TK-5', { badgeId: 'TK-5' }],
  ['code', 'https://e.example/c?code=XYZ123', { badgeId: 'XYZ123' }],
  ['badge_id beats code', 'https://e.example/c?code=SESSION&badge_id=B-1', { badgeId: 'B-1' }],
  ['a percent-encoded id', 'https://e.example/?id=A%2D1%20', { badgeId: 'A-1' }],
  ['full-width, as a scanner typing through an IME sends it', 'ｈｔｔｐｓ：／／ｅｘｐｏ．ｅｘａｍｐｌｅ．ｊｐ／？ｉｄ＝１２３', { badgeId: '123', url: 'https://expo.example.jp/?id=123' }],
  ['surrounded by blank lines', '\r\nhttps://expo.example.jp/b?aid=1\r\n', { badgeId: '1', url: 'https://expo.example.jp/b?aid=1' }],
];

describe('URL badges', () => {
  it.each(urls)('reads the badge id from %s', (_, payload, expected) => {
    expect(badgeOf(payload)).toMatchObject({ format: 'url', url: payload.trim().normalize('NFKC'), ...expected, raw: payload });
  });

  it.each([
    ['no query', 'https://expo.example.jp/'],
    ['unrelated parameters', 'https://expo.example.jp/lp?utm_source=qr&lang=ja'],
    ['an empty id', 'https://expo.example.jp/lp?id='],
  ])('has no badge id with %s', (_, payload) => {
    const badge = badgeOf(payload);
    expect(badge).toEqual({ format: 'url', url: payload, raw: payload });
  });

  it.each([
    ['javascript:', 'javascript:alert(document.cookie)'],
    ['javascript: with a digit', 'javascript:alert1'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['ftp:', 'ftp://files.example.jp/badge/123'],
    ['a URL with spaces', 'https://expo.example.jp/a b?id=1'],
    ['a broken URL', 'https://'],
    ['a URL longer than a lead can keep', `https://expo.example.jp/?id=1&pad=${'x'.repeat(2000)}`],
  ])('%s is text', (_, payload) => {
    expect(badgeOf(payload)).toEqual({ format: 'text', raw: payload });
  });
});
