import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { leadBytesOf } from '../../../../shared/badge/charset';
import { splitEscaped, splitText, unescapeBytes, unescapeText } from '../../../../shared/badge/escapes';

const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'Shift_JIS'));
const fromSjis = (bytes: Uint8Array) => iconv.decode(Buffer.from(bytes), 'Shift_JIS');

describe('escaped separators', () => {
  it.each([
    ['a;b;c', ';', ['a', 'b', 'c']],
    ['a\\;b;c', ';', ['a\\;b', 'c']],
    ['a\\\\;b', ';', ['a\\\\', 'b']],
    [';;', ';', ['', '', '']],
    ['O\\,Brien,Pat', ',', ['O\\,Brien', 'Pat']],
    ['trailing\\', ';', ['trailing\\']],
    ['', ';', ['']],
  ] as const)('splitText(%j, %j) keeps escapes in the pieces', (text, separator, pieces) => {
    expect(splitText(text, separator)).toEqual(pieces);
  });

  it('stops after the pieces asked for', () => {
    expect(splitText('a;b;c;d', ';', 2)).toEqual(['a', 'b']);
    expect(splitText('a', ';', 2)).toEqual(['a']);
  });

  it.each([
    ['Smith\\, Jones', 'Smith, Jones'],
    ['R\\;D', 'R;D'],
    ['line\\nbreak\\Nagain', 'line\nbreak\nagain'],
    ['http\\://x', 'http://x'],
    ['a\\\\b', 'a\\b'],
    ['C:\\Users', 'C:\\Users'],
    ['end\\', 'end\\'],
  ])('unescapeText(%j) is %j', (text, plain) => {
    expect(unescapeText(text)).toBe(plain);
  });

  it('never splits or unescapes at a Shift_JIS trail byte 0x5C', () => {
    const isLead = leadBytesOf('shift_jis');
    const bytes = sjis('ソニー;表示\\;部');
    const pieces = splitEscaped(bytes, 0x3b, isLead).map((p) => fromSjis(unescapeBytes(p, isLead)));
    expect(pieces).toEqual(['ソニー', '表示;部']);
  });

  it('would get Shift_JIS wrong without knowing the lead bytes (why the charset matters)', () => {
    const pieces = splitEscaped(sjis('ソ;ニ'), 0x3b).map((p) => fromSjis(unescapeBytes(p)));
    expect(pieces).not.toEqual(['ソ', 'ニ']);
  });
});
