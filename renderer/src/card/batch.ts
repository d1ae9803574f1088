import type { CardReview } from './draft';

/**
 * A stack of business cards read in one go, then reviewed one by one. Nothing becomes a lead
 * until a person accepts it; a file that could not be read is kept as a failure to report.
 * Pure: the screen (CardBatch.tsx) holds the list and calls these.
 */
export type BatchItem =
  | { name: string; file: File; state: 'open' | 'skipped'; review: CardReview }
  | { name: string; file: File; state: 'accepted'; review: CardReview; merged: boolean }
  | { name: string; file: File; state: 'failed'; code: string };

export type ReviewItem = Exclude<BatchItem, { state: 'failed' }>;

/** Where each card to review sits in the batch (failures are reported, not reviewed). */
export const reviewable = (items: readonly BatchItem[]): number[] =>
  items.flatMap((item, i) => (item.state === 'failed' ? [] : [i]));

/**
 * The position (in `order`, from `reviewable`) of the next card still to review after `from`,
 * wrapping round; -1 when every card is decided.
 */
export function nextOpen(items: readonly BatchItem[], order: readonly number[], from: number): number {
  for (let step = 1; step <= order.length; step++) {
    const at = (from + step) % order.length;
    if (items[order[at]!]!.state === 'open') return at;
  }
  return -1;
}

export function batchCounts(items: readonly BatchItem[]): Record<BatchItem['state'], number> {
  const counts = { open: 0, skipped: 0, accepted: 0, failed: 0 };
  for (const item of items) counts[item.state]++;
  return counts;
}

const IMAGE_NAME = /\.(?:jpe?g|png|webp)$/iu;

/**
 * The card images among the files picked (a folder brings everything in it): by name, in the
 * order a person sees them in the folder. A file named as an image that is not one is kept,
 * so it is reported; other files (a folder's notes, .DS_Store) are left out.
 */
export function cardFiles(files: readonly File[]): File[] {
  const path = (f: File) => f.webkitRelativePath || f.name;
  return files
    .filter((f) => IMAGE_NAME.test(f.name) && !f.name.startsWith('.'))
    .sort((a, b) => path(a).localeCompare(path(b), undefined, { numeric: true }));
}
