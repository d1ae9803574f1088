import type { CardLine } from './reading';

/** What Tesseract reports for a line (the parts of its `blocks` output we use). */
export interface OcrBox { x0: number; y0: number; x1: number; y1: number }
export interface OcrLine { text: string; confidence: number; bbox: OcrBox }

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}ー々';
/** Three or more single Japanese characters each set apart by one space: 株 式 会 社. */
const SPACED_RUN = new RegExp(`(?<![${CJK}])[${CJK}](?: [${CJK}](?![${CJK}])){2,}`, 'gu');

/**
 * Tesseract sometimes sets every Japanese character apart (株 式 会 社 サ ン プ ル), which no
 * company or address rule would recognise; such a run is closed up. A space between words of
 * two or more characters (山田 太郎, 営業部 部長) is what the card printed and stays. The words'
 * boxes cannot decide this: for Japanese they overlap and gape at random (measured on our
 * test cards: gaps of −0.8 to 1.2 line heights inside one word).
 */
export function closeSpacedJapanese(text: string): string {
  return text.replace(SPACED_RUN, (run) => run.replace(/ /gu, ''));
}

/** One digit or a dash on a line of its own, as Tesseract reads an upright digit of vertical text (③ is NFKC's 3). */
const DIGIT_CELL = /^[0-9\-‐‑–—−ーｰ－]$/u;
const cellOf = (line: OcrLine) => line.text.normalize('NFKC').trim();
/** Fewer cells than this in a column are not a number (a phone number has nine digits or more). */
const MIN_CELLS = 6;

/**
 * A vertical card (縦書き) prints a phone number's digits upright, one under another, and
 * Tesseract reads each as a line of its own (0, ③, ④ …, measured on our vertical test
 * card). Such a column of single digits, each one below the last and overlapping it
 * sideways, is one line again; its height is the digits' size, not the column's length.
 */
export function joinDigitColumns(lines: readonly OcrLine[]): OcrLine[] {
  const out: OcrLine[] = [];
  let run: OcrLine[] = [];
  const flush = () => {
    if (run.length >= MIN_CELLS) {
      const box = {
        x0: Math.min(...run.map((l) => l.bbox.x0)), y0: run[0]!.bbox.y0,
        x1: Math.max(...run.map((l) => l.bbox.x1)), y1: run.at(-1)!.bbox.y1,
      };
      const size = Math.max(...run.map((l) => l.bbox.x1 - l.bbox.x0));
      out.push({
        text: run.map(cellOf).join(''),
        confidence: Math.min(...run.map((l) => l.confidence)),
        // The height the parser compares is the digits' size: the box is as tall as the digits are wide.
        bbox: { ...box, y1: box.y0 + size },
      });
    } else out.push(...run);
    run = [];
  };
  for (const line of lines) {
    const prev = run.at(-1);
    const below = prev && line.bbox.y0 >= prev.bbox.y0 && line.bbox.x0 < prev.bbox.x1 && line.bbox.x1 > prev.bbox.x0;
    if (DIGIT_CELL.test(cellOf(line)) && (!prev || below)) run.push(line);
    else {
      flush();
      if (DIGIT_CELL.test(cellOf(line))) run.push(line);
      else out.push(line);
    }
  }
  flush();
  return out;
}

/** Tesseract's lines as the parser reads them: text, confidence 0–1, height in pixels. */
export function toCardLines(lines: readonly OcrLine[]): CardLine[] {
  return joinDigitColumns(lines)
    .map((line) => ({
      text: closeSpacedJapanese(line.text.replace(/\s+/gu, ' ').trim()),
      confidence: Math.max(0, Math.min(1, line.confidence / 100)),
      height: line.bbox.y1 - line.bbox.y0,
    }))
    .filter((line) => line.text !== '');
}
