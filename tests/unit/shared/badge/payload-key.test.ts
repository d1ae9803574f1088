import { describe, expect, it } from 'vitest';
import { payloadKey } from '../../../../shared/badge';
import { crlf, lf } from './support';

const CARD_LINES = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'N:山田;太郎;;;',
  'FN:山田 太郎',
  'ORG:株式会社サンプル;営業部',
  'EMAIL;TYPE=WORK:taro.yamada@sample.example.jp',
  'TEL;TYPE=WORK:03-1234-5678',
  'END:VCARD',
];
// What the camera reads: the card as written, CRLF.
const CAMERA = crlf(...CARD_LINES);

describe('payloadKey: one card, however it was read, is one key', () => {
  it.each([
    ['the same card with LF', lf(...CARD_LINES)],
    ['the same card with bare CR, as a wedge sends Enter', CARD_LINES.join('\r')],
    ['wedge-typed, trailing spaces on each line and a final Enter', `${CARD_LINES.map((l) => `${l}  `).join('\r\n')}\r\n`],
    ['trailing tabs and full-width spaces', CARD_LINES.map((l) => `${l}\t\u3000`).join('\n')],
    ['blank lines and a BOM around it', `\uFEFF\r\n\r\n${CAMERA}\r\n\r\n`],
    ['typed through a Japanese IME (full-width ASCII)', crlf(...CARD_LINES.map((l) => l.replace(/[!-~]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))))],
    ['property names in lower case', crlf(...CARD_LINES.map((l) => l.replace(/^[^:]+/u, (head) => head.toLowerCase())))],
  ])('%s', (_, variant) => {
    expect(payloadKey(variant)).toBe(payloadKey(CAMERA));
  });

  it('is the normalized text itself, LF-separated', () => {
    expect(payloadKey(CAMERA)).toBe(lf(...CARD_LINES));
  });

  it.each([
    ['a plain id with a line end', 'EXPO2026-000123\r\n', 'EXPO2026-000123'],
    ['a full-width id', 'ＥＸＰＯ２０２６－０００１２３', 'EXPO2026-000123'],
    ['a MECARD with a trailing newline', 'MECARD:N:佐藤,花子;TEL:09012345678;;\n', 'MECARD:N:佐藤,花子;TEL:09012345678;;'],
    ['spaces inside a line stay', 'Welcome to  EXPO 2026 ', 'Welcome to  EXPO 2026'],
  ])('%s', (_, payload, key) => {
    expect(payloadKey(payload)).toBe(key);
  });
});

describe('payloadKey: different cards are different keys', () => {
  const variant = (from: string, to: string) => CAMERA.replace(from, to);

  it.each([
    ['another person', variant('FN:山田 太郎', 'FN:山田 花子')],
    ['another email', variant('taro.yamada@', 'taro.yamada2@')],
    ['a value differing only in case', variant('taro.yamada@', 'Taro.Yamada@')],
    ['a line more', variant('END:VCARD', 'TITLE:部長\r\nEND:VCARD')],
  ])('%s', (_, other) => {
    expect(payloadKey(other)).not.toBe(payloadKey(CAMERA));
  });

  it('only folds property names in a vCard: other text keeps its case', () => {
    expect(payloadKey('guest-a')).not.toBe(payloadKey('GUEST-A'));
    expect(payloadKey('mecard:N:a;;')).toBe('mecard:N:a;;');
  });

  it('keeps a folded continuation line as value, leading space included', () => {
    const folded = crlf('BEGIN:VCARD', 'note:first part', ' second part', 'END:VCARD');
    expect(payloadKey(folded)).toBe(lf('BEGIN:VCARD', 'NOTE:first part', ' second part', 'END:VCARD'));
  });
});
