import { describe, expect, it } from 'vitest';
import { fillChecked } from '../../../../shared/card/merge';
import { joinDigitColumns, toCardLines, type OcrLine } from '../../../../shared/card/ocr-lines';
import { readCardText } from '../../../../shared/card/parse';

const at = (text: string, confidence: number, x0: number, y0: number, x1: number, y1: number): OcrLine => ({ text, confidence, bbox: { x0, y0, x1, y1 } });

/**
 * What Tesseract's LSTM engine returned for the vertical test card (tests/support/cards.ts,
 * `vertical`: 電話 03-4444-5555 printed upright, top to bottom), copied from a run: the
 * digits each on a line of their own, 3 to 5 read as circled digits, the dashes lost.
 */
const LSTM_VERTICAL: OcrLine[] = [
  at('FS\n', 57, 132, 106, 189, 220),
  at('ン\n\n', 71, 168, 116, 187, 146),
  at('畜張 sg\n', 42, 201, 101, 225, 256),
  at('BEER\n\n', 0, 237, 102, 267, 354),
  at('量\n', 70, 99, 102, 119, 128),
  at('語\n', 71, 100, 123, 119, 143),
  at('0\n', 96, 104, 168, 114, 184),
  at('③\n', 96, 104, 190, 114, 206),
  at('④\n', 96, 104, 235, 114, 251),
  at('④\n', 96, 104, 257, 114, 273),
  at('④\n', 96, 104, 279, 114, 295),
  at('④\n', 96, 104, 301, 114, 317),
  at('⑤\n', 96, 105, 345, 114, 361),
  at('⑤\n', 96, 105, 367, 114, 383),
  at('⑤\n', 96, 105, 389, 114, 405),
  at('⑤\n\n', 96, 105, 411, 114, 427),
];

/** The legacy engine on the same card: the three columns of text, the digits' column dropped. */
const LEGACY_VERTICAL: OcrLine[] = [
  at('株式会社和光印刷\n', 93, 237, 102, 267, 354),
  at('総務部   部長\n\n', 90, 201, 101, 225, 256),
  at('小林誠\n\n', 88, 132, 106, 189, 339),
];

describe('a vertical card’s column of upright digits', () => {
  it('is one line again, as tall as the digits are wide', () => {
    const lines = toCardLines(LSTM_VERTICAL);
    expect(lines.at(-1)).toEqual({ text: '0344445555', confidence: 0.96, height: 10 });
  });

  it('gives the phone number, formatted and checked', () => {
    expect(readCardText(toCardLines(LSTM_VERTICAL)).phone).toEqual({ value: '03-4444-5555', confidence: 0.84, source: 'text' });
  });

  it.each([
    ['too few cells to be a number', ['1', '2', '3'], ['1', '2', '3']],
    ['a letter breaks the column in two short ones', ['0', '3', '4', 'A', '4', '4', '4', '5'], ['0', '3', '4', 'A', '4', '4', '4', '5']],
    ['a dash read as a cell stays in the number', ['0', '3', '-', '4', '4', '4', '4'], ['03-4444']],
  ])('%s', (_name, cells, expected) => {
    const lines = cells.map((c, i) => at(c, 90, 100, 100 + i * 20, 110, 116 + i * 20));
    expect(joinDigitColumns(lines).map((l) => l.text)).toEqual(expected);
  });

  it('digits side by side (a horizontal card’s separate numbers) are not a column', () => {
    const lines = ['0', '3', '4', '4', '4', '4'].map((c, i) => at(c, 90, 100 + i * 40, 100, 110 + i * 40, 116));
    expect(joinDigitColumns(lines)).toHaveLength(6);
  });
});

describe('the two engines’ readings of one card', () => {
  it('the legacy reading of the vertical card keeps its name and company and gains the LSTM’s phone', () => {
    const legacy = readCardText(toCardLines(LEGACY_VERTICAL));
    const lstm = readCardText(toCardLines(LSTM_VERTICAL));
    const fields = fillChecked(legacy, lstm);
    expect(fields.company?.value).toBe('株式会社和光印刷');
    expect(fields.fullName?.value).toBe('小林誠');
    expect(fields.phone?.value).toBe('03-4444-5555');
  });

  it('takes no unsure field and replaces nothing found', () => {
    const f = (value: string, confidence: number) => ({ value, confidence, source: 'text' as const });
    const best = { fullName: f('山田 太郎', 0.9), phone: f('03-1234-5678', 0.9) };
    const other = { phone: f('03-9999-9999', 0.95), email: f('t@x.co.jp', 0.4), fax: f('03-1234-5679', 0.9), company: f('株式会社A', 0.9) };
    expect(fillChecked(best, other)).toEqual({ ...best, fax: other.fax });
  });
});
