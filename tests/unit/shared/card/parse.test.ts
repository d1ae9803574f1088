import { describe, expect, it } from 'vitest';
import { readCardLines, readCardText } from '../../../../shared/card/parse';
import type { CardFieldName, CardLine } from '../../../../shared/card/reading';

type Expected = Partial<Record<CardFieldName, string>>;
type Case = [name: string, text: string, expected: Expected, absent?: CardFieldName[]];

const values = (text: string) =>
  Object.fromEntries(Object.entries(readCardLines(text)).map(([k, f]) => [k, f!.value])) as Expected;

/** OCR text (as Tesseract printed it, confusions included) → the fields the rules find. */
const cases: Case[] = [
  [
    'a plain horizontal Japanese card',
    '株式会社サンプル商事\n営業本部 第一営業部 部長\n山田 太郎\nTaro Yamada\n〒100-0005 東京都千代田区丸の内1-2-3\nTEL 03-1234-5678 FAX 03-1234-5679\nE-mail: t.yamada@sample-shoji.co.jp',
    {
      company: '株式会社サンプル商事', department: '営業本部 第一営業部', title: '部長', fullName: '山田 太郎',
      familyName: '山田', givenName: '太郎', nameLatin: 'Taro Yamada', postalCode: '100-0005',
      address: '東京都千代田区丸の内1-2-3', phone: '03-1234-5678', fax: '03-1234-5679', email: 't.yamada@sample-shoji.co.jp',
    },
  ],
  ['後株: the legal form after the name', 'ミライテック株式会社\n佐藤 花子', { company: 'ミライテック株式会社', fullName: '佐藤 花子' }],
  ['(株) abbreviated, in full width', '（株）サンプル\n鈴木 一郎', { company: '(株)サンプル', fullName: '鈴木 一郎' }],
  ['㈱ as one character (NFKC spells it (株))', '㈱ミドリ\n田中 次郎', { company: '(株)ミドリ' }],
  ['spaces OCR put inside a company name are removed', '株式会社 サンプル 商事', { company: '株式会社サンプル商事' }],
  ['a department after the company on one line', '株式会社サンプル 営業部 課長', { company: '株式会社サンプル', department: '営業部', title: '課長' }],
  ['English Co., Ltd.', 'Nihon Widget Co., Ltd.', { company: 'Nihon Widget Co., Ltd.' }],
  ['English Corporation', 'Acme Robotics Corporation', { company: 'Acme Robotics Corporation' }],
  ['Inc.', 'Example Software Inc.', { company: 'Example Software Inc.' }],
  ['a title alone on its line', '有限会社みどり工房\n代表取締役\n高橋 一郎', { title: '代表取締役', fullName: '高橋 一郎' }],
  ['代表取締役社長 is one title, not 社長', '代表取締役社長\n山本 太一', { title: '代表取締役社長' }],
  ['department and title with a space', '技術開発部 課長', { department: '技術開発部', title: '課長' }],
  ['department and title joined: 部 then 部長', '第一営業部部長', { department: '第一営業部', title: '部長' }],
  ['営業部長 is a title of its own', '営業部長', { title: '営業部長' }, ['department']],
  ['a title before the name on one line', '部長 中村 健', { title: '部長', fullName: '中村 健' }],
  ['a department alone', '情報システム部', { department: '情報システム部' }, ['fullName']],
  ['英語 title and department split at the comma', 'Sales Manager, Overseas Business Dept.', { title: 'Sales Manager', department: 'Overseas Business Dept.' }],
  ['a kana reading under the name', '山田 太郎\nやまだ たろう', { familyNameKana: 'やまだ', givenNameKana: 'たろう', fullName: '山田 太郎' }],
  ['a katakana reading', '佐藤 花子\nサトウ ハナコ', { familyNameKana: 'サトウ', givenNameKana: 'ハナコ' }],
  ['romaji alone is the name, given name first', 'Kenji Suzuki\nNihon Widget Co., Ltd.', { fullName: 'Kenji Suzuki', givenName: 'Kenji', familyName: 'Suzuki' }],
  ['romaji with the family name in capitals', 'SUZUKI Kenji', { familyName: 'SUZUKI', givenName: 'Kenji' }],
  ['a one-character given name', '中村 健', { familyName: '中村', givenName: '健' }],
  ['a name without a space is kept whole', '小林誠', { fullName: '小林誠' }, ['familyName', 'givenName']],
  ['携帯 label', '携帯 090-2345-6789', { mobile: '090-2345-6789' }, ['phone']],
  ['Mobile label', 'Mobile: 080-1111-2222', { mobile: '080-1111-2222' }],
  ['an unlabelled mobile number by its range', '090-1234-5678', { mobile: '090-1234-5678' }],
  ['an unlabelled landline', '03-3333-4444', { phone: '03-3333-4444' }],
  ['TEL and FAX on one line', 'TEL 03-1234-5678  FAX 03-1234-5679', { phone: '03-1234-5678', fax: '03-1234-5679' }],
  ['T. and F. short labels', 'T.06-6123-4567 F.06-6123-4568', { phone: '06-6123-4567', fax: '06-6123-4568' }],
  ['電話 label', '電話 052-961-1234', { phone: '052-961-1234' }],
  ['℡ folds to TEL', '℡ 092-711-4321', { phone: '092-711-4321' }],
  ['full-width digits and dashes', 'ＴＥＬ ０３－１２３４－５６７８', { phone: '03-1234-5678' }],
  ['circled digits (how the jpn model reads some fonts) fold to digits', 'TEL 0③-①②③④-⑤⑥⑦⑧', { phone: '03-1234-5678' }],
  ['O read for 0 and l for 1 in a number', 'TEL O3-l234-5678', { phone: '03-1234-5678' }],
  ['ー read for the hyphen', 'TEL 03ー1234ー5678', { phone: '03-1234-5678' }],
  ['parentheses around the area code', 'TEL (03) 1234-5678', { phone: '03-1234-5678' }],
  ['+81 international form to national', 'Tel: +81-3-5555-0123', { phone: '03-5555-0123' }],
  ['+81 mobile', 'Mobile +81 90 2345 6789', { mobile: '090-2345-6789' }],
  ['a foreign number kept international', 'Tel +1 415 555 0100', { phone: '+1 415 555 0100' }],
  ['free dial', 'TEL 0120-123-456', { phone: '0120-123-456' }],
  ['〒 postal code and address', '〒460-0008 愛知県名古屋市中区栄3-15-33', { postalCode: '460-0008', address: '愛知県名古屋市中区栄3-15-33' }],
  ['〒 read as T', 'T810-0001 福岡県福岡市中央区天神1-8-1', { postalCode: '810-0001', address: '福岡県福岡市中央区天神1-8-1' }],
  ['O in a postal code', '〒1OO-0005 東京都千代田区丸の内1-2-3', { postalCode: '100-0005' }],
  ['a building line continues the address', '〒100-0005 東京都千代田区丸の内1-2-3\n丸の内ビル 5F', { address: '東京都千代田区丸の内1-2-3 丸の内ビル 5F' }],
  ['an address without 〒', '大阪府大阪市北区梅田2-4-9', { address: '大阪府大阪市北区梅田2-4-9' }, ['postalCode']],
  ['an English address with the postal code last', '1-2-3 Nishi-Shinjuku, Shinjuku-ku, Tokyo 160-0023', { postalCode: '160-0023', address: '1-2-3 Nishi-Shinjuku, Shinjuku-ku, Tokyo' }],
  ['a postal code is no phone', '〒100-0005 東京都千代田区丸の内1-2-3', {}, ['phone', 'mobile']],
  ['email with a label', 'E-mail: t.yamada@sample-shoji.co.jp', { email: 't.yamada@sample-shoji.co.jp' }],
  ['full-width ＠', 'taro＠example.co.jp', { email: 'taro@example.co.jp' }],
  ['© read for @', 'taro©example.co.jp', { email: 'taro@example.co.jp' }],
  ['(at) written for @', 'taro(at)example.com', { email: 'taro@example.com' }],
  ['a comma read for a dot', 'ken.nakamura@tozai-sys,co.jp', { email: 'ken.nakamura@tozai-sys.co.jp' }],
  ['spaces around dots', 'ken. nakamura@tozai-sys. co. jp', { email: 'ken.nakamura@tozai-sys.co.jp' }],
  ['ー read for a hyphen in the domain', 'info@blueーocean.co.jp', { email: 'info@blue-ocean.co.jp' }],
  ['a stray capital is a misread', 'misaki.ito@bLue-ocean.co.jp', { email: 'misaki.ito@blue-ocean.co.jp' }],
  ['@ read as QG', 'E-mail: t.yamadaQGsampLe-shoji.co.jp', { email: 't.yamada@sample-shoji.co.jp' }],
  ['@ read as G', 'Emai: k.suzukiGnihonwidget.com', { email: 'k.suzuki@nihonwidget.com' }],
  ['a URL', 'https://www.miraitech.jp', { url: 'https://www.miraitech.jp' }, ['email']],
  ['a www address gets https', 'URL www.example.co.jp', { url: 'https://www.example.co.jp' }],
  ['https; and spaced dots repaired', 'https;//www.miraitech. jp/about', { url: 'https://www.miraitech.jp/about' }],
  ['noise tokens are ignored', 'ーー\n* ・\n山田 太郎', { fullName: '山田 太郎' }, ['company', 'department', 'title']],
];

describe('business-card text → fields', () => {
  it.each(cases)('%s', (_name, text, expected, absent = []) => {
    const got = values(text);
    expect(got).toMatchObject(expected);
    for (const field of absent) expect(got[field], field).toBeUndefined();
  });
});

describe('the name line', () => {
  const line = (text: string, height: number, confidence = 0.9): CardLine => ({ text, confidence, height });

  it('the largest name-shaped line is the name, with high confidence', () => {
    const fields = readCardText([
      line('株式会社サンプル', 30), line('総務部 部長', 26), line('山田 太郎', 64), line('田中 次郎', 26),
    ]);
    expect(fields.fullName).toMatchObject({ value: '山田 太郎' });
    expect(fields.fullName!.confidence).toBeGreaterThan(0.8);
  });

  it('a name that is not the largest line is less sure', () => {
    const fields = readCardText([line('株式会社サンプル', 64), line('山田 太郎', 26), line('TEL 03-1234-5678', 26)]);
    expect(fields.fullName!.confidence).toBeLessThan(0.8);
  });

  it('an odd-shaped largest line is only a guess, marked low', () => {
    const fields = readCardText([line('株式会社サンプル', 30), line('山田・太郎', 64), line('TEL 03-1234-5678', 26)]);
    expect(fields.fullName?.value).toBe('山田・太郎');
    expect(fields.fullName!.confidence).toBeLessThan(0.6);
  });
});

describe('confidence', () => {
  it('follows the OCR confidence of the line', () => {
    const sure = readCardText([{ text: 'TEL 03-1234-5678', confidence: 0.95, height: 0 }]);
    const unsure = readCardText([{ text: 'TEL 03-1234-5678', confidence: 0.4, height: 0 }]);
    expect(sure.phone!.confidence).toBeGreaterThan(unsure.phone!.confidence);
  });

  it('a guessed @ is marked low', () => {
    expect(readCardLines('t.yamadaQGsample.co.jp').email!.confidence).toBeLessThan(0.6);
    expect(readCardLines('t.yamada@sample.co.jp').email!.confidence).toBeGreaterThan(0.9);
  });

  it('a number the phone library refuses is kept but marked low', () => {
    const fields = readCardLines('TEL 999-2345-6789');
    expect(fields.phone).toMatchObject({ value: '999-2345-6789' });
    expect(fields.phone!.confidence).toBeLessThan(0.6);
  });

  it('every field says it came from the text', () => {
    for (const field of Object.values(readCardLines('株式会社サンプル\n山田 太郎\nTEL 03-1234-5678'))) {
      expect(field!.source).toBe('text');
    }
  });
});

describe('emails split by OCR spaces', () => {
  it.each([
    ['a space after a short piece', 'misaki. i to@blue-ocean. co. jp', 'misaki.ito@blue-ocean.co.jp'],
    ['a phone number before the email is not taken in', 'FAX 03-1234-5679 jo@example.co.jp', 'jo@example.co.jp'],
    ['a label before the email is not taken in', 'Email k.suzuki@nihonwidget.com', 'k.suzuki@nihonwidget.com'],
  ])('%s', (_name, text, expected) => {
    expect(readCardLines(text).email?.value).toBe(expected);
  });
});
