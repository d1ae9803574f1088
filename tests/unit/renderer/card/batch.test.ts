import { describe, expect, it } from 'vitest';
import { batchCounts, cardFiles, nextOpen, reviewable, type BatchItem } from '../../../../renderer/src/card/batch';

const review = { fields: {}, notes: '', check: [] };
const file = (name: string, relative = '') => {
  const f = new File(['x'], name, { type: 'image/png' });
  if (relative) Object.defineProperty(f, 'webkitRelativePath', { value: relative });
  return f;
};
const item = (state: BatchItem['state']): BatchItem =>
  state === 'failed'
    ? { name: 'f', file: file('f.png'), state, code: 'card.unreadable' }
    : state === 'accepted'
      ? { name: 'a', file: file('a.png'), state, review, merged: false }
      : { name: 'o', file: file('o.png'), state, review };

describe('a batch of cards under review', () => {
  it('failures are reported, not reviewed', () => {
    expect(reviewable([item('open'), item('failed'), item('skipped'), item('accepted')])).toEqual([0, 2, 3]);
  });

  it.each([
    ['the next open card after the current one', ['open', 'accepted', 'open'], 0, 2],
    ['wraps round to an open card passed over', ['open', 'skipped', 'accepted'], 2, 0],
    ['the current card itself when it is the only one still open', ['accepted', 'open'], 1, 1],
    ['none left: every card accepted or discarded', ['accepted', 'skipped'], 0, -1],
  ] as const)('%s', (_name, states, from, expected) => {
    const items = states.map((s) => item(s));
    expect(nextOpen(items, reviewable(items), from)).toBe(expected);
  });

  it('counts each state', () => {
    expect(batchCounts([item('open'), item('failed'), item('open'), item('accepted')])).toEqual({ open: 2, skipped: 0, accepted: 1, failed: 1 });
  });
});

describe('the files of a pick or a folder', () => {
  it('keeps images by name, in the folder’s order with numbers read as numbers; leaves other files out', () => {
    const files = [
      file('10.png', 'cards/10.png'), file('2.JPG', 'cards/2.JPG'), file('notes.txt', 'cards/notes.txt'),
      file('.DS_Store', 'cards/.DS_Store'), file('1.webp', 'cards/1.webp'), file('broken.jpeg', 'cards/broken.jpeg'),
    ];
    expect(cardFiles(files).map((f) => f.name)).toEqual(['1.webp', '2.JPG', '10.png', 'broken.jpeg']);
  });
});
