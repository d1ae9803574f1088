import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import { decodeRoster, isUtf8 } from '../../../../shared/roster/decode';
import { PNG_HEAD, codeOf, concat, cp932, pseudoRandomBytes, thrown, utf16be, utf16le, utf8, utf8Bom } from './helpers';

const CSV = '来場者ID,氏名,会社名\r\nEXPO-1,山田 太郎,株式会社サンプル\r\n';

describe('decodeRoster', () => {
  it.each([
    ['UTF-8 without a BOM', utf8(CSV), 'utf-8'],
    ['UTF-8 with a BOM (Excel "CSV UTF-8")', utf8Bom(CSV), 'utf-8-bom'],
    ['Shift_JIS (Excel "CSV" on Japanese Windows)', cp932(CSV), 'shift_jis'],
    ['UTF-16LE with a BOM (Excel "Unicode text")', utf16le(CSV), 'utf-16le'],
    ['UTF-16BE with a BOM', utf16be(CSV), 'utf-16be'],
  ] as const)('reads %s', (_name, bytes, encoding) => {
    expect(decodeRoster(bytes)).toEqual({ text: CSV, encoding });
  });

  it.each([
    ['髙 (IBM extension) in a family name', '髙橋 一郎'],
    ['﨑 (IBM extension)', '山﨑 花子'],
    ['circled digits (NEC row 13)', '第①会場・②会場'],
    ['㈱ and ㈲ (NEC row 13)', '㈱サンプル／㈲テスト'],
    ['Roman numerals', 'Ⅲ期生'],
    ['～ (CP932 full-width tilde, not WAVE DASH)', '10:00～12:00'],
    ['― and － (CP932 mappings of 0x815C, 0x817C)', '営業部―第二課 －5'],
    ['half-width katakana', 'ｶﾌﾞｼｷｶﾞｲｼｬ ｻﾝﾌﾟﾙ'],
    ['№ ℡ ∵', '№1 ℡03 ∵'],
  ])('round-trips CP932 text: %s', (_name, cell) => {
    const text = `ID,値\r\nEXPO-1,${cell}\r\n`;
    expect(decodeRoster(cp932(text))).toEqual({ text, encoding: 'shift_jis' });
  });

  it('takes plain ASCII as UTF-8 (both read it the same)', () => {
    expect(decodeRoster(utf8('id,name\n1,Jane Smith\n')).encoding).toBe('utf-8');
  });

  it('does not take UTF-8 kana for Shift_JIS mojibake', () => {
    expect(decodeRoster(utf8('ヤマダ タロウ,ｶﾅ')).text).toBe('ヤマダ タロウ,ｶﾅ');
  });

  it('strips the BOM only once: a second U+FEFF is data', () => {
    expect(decodeRoster(utf8Bom('\uFEFFid')).text).toBe('\uFEFFid');
  });

  it('reads a view into a larger buffer (browser File slices), with no Buffer involved', () => {
    const bytes = utf8Bom('id\n1\n');
    const buffer = new ArrayBuffer(bytes.length + 10);
    new Uint8Array(buffer, 7, bytes.length).set(bytes);
    const view = new Uint8Array(buffer, 7, bytes.length);
    expect(decodeRoster(view)).toEqual({ text: 'id\n1\n', encoding: 'utf-8-bom' });
  });

  it.each([
    ['an empty file', new Uint8Array(0)],
    ['a BOM and nothing else', Uint8Array.of(0xef, 0xbb, 0xbf)],
    ['only blank lines', utf8('\r\n \r\n\t\r\n')],
  ])('rejects %s as roster.empty', (_name, bytes) => {
    expect(codeOf(() => decodeRoster(bytes))).toBe('roster.empty');
  });

  it.each([
    ['bytes invalid in both UTF-8 and Shift_JIS', Uint8Array.of(0x41, 0x2c, 0xfd, 0xfe)],
    ['a UTF-8 BOM over Shift_JIS bytes', concat(Uint8Array.of(0xef, 0xbb, 0xbf), cp932('氏名,会社名'))],
    ['a UTF-16LE BOM and an odd number of bytes', Uint8Array.of(0xff, 0xfe, 0x41, 0x00, 0x42)],
  ])('rejects %s as roster.encoding_unknown', (_name, bytes) => {
    expect(codeOf(() => decodeRoster(bytes))).toBe('roster.encoding_unknown');
  });

  it.each([
    ['a PNG image', PNG_HEAD],
    ['random bytes', pseudoRandomBytes(4096)],
    ['an .xlsx (zip) header', concat(utf8('PK\u0003\u0004\u0014\u0000\u0006\u0000'), pseudoRandomBytes(512, 7))],
    ['UTF-16LE without a BOM', utf16le('id,name\r\n1,Jane\r\n').subarray(2)],
    ['a text file with NUL bytes', utf8('id,name\n1,\u0000\u0000\u0000\n')],
  ])('rejects %s with a coded error, never as text', (_name, bytes) => {
    expect(['roster.encoding_unknown', 'roster.not_csv']).toContain(codeOf(() => decodeRoster(bytes)));
  });

  it('allows a stray control character, such as a DOS end-of-file mark', () => {
    expect(decodeRoster(utf8('id,name\r\n1,Jane\r\n\u001a')).encoding).toBe('utf-8');
  });

  describe('a UTF-8 file with one line pasted from a Shift_JIS file', () => {
    const sjis = (text: string) => iconv.encode(text, 'Shift_JIS');
    const utf = (text: string) => Buffer.from(text, 'utf8');

    it.each([
      ['LF lines', '\n', Buffer.alloc(0)],
      ['CRLF lines', '\r\n', Buffer.alloc(0)],
      ['CRLF lines after a UTF-8 BOM', '\r\n', Buffer.of(0xef, 0xbb, 0xbf)],
    ])('is refused with the line number (%s), in the message and as details', (_name, eol, bom) => {
      const file = Buffer.concat([
        bom,
        utf(`来場者ID,氏名,会社名${eol}EXPO-1,山田 太郎,株式会社サンプル${eol}EXPO-2,佐藤 花子,サンプル商事${eol}`),
        sjis(`EXPO-3,高橋 健一,株式会社ミライ${eol}`),
        utf(`EXPO-4,鈴木 一郎,テスト工業${eol}`),
      ]);
      const err = thrown(() => decodeRoster(file));
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('roster.encoding_mixed');
      expect((err as AppError).details).toEqual({ line: 4 });
      expect((err as AppError).message).toContain('Line 4');
    });

    it('counts lines as an editor does: a line break inside a quoted cell is a line', () => {
      const file = Buffer.concat([
        utf('ID,氏名,備考\r\nEXPO-1,山田 太郎,"一行目\n二行目"\r\n'),
        sjis('EXPO-2,高橋 健一,株式会社ミライ\r\n'),
      ]);
      expect((thrown(() => decodeRoster(file)) as AppError).details).toEqual({ line: 4 });
    });

    it('still reads a Shift_JIS file whose one line happens to be valid UTF-8 as Shift_JIS', () => {
      // ﾂｶ is 0xC2 0xB6 in Shift_JIS, which UTF-8 reads as "¶".
      const text = 'ID,氏名,フリガナ\r\nEXPO-1,山田 太郎,ﾂｶ\r\nEXPO-2,高橋 健一,ﾀｶﾊｼ\r\nEXPO-3,佐藤 花子,ｻﾄｳ\r\n';
      expect(decodeRoster(sjis(text))).toEqual({ text, encoding: 'shift_jis' });
    });

    it('reads an ASCII file with one Shift_JIS line as Shift_JIS: the whole file is valid Shift_JIS', () => {
      const file = Buffer.concat([utf('id,name\r\n1,Jane Smith\r\n'), sjis('2,山田 太郎\r\n')]);
      expect(decodeRoster(file)).toEqual({ text: 'id,name\r\n1,Jane Smith\r\n2,山田 太郎\r\n', encoding: 'shift_jis' });
    });
  });
});

describe('isUtf8 (the mixed-file check, without an exception per line)', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const reference = (bytes: Uint8Array) => {
    try {
      fatal.decode(bytes);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    ['ASCII', [0x41, 0x42]],
    ['kana', [...Buffer.from('ヤマダ', 'utf8')]],
    ['an emoji', [...Buffer.from('😀', 'utf8')]],
    ['Shift_JIS bytes', [0x83, 0x52, 0x83, 0x93]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a surrogate', [0xed, 0xa0, 0x80]],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['cut off', [0xe3, 0x81]],
    ['a lone continuation', [0x80]],
  ])('agrees with a fatal TextDecoder: %s', (_, bytes) => {
    expect(isUtf8(Uint8Array.from(bytes))).toBe(reference(Uint8Array.from(bytes)));
  });

  it('agrees with a fatal TextDecoder on 20,000 random byte strings', () => {
    let seed = 42;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const lead = [0x41, 0xc2, 0xdf, 0xe0, 0xe3, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0x80, 0xbf, 0x83];
    for (let n = 0; n < 20_000; n++) {
      const bytes = Uint8Array.from({ length: 1 + (next() % 6) }, (_, i) => (i === 0 || next() % 3 === 0 ? lead[next() % lead.length]! : next()));
      expect(isUtf8(bytes), Buffer.from(bytes).toString('hex')).toBe(reference(bytes));
    }
  });
});
