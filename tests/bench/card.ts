/**
 * Business cards read offline (issue 10): one card at a time through `card.read` on the real
 * Tesseract workers, warm (the first read, which starts the worker, is not counted). Every
 * test card (tests/support/cards.ts: horizontal, logo, English side, small print, rotation,
 * noise, vertical) is read ROUNDS times. Figures: card_read_p50_s and card_read_p95_s
 * (targets 1.5 and 3 on the 2-core machine), card_fields_accuracy (exact name, company,
 * email and phone over the test cards; target ≥ 0.9), and the workers' memory: the process's
 * resident memory grown by the workers, and its peak.
 *
 * Card photographs committed to tests/fixtures/cards (with their sidecar truth) are read and
 * scored with the rendered cards.
 *
 * Alone: `npx tsx tests/bench/card.ts`. With `--preprocess`, instead: each preprocessing
 * variant (none, crop, crop + light, crop + light + deskew) on the clean test cards and the
 * harder, photographed-like ones (HARD_CARDS), cards interleaved variant by variant: accuracy,
 * read time and the process's CPU time (the OCR's worker threads included) for each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { cardHandlers, DEFAULT_PREPROCESS, NO_PREPROCESS, type PreprocessSteps } from '../../electron/core/card/handlers';
import { cardOcr, closeCardOcr } from '../../electron/core/card/ocr';
import { dispatch } from '../../electron/dispatch';
import type { Output } from '../../shared/api';
import { closeCardRenderer, fixtureCards, HARD_CARDS, mimeOf, renderCard, scoreCard, TEST_CARDS, type CardTruth } from '../support/cards';

const ROUNDS = 3;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

export async function benchCard(percentile: (samples: number[], p: number) => number): Promise<Record<string, number>> {
  const images: { card: { id: string; truth: CardTruth }; base64: string; mime: string }[] = [];
  for (const card of TEST_CARDS) images.push({ card, base64: (await renderCard(card)).toString('base64'), mime: mimeOf(card) });
  await closeCardRenderer();
  for (const fixture of fixtureCards()) images.push({ card: fixture, base64: fixture.image.toString('base64'), mime: fixture.mime });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-bench-card-'));
  const core = createApp({ dbFile: path.join(dir, 'card.db'), shell: 'cli' });
  const read = async (base64: string, mime = 'image/png') => {
    const r = await dispatch(core.handlers, 'card.read', { image: base64, mime });
    if (!r.ok) throw new Error(`card.read: ${r.error.code} ${r.error.message}`);
    return r.data as Output<'card.read'>;
  };
  try {
    const rssBefore = process.memoryUsage().rss;
    const c0 = performance.now();
    await read(images[0]!.base64);
    const coldSeconds = (performance.now() - c0) / 1000;
    let peak = process.memoryUsage().rss;
    const samples: number[] = [];
    let right = 0;
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const { card, base64, mime } of images) {
        const t0 = performance.now();
        const reading = await read(base64, mime);
        samples.push((performance.now() - t0) / 1000);
        peak = Math.max(peak, process.memoryUsage().rss);
        if (round === 0) {
          const score = scoreCard(card, reading.fields);
          for (const [field, ok] of Object.entries(score)) {
            total++;
            if (ok) right++;
            else log(`card: ${card.id} ${field} read as ${JSON.stringify(reading.fields[field as 'email']?.value ?? null)} (expected ${JSON.stringify(card.truth[field as 'email'])})`);
          }
        }
      }
    }
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    return {
      card_read_p50_s: Number(percentile(samples, 50).toFixed(2)),
      card_read_p95_s: Number(percentile(samples, 95).toFixed(2)),
      card_read_cold_s: Number(coldSeconds.toFixed(2)),
      card_fields_accuracy: Number((right / total).toFixed(3)),
      card_worker_rss_mb: mb(process.memoryUsage().rss - rssBefore),
      card_peak_rss_mb: mb(peak),
    };
  } finally {
    await closeCardOcr();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ALL_VARIANTS: Record<string, PreprocessSteps> = {
  none: NO_PREPROCESS,
  crop: { crop: true, deskew: false, light: false },
  'crop+light': { crop: true, deskew: false, light: true },
  'crop+light+deskew': { crop: true, deskew: true, light: true },
  'crop+light+deskew, photos only': DEFAULT_PREPROCESS,
};
/** `--variants='none;crop+light+deskew, photos only'`: the variants to compare (all when not given). */
const chosen = process.argv.find((a) => a.startsWith('--variants='))?.slice('--variants='.length).split(';');
const VARIANTS = chosen ? Object.fromEntries(chosen.map((n) => [n, ALL_VARIANTS[n]!])) : ALL_VARIANTS;

/** Every preprocessing variant on the same cards, interleaved (card by card, variant by variant), so load hits all alike. */
export async function comparePreprocess(percentile: (samples: number[], p: number) => number, rounds = 1) {
  const cards = [...TEST_CARDS.map((c) => ({ c, set: 'clean' })), ...HARD_CARDS.map((c) => ({ c, set: 'hard' }))];
  const images = [];
  for (const { c, set } of cards) images.push({ card: c, set, base64: (await renderCard(c)).toString('base64'), mime: mimeOf(c) });
  await closeCardRenderer();
  const ocr = cardOcr();
  const handlers = Object.fromEntries(Object.entries(VARIANTS).map(([name, steps]) => [name, cardHandlers(ocr, steps)]));
  const stats = Object.fromEntries(
    Object.keys(VARIANTS).map((name) => [name, { seconds: [] as number[], cpu: 0, right: { clean: 0, hard: 0 }, total: { clean: 0, hard: 0 } }]),
  );
  try {
    // Both engines warm before anything is timed.
    await handlers.none!['card.read']({ image: images.find((i) => i.card.layout === 'vertical')!.base64, mime: 'image/png' });
    for (let round = 0; round < rounds; round++) {
      for (const { card, set, base64, mime } of images) {
        for (const [name, h] of Object.entries(handlers)) {
          const cpu0 = process.cpuUsage();
          const t0 = performance.now();
          const reading = await h['card.read']({ image: base64, mime });
          const st = stats[name]!;
          st.seconds.push((performance.now() - t0) / 1000);
          const cpu = process.cpuUsage(cpu0);
          st.cpu += (cpu.user + cpu.system) / 1e6;
          if (round > 0) continue;
          for (const [field, ok] of Object.entries(scoreCard(card, reading.fields))) {
            st.total[set as 'clean']++;
            if (ok) st.right[set as 'clean']++;
            else log(`card[${name}]: ${card.id} ${field} read as ${JSON.stringify(reading.fields[field as 'email']?.value ?? null)}`);
          }
        }
      }
    }
  } finally {
    await closeCardOcr();
  }
  return Object.fromEntries(
    Object.entries(stats).map(([name, st]) => [
      name,
      {
        accuracy_clean: Number((st.right.clean / st.total.clean).toFixed(3)),
        accuracy_hard: Number((st.right.hard / st.total.hard).toFixed(3)),
        read_p50_s: Number(percentile(st.seconds, 50).toFixed(2)),
        read_p95_s: Number(percentile(st.seconds, 95).toFixed(2)),
        cpu_s_per_card: Number((st.cpu / st.seconds.length).toFixed(2)),
      },
    ]),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const percentile = (samples: number[], p: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  if (process.argv.includes('--preprocess')) {
    log(`card: ${TEST_CARDS.length} clean + ${HARD_CARDS.length} hard cards × ${Object.keys(VARIANTS).length} preprocessing variants…`);
    process.stdout.write(`${JSON.stringify(await comparePreprocess(percentile), null, 1)}\n`);
  } else {
    log(`card: ${TEST_CARDS.length} test cards × ${ROUNDS}, worker warm (preprocessing: ${JSON.stringify(DEFAULT_PREPROCESS)})…`);
    process.stdout.write(`${JSON.stringify(await benchCard(percentile))}\n`);
  }
}
