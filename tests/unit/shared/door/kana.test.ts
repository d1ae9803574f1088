import { describe, expect, it } from 'vitest';
import { foldKana, toHiragana, toKatakana } from '../../../../shared/door/kana';
import { doorSearchTerms, likeContains, likePrefix } from '../../../../shared/door/search';

describe('kana folding', () => {
  it.each([
    ['やまだ たろう', 'ヤマダタロウ'],
    ['ヤマダ　タロウ', 'ヤマダタロウ'],
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダタロウ'],
    ['ゔぁいおりん', 'ヴァイオリン'],
    ['いすゞ', 'イスヾ'],
    ['ｻﾄｳ ﾊﾅｺ', 'サトウハナコ'],
    ['山田 太郎', '山田太郎'],
    ['ＡＢＣ１２３', 'ABC123'],
  ])('%s folds to %s', (input, folded) => {
    expect(foldKana(input)).toBe(folded);
  });

  it('hiragana and katakana convert both ways and leave the rest alone', () => {
    expect(toKatakana('さとう はなこ ABC 山田ー')).toBe('サトウ ハナコ ABC 山田ー');
    expect(toHiragana('サトウ ハナコ ABC 山田ー')).toBe('さとう はなこ ABC 山田ー');
    // ヷ..ヺ have no hiragana form: they stay katakana.
    expect(toHiragana('ヷヺ')).toBe('ヷヺ');
  });
});

describe('door search terms', () => {
  it('is null for an empty or blank query', () => {
    expect(doorSearchTerms('')).toBeNull();
    expect(doorSearchTerms(' \u3000 ')).toBeNull();
    expect(doorSearchTerms(undefined)).toBeNull();
  });

  it('gives the forms a name, a reading and the rest are compared in', () => {
    expect(doorSearchTerms(' ﾔﾏﾀﾞ　たろう ')).toEqual({
      text: 'ヤマダ たろう',
      compact: 'ヤマダたろう',
      katakana: 'ヤマダタロウ',
      hiragana: 'やまだたろう',
    });
    expect(doorSearchTerms('Ｔａｒｏ@Example')).toMatchObject({ text: 'Taro@Example', compact: 'Taro@Example' });
  });

  it('takes the user\'s own % and _ literally in LIKE patterns', () => {
    expect(likeContains('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(likePrefix('A_1')).toBe('A\\_1%');
  });
});
