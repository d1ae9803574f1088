/**
 * A card photo made easier for the OCR, on grey pixels: cropped to the card, straightened,
 * and its light evened out. Pure arithmetic on arrays, so the same in every process; which
 * steps are used is decided by measurement (docs/BENCHMARKS.md, card section).
 */

export interface Gray {
  width: number;
  height: number;
  /** One byte a pixel, 0 black to 255 white, rows top to bottom. */
  data: Uint8Array;
}

/** RGBA to grey (ITU-R BT.601 weights, in integers). */
export function toGray(rgba: Uint8Array, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) data[i] = (rgba[j]! * 77 + rgba[j + 1]! * 150 + rgba[j + 2]! * 29) >> 8;
  return { width, height, data };
}

/** Otsu's threshold: the grey level that best splits the picture in two (card and table, ink and paper). */
export function otsu(g: Gray): number {
  const hist = new Float64Array(256);
  for (const v of g.data) hist[v]!++;
  const total = g.data.length;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  let sumB = 0;
  let weightB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightB += hist[t]!;
    if (weightB === 0) continue;
    const weightF = total - weightB;
    if (weightF === 0) break;
    sumB += t * hist[t]!;
    const between = weightB * weightF * (sumB / weightB - (sum - sumB) / weightF) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

export interface Box { x: number; y: number; width: number; height: number }

/**
 * The card in the photo: the rows and columns mostly brighter than the table around it. A
 * card that fills the picture, or nothing card-like, answers null (no crop).
 */
export function findCard(g: Gray): Box | null {
  const t = otsu(g);
  const rows = new Uint32Array(g.height);
  const cols = new Uint32Array(g.width);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if (g.data[y * g.width + x]! > t) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  // A row is the card's when at least a third of it is bright (a rotated card's corners are thin).
  const span = (counts: Uint32Array, length: number) => {
    const first = counts.findIndex((c) => c > length / 3);
    let last = counts.length - 1;
    while (last > first && counts[last]! <= length / 3) last--;
    return first < 0 ? null : [first, last] as const;
  };
  const ys = span(rows, g.width);
  const xs = span(cols, g.height);
  if (!ys || !xs) return null;
  const margin = Math.round(Math.min(g.width, g.height) * 0.01);
  const x = Math.max(0, xs[0] - margin);
  const y = Math.max(0, ys[0] - margin);
  const box = { x, y, width: Math.min(g.width, xs[1] + margin + 1) - x, height: Math.min(g.height, ys[1] + margin + 1) - y };
  const share = (box.width * box.height) / (g.width * g.height);
  return share > 0.92 || share < 0.15 ? null : box;
}

/** Bright pixels in a row that make the card's paper, not a light streak of the table. */
const PAPER_RUN = 12;

/**
 * What lies beside the card in each row (the table at a turned card's corners) turned white:
 * the row's card is from its first run of bright paper to its last. Only ink on the card is
 * left for the skew and the OCR.
 */
export function whitenOutside(g: Gray, bright: number): Gray {
  const data = new Uint8Array(g.data);
  for (let y = 0; y < g.height; y++) {
    const row = y * g.width;
    let first = -1;
    let last = -1;
    let run = 0;
    for (let x = 0; x < g.width; x++) {
      run = g.data[row + x]! > bright ? run + 1 : 0;
      if (run === PAPER_RUN) {
        if (first < 0) first = x - PAPER_RUN + 1;
        last = x;
      } else if (run > PAPER_RUN) last = x;
    }
    if (first < 0) data.fill(255, row, row + g.width);
    else {
      data.fill(255, row, row + first);
      data.fill(255, row + last + 1, row + g.width);
    }
  }
  return { width: g.width, height: g.height, data };
}

export function crop(g: Gray, b: Box): Gray {
  const data = new Uint8Array(b.width * b.height);
  for (let y = 0; y < b.height; y++) data.set(g.data.subarray((b.y + y) * g.width + b.x, (b.y + y) * g.width + b.x + b.width), y * b.width);
  return { width: b.width, height: b.height, data };
}

/**
 * The skew of the text in degrees (positive: turned clockwise), from −6 to 6 by ¼°: the angle
 * at which the ink's rows (or, on an upright card, its columns) line up most sharply.
 */
export function skewOf(g: Gray, ink = otsu(g)): number {
  // Up to 30,000 ink pixels, evenly picked, away from the border (the table's edge is not text).
  const points: number[] = [];
  const border = Math.round(Math.min(g.width, g.height) * 0.04);
  let count = 0;
  for (let y = border; y < g.height - border; y++) for (let x = border; x < g.width - border; x++) if (g.data[y * g.width + x]! < ink) count++;
  const every = Math.max(1, Math.floor(count / 30_000));
  let seen = 0;
  for (let y = border; y < g.height - border; y++) {
    for (let x = border; x < g.width - border; x++) {
      if (g.data[y * g.width + x]! < ink && seen++ % every === 0) points.push(x, y);
    }
  }
  if (points.length < 200) return 0;
  const size = g.width + g.height;
  const score = (a: number) => {
    const tan = Math.tan((a * Math.PI) / 180);
    const rows = new Float64Array(2 * size);
    const cols = new Float64Array(2 * size);
    for (let i = 0; i < points.length; i += 2) {
      const x = points[i]!;
      const y = points[i + 1]!;
      rows[Math.round(y - x * tan) + size]!++;
      cols[Math.round(x + y * tan) + size]!++;
    }
    let r = 0;
    let c = 0;
    for (let i = 0; i < rows.length; i++) {
      r += rows[i]! ** 2;
      c += cols[i]! ** 2;
    }
    // A card standing upright (縦型) is set in columns, a lying one in rows.
    return g.height > g.width ? c : r;
  };
  let best = 0;
  let bestScore = score(0);
  for (let a = -6; a <= 6; a += 0.25) {
    const s = score(a);
    if (s > bestScore * 1.02) {
      bestScore = s;
      best = a;
    }
  }
  return best;
}

/** The picture turned by `degrees` about its centre (bilinear), corners filled with white paper. */
export function rotate(g: Gray, degrees: number): Gray {
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = g.width / 2;
  const cy = g.height / 2;
  const data = new Uint8Array(g.width * g.height);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      // Where this output pixel comes from in the input.
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= g.width || y0 + 1 >= g.height) {
        data[y * g.width + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * g.width + x0;
      const top = g.data[i]! * (1 - fx) + g.data[i + 1]! * fx;
      const bottom = g.data[i + g.width]! * (1 - fx) + g.data[i + g.width + 1]! * fx;
      data[y * g.width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width: g.width, height: g.height, data };
}

const BLOCK = 32;

/**
 * Uneven light evened out: each pixel divided by the paper's brightness around it (the
 * brightest pixel of each 32-pixel block, smoothed), so a shadow across the card turns white
 * and the ink stays dark; then stretched so the darkest ink is black.
 */
export function evenLight(g: Gray): Gray {
  const bw = Math.ceil(g.width / BLOCK);
  const bh = Math.ceil(g.height / BLOCK);
  const blocks = new Float64Array(bw * bh);
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      const b = Math.floor(y / BLOCK) * bw + Math.floor(x / BLOCK);
      blocks[b] = Math.max(blocks[b]!, g.data[y * g.width + x]!);
    }
  }
  // A block inside a large bold glyph has no paper in it: its neighbours' brightest stands in.
  const paper = new Float64Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let max = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = bx + dx;
          const ny = by + dy;
          if (nx >= 0 && ny >= 0 && nx < bw && ny < bh) max = Math.max(max, blocks[ny * bw + nx]!);
        }
      }
      paper[by * bw + bx] = Math.max(32, max);
    }
  }
  const data = new Uint8Array(g.width * g.height);
  let darkest = 255;
  for (let y = 0; y < g.height; y++) {
    // The paper's brightness at this pixel: bilinear between the four nearest block centres.
    const fy = Math.min(bh - 1, Math.max(0, (y - BLOCK / 2) / BLOCK));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < g.width; x++) {
      const fx = Math.min(bw - 1, Math.max(0, (x - BLOCK / 2) / BLOCK));
      const x0 = Math.floor(fx);
      const x1 = Math.min(bw - 1, x0 + 1);
      const wx = fx - x0;
      const p =
        (paper[y0 * bw + x0]! * (1 - wx) + paper[y0 * bw + x1]! * wx) * (1 - wy) +
        (paper[y1 * bw + x0]! * (1 - wx) + paper[y1 * bw + x1]! * wx) * wy;
      const v = Math.min(255, Math.round((g.data[y * g.width + x]! / p) * 255));
      data[y * g.width + x] = v;
      if (v < darkest) darkest = v;
    }
  }
  if (darkest > 0 && darkest < 200) {
    const scale = 255 / (255 - darkest);
    for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.round((data[i]! - darkest) * scale));
  }
  return { width: g.width, height: g.height, data };
}

export interface PreprocessSteps {
  crop: boolean;
  deskew: boolean;
  light: boolean;
  /**
   * Only a photograph is preprocessed: a card found filling less than PHOTO_SHARE of the
   * picture, a table around it. A scan or a picture cropped to the card is read as it is
   * (measured: preprocessing helped photographed cards and cost a field on the clean ones).
   */
  photosOnly?: boolean;
}

/** Below this share of the picture the card was photographed with its surroundings. */
export const PHOTO_SHARE = 0.75;

/**
 * The steps in order: crop to the card and whiten the table beside it (the table's grain
 * would sway the light and the skew), even the light (a shadow would pass for ink), then
 * straighten by the ink that is left.
 */
export function preprocess(rgba: Uint8Array, width: number, height: number, steps: PreprocessSteps): { gray: Gray; skew: number; cropped: boolean } {
  let g = toGray(rgba, width, height);
  const box = steps.crop ? findCard(g) : null;
  if (steps.photosOnly && !(box && (box.width * box.height) / (width * height) < PHOTO_SHARE)) return { gray: g, skew: 0, cropped: false };
  if (box) g = whitenOutside(crop(g, box), otsu(g));
  if (steps.light) g = evenLight(g);
  const skew = steps.deskew ? skewOf(g, steps.light ? 128 : otsu(g)) : 0;
  if (Math.abs(skew) >= 0.5) g = rotate(g, -skew);
  return { gray: g, skew, cropped: box !== null };
}
