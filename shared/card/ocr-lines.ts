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

/** Tesseract's lines as the parser reads them: text, confidence 0–1, height in pixels. */
export function toCardLines(lines: readonly OcrLine[]): CardLine[] {
  return lines
    .map((line) => ({
      text: closeSpacedJapanese(line.text.replace(/\s+/gu, ' ').trim()),
      confidence: Math.max(0, Math.min(1, line.confidence / 100)),
      height: line.bbox.y1 - line.bbox.y0,
    }))
    .filter((line) => line.text !== '');
}
