import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../shared/roster/parse';
import { codeOf, thrown } from './helpers';

type Row = { line: number; cells: string[] };

describe('parseCsv', () => {
  it.each<[string, string, string[], Row[]]>([
    ['comma, CRLF', 'ID,氏名\r\n1,山田 太郎\r\n2,佐藤 花子\r\n', ['ID', '氏名'], [
      { line: 2, cells: ['1', '山田 太郎'] },
      { line: 3, cells: ['2', '佐藤 花子'] },
    ]],
    ['comma, LF, no final newline', 'ID,氏名\n1,山田 太郎\n2,佐藤 花子', ['ID', '氏名'], [
      { line: 2, cells: ['1', '山田 太郎'] },
      { line: 3, cells: ['2', '佐藤 花子'] },
    ]],
    ['tab (TSV), commas inside cells', 'ID\t会社名\n1\tAcme, Inc.\n2\tサンプル、商事\n', ['ID', '会社名'], [
      { line: 2, cells: ['1', 'Acme, Inc.'] },
      { line: 3, cells: ['2', 'サンプル、商事'] },
    ]],
    ['semicolon (European Excel), commas inside cells', 'ID;Company;Score\n1;Acme, Inc.;1,5\n', ['ID', 'Company', 'Score'], [
      { line: 2, cells: ['1', 'Acme, Inc.', '1,5'] },
    ]],
    ['old Mac CR-only line ends', 'ID,Name\r1,Jane\r2,John\r', ['ID', 'Name'], [
      { line: 2, cells: ['1', 'Jane'] },
      { line: 3, cells: ['2', 'John'] },
    ]],
    ['one column, nothing to delimit', 'ID\nA-1\nA-2\n', ['ID'], [
      { line: 2, cells: ['A-1'] },
      { line: 3, cells: ['A-2'] },
    ]],
    ['header only', 'ID,氏名\r\n', ['ID', '氏名'], []],
  ])('splits %s', (_name, text, headers, rows) => {
    expect(parseCsv(text)).toEqual({ headers, rows });
  });

  it('reads quoted cells with delimiters, doubled quotes and line breaks, keeping later line numbers right', () => {
    const text = [
      'ID,会社名,備考',
      '1,"Acme, Inc.","He said ""hi"""',
      '2,サンプル,"line one',
      'line two',
      'line three"',
      '3,"multi',
      '',
      'with a blank line inside",x',
      '4,last,',
    ].join('\r\n');
    expect(parseCsv(text).rows).toEqual([
      { line: 2, cells: ['1', 'Acme, Inc.', 'He said "hi"'] },
      { line: 3, cells: ['2', 'サンプル', 'line one\r\nline two\r\nline three'] },
      { line: 6, cells: ['3', 'multi\r\n\r\nwith a blank line inside', 'x'] },
      { line: 9, cells: ['4', 'last', ''] },
    ]);
  });

  it('counts a bare LF inside a cell of a CRLF file as a line (what Excel writes for Alt+Enter)', () => {
    const text = 'ID,住所\r\n1,"東京都\n千代田区\n丸の内"\r\n2,大阪府\r\n';
    expect(parseCsv(text).rows).toEqual([
      { line: 2, cells: ['1', '東京都\n千代田区\n丸の内'] },
      { line: 5, cells: ['2', '大阪府'] },
    ]);
  });

  it('skips blank lines, including ones of only delimiters or spaces, but still counts them', () => {
    const text = '\r\nID,氏名\r\n\r\n1,山田\r\n , \r\n,\r\n\r\n2,佐藤\r\n\r\n';
    expect(parseCsv(text)).toEqual({
      headers: ['ID', '氏名'],
      rows: [
        { line: 4, cells: ['1', '山田'] },
        { line: 8, cells: ['2', '佐藤'] },
      ],
    });
  });

  it('trims header cells but leaves data cells as written', () => {
    expect(parseCsv(' ID ,\u3000氏名\u3000\n 1 ,  山田  \n')).toEqual({
      headers: ['ID', '氏名'],
      rows: [{ line: 2, cells: [' 1 ', '  山田  '] }],
    });
  });

  it('keeps ragged rows as they are (rows.ts judges them)', () => {
    expect(parseCsv('a,b,c\n1\n1,2,3,4\n').rows).toEqual([
      { line: 2, cells: ['1'] },
      { line: 3, cells: ['1', '2', '3', '4'] },
    ]);
  });

  it('refuses an unclosed quote, which would swallow every later row, and says where it starts', () => {
    const text = 'ID,備考\n1,ok\n2,"never closed\n3,lost\n4,lost\n';
    expect(thrown(() => parseCsv(text))).toMatchObject({ code: 'roster.csv_unclosed_quote', details: { line: 3 } });
  });

  it('treats a quote in the middle of an unquoted cell as text', () => {
    expect(parseCsv('ID,Size\n1,27" monitor\n').rows).toEqual([{ line: 2, cells: ['1', '27" monitor'] }]);
  });

  it.each(['', '\r\n\r\n', ' , \n'])('refuses text with no header row (%j) as roster.empty', (text) => {
    expect(codeOf(() => parseCsv(text))).toBe('roster.empty');
  });

  it('parses 100,000 rows with quoted multi-line cells in linear time, line numbers intact', () => {
    const lines = ['来場者ID,氏名,フリガナ,会社名,部署名,役職,メールアドレス,電話番号,備考'];
    for (let i = 0; i < 100_000; i++) {
      const note = i % 10 === 0 ? '"名刺交換,\r\n""要フォロー"""' : '名刺交換';
      lines.push(`EXPO-${i},山田 太郎,ヤマダ タロウ,株式会社サンプル,営業部,部長,taro${i}@example.jp,03-1234-5678,${note}`);
    }
    const text = `${lines.join('\r\n')}\r\n`;

    const { rows } = parseCsv(text);

    expect(rows).toHaveLength(100_000);
    // Every tenth row spans two lines, so row i starts on line 2 + i + ceil(i / 10).
    expect(rows[99_999]).toMatchObject({ line: 2 + 99_999 + 10_000, cells: expect.arrayContaining(['EXPO-99999']) });
    expect(rows[50_001]).toMatchObject({ line: 2 + 50_001 + 5_001, cells: expect.arrayContaining(['EXPO-50001']) });
    // No timing assert: an accidental O(n²) on 100k rows runs past the test timeout.
  });
});

describe('parseCsv with title lines above the header', () => {
  it.each<[string, string, string[], Row[]]>([
    ['a title line', '来場者一覧\r\n来場者ID,氏名,会社名\r\nA-1,山田 太郎,株式会社サンプル\r\n', ['来場者ID', '氏名', '会社名'], [
      { line: 3, cells: ['A-1', '山田 太郎', '株式会社サンプル'] },
    ]],
    ['a title and an export date, padded with commas as Excel saves them', 'セミナー参加者リスト,,\r\n出力日: 2026/11/20,,\r\n,,\r\n受付番号,お名前,メールアドレス\r\nR-1,佐藤 花子,hanako@example.jp\r\n',
      ['受付番号', 'お名前', 'メールアドレス'], [{ line: 5, cells: ['R-1', '佐藤 花子', 'hanako@example.jp'] }]],
    ['an English export', 'Attendees — Japan IT Week\nBadge ID,Name,Company\nB-1,Jane Smith,Acme\n', ['Badge ID', 'Name', 'Company'], [
      { line: 3, cells: ['B-1', 'Jane Smith', 'Acme'] },
    ]],
  ])('finds the header below %s and keeps file line numbers', (_name, text, headers, rows) => {
    expect(parseCsv(text)).toEqual({ headers, rows });
  });

  it('keeps the first line as the header when no line has two known header names', () => {
    expect(parseCsv('code,label\nX-1,氏名\n')).toEqual({ headers: ['code', 'label'], rows: [{ line: 2, cells: ['X-1', '氏名'] }] });
  });

  it('a header with two known names stays the header even when a data row also has them', () => {
    expect(parseCsv('ID,氏名\n氏名,会社名\n').rows).toEqual([{ line: 2, cells: ['氏名', '会社名'] }]);
  });
});
