import { describe, expect, it } from 'vitest';
import { foldSearchText } from '../../../../shared/triage/query-text';

describe('search folding: what the index stores and a query is compared as', () => {
  it.each([
    ['hiragana to katakana', 'やまだ', 'ヤマダ'],
    ['katakana unchanged', 'ヤマダ タロウ', 'ヤマダ タロウ'],
    ['half-width katakana, voiced marks joined', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ タロウ'],
    ['full-width ASCII', 'ＡＣＭＥ　Ｊａｐａｎ', 'ACME Japan'],
    ['kanji unchanged', '山田 太郎', '山田 太郎'],
    ['mixed, in a company name', 'さんぷる商事(株)', 'サンプル商事(株)'],
    ['iteration marks', 'いすゞ', 'イスヾ'],
    ['an email stays as typed', 'Jane@Acme.example', 'Jane@Acme.example'],
  ])('%s', (_, text, folded) => {
    expect(foldSearchText(text)).toBe(folded);
  });
});
