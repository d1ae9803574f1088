import { describe, expect, it } from 'vitest';
import { closeSpacedJapanese, toCardLines } from '../../../../shared/card/ocr-lines';

describe('spaces Tesseract put between Japanese characters', () => {
  it.each([
    ['every character set apart is closed up', '株 式 会 社 サ ン プ ル', '株式会社サンプル'],
    ['a space between two words stays', '山田 太郎', '山田 太郎'],
    ['department and title stay apart', '営業本部 第一営業部 部長', '営業本部 第一営業部 部長'],
    ['a spaced run beside a word is closed, the word kept apart', '東 京 都 千代田区', '東京都 千代田区'],
    ['two single characters may be a name (林 誠): kept', '林 誠', '林 誠'],
    ['Latin is never touched', 'T a r o', 'T a r o'],
    ['spaced digits are not Japanese', '〒 1 0 0', '〒 1 0 0'],
  ])('%s', (_name, text, expected) => {
    expect(closeSpacedJapanese(text)).toBe(expected);
  });
});

describe('Tesseract lines for the parser', () => {
  it('carry confidence 0–1 and their height; newlines and empty lines go', () => {
    const lines = toCardLines([
      { text: '山田 太郎\n\n', confidence: 91, bbox: { x0: 0, y0: 10, x1: 280, y1: 74 } },
      { text: ' \n', confidence: 10, bbox: { x0: 0, y0: 80, x1: 10, y1: 90 } },
      { text: '株 式 会 社 サ ン プ ル\n', confidence: 120, bbox: { x0: 0, y0: 100, x1: 200, y1: 130 } },
    ]);
    expect(lines).toEqual([
      { text: '山田 太郎', confidence: 0.91, height: 64 },
      { text: '株式会社サンプル', confidence: 1, height: 30 },
    ]);
  });
});
