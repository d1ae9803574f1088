import { describe, expect, it } from 'vitest';
import { evenLight, findCard, otsu, preprocess, rotate, skewOf, whitenOutside, type Gray } from '../../../../shared/card/preprocess';

/** A card-like picture: white paper, rows of dark "text" (dashed bars), optionally on a darker table. */
function page(w: number, h: number, opts: { table?: number; card?: { x: number; y: number; w: number; h: number } } = {}): Gray {
  const data = new Uint8Array(w * h).fill(opts.table ?? 250);
  const card = opts.card ?? { x: 0, y: 0, w, h };
  for (let y = card.y; y < card.y + card.h; y++) data.fill(250, y * w + card.x, y * w + card.x + card.w);
  for (let line = 0; line < 6; line++) {
    const top = card.y + 40 + line * 45;
    for (let y = top; y < top + 14 && y < card.y + card.h - 20; y++) {
      for (let x = card.x + 40; x < card.x + card.w - 80; x++) if ((x >> 3) % 3 !== 0) data[y * w + x] = 20;
    }
  }
  return { width: w, height: h, data };
}

const toRgba = (g: Gray) => {
  const rgba = new Uint8Array(g.data.length * 4);
  g.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return rgba;
};

describe('the skew of a card’s text', () => {
  it.each([0, 1.5, -3, 4, 5.5])('a card turned %s° is found turned so, and straight once turned back', (deg) => {
    const turned = rotate(page(700, 420), deg);
    expect(skewOf(turned)).toBeCloseTo(deg, 0);
    expect(Math.abs(skewOf(rotate(turned, -skewOf(turned))))).toBeLessThanOrEqual(0.25);
  });
});

describe('the card in a photo', () => {
  it('is found on a darker table, with a small margin', () => {
    const g = page(1000, 800, { table: 110, card: { x: 200, y: 150, w: 600, h: 360 } });
    const box = findCard(g)!;
    expect(box.x).toBeGreaterThanOrEqual(190);
    expect(box.x).toBeLessThanOrEqual(200);
    expect(box.x + box.width).toBeGreaterThanOrEqual(800);
    expect(box.x + box.width).toBeLessThanOrEqual(810);
    expect(box.y).toBeGreaterThanOrEqual(140);
    expect(box.y + box.height).toBeLessThanOrEqual(520);
  });

  it('a scan that is all card is not cropped', () => {
    expect(findCard(page(700, 420))).toBeNull();
  });

  it('the table beside a row’s paper is whitened, the ink on the paper kept', () => {
    const g = page(400, 200, { table: 100, card: { x: 50, y: 0, w: 300, h: 200 } });
    const out = whitenOutside(g, otsu(g));
    expect(out.data[100 * 400 + 10]).toBe(255);
    expect(out.data[100 * 400 + 390]).toBe(255);
    expect(out.data[45 * 400 + 104]).toBe(20);
  });
});

describe('uneven light', () => {
  it('a shadow across the paper turns white; the ink stays dark', () => {
    const g = page(640, 360);
    // Darker to the right: paper from 250 down to 130, ink darkened likewise.
    for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) g.data[y * g.width + x] = Math.round(g.data[y * g.width + x]! * (1 - 0.48 * (x / g.width)));
    const out = evenLight(g);
    const paperRight = out.data[350 * g.width + 630]!;
    const inkRight = out.data[45 * g.width + 500]!;
    expect(g.data[350 * g.width + 630]).toBeLessThan(140);
    expect(paperRight).toBeGreaterThan(230);
    expect(inkRight).toBeLessThan(60);
  });
});

describe('the steps together', () => {
  it('a turned card on a table comes out cropped, straight and grey', () => {
    const g = rotate(page(1000, 800, { table: 110, card: { x: 200, y: 150, w: 600, h: 360 } }), 4);
    // The corners rotate() fills with paper white are table too.
    g.data.forEach((v, i) => v === 255 && (g.data[i] = 110));
    const { gray, skew, cropped } = preprocess(toRgba(g), g.width, g.height, { crop: true, deskew: true, light: true });
    expect(cropped).toBe(true);
    expect(skew).toBeCloseTo(4, 0);
    expect(gray.width).toBeLessThan(800);
  });

  it('photos only: a scan (the card filling the picture) is left as it is, a photo on a table is not', () => {
    const all = { crop: true, deskew: true, light: true, photosOnly: true };
    const scan = rotate(page(700, 420), 3);
    const kept = preprocess(toRgba(scan), 700, 420, all);
    expect({ skew: kept.skew, cropped: kept.cropped }).toEqual({ skew: 0, cropped: false });
    expect(kept.gray.data).toEqual(scan.data);
    const photo = page(1000, 800, { table: 110, card: { x: 200, y: 150, w: 600, h: 360 } });
    expect(preprocess(toRgba(photo), 1000, 800, all).cropped).toBe(true);
  });

  it('with every step off the picture is only made grey', () => {
    const g = page(300, 200);
    const { gray, skew, cropped } = preprocess(toRgba(g), 300, 200, { crop: false, deskew: false, light: false });
    expect({ skew, cropped }).toEqual({ skew: 0, cropped: false });
    expect(gray.data).toEqual(g.data);
  });
});
