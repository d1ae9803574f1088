/**
 * Business cards read offline (issue 10): one card at a time through `card.read` on the real
 * Tesseract workers, warm (the first read, which starts the worker, is not counted). Every
 * test card (tests/support/cards.ts: horizontal, logo, English side, small print, rotation,
 * noise, vertical) is read ROUNDS times. Figures: card_read_p50_s and card_read_p95_s
 * (targets 1.5 and 3 on the 2-core machine), card_fields_accuracy (exact name, company,
 * email and phone over the test cards; target ≥ 0.9), and the workers' memory: the process's
 * resident memory grown by the workers, and its peak.
 *
 * Alone: `npx tsx tests/bench/card.ts`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../../electron/app';
import { closeCardOcr } from '../../electron/core/card/ocr';
import { dispatch } from '../../electron/dispatch';
import type { Output } from '../../shared/api';
import { closeCardRenderer, renderCard, scoreCard, TEST_CARDS } from '../support/cards';

const ROUNDS = 3;
const log = (msg: string) => process.stderr.write(`${msg}\n`);

export async function benchCard(percentile: (samples: number[], p: number) => number): Promise<Record<string, number>> {
  const images = [];
  for (const card of TEST_CARDS) images.push({ card, base64: (await renderCard(card)).toString('base64') });
  await closeCardRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-bench-card-'));
  const core = createApp({ dbFile: path.join(dir, 'card.db'), shell: 'cli' });
  const read = async (base64: string) => {
    const r = await dispatch(core.handlers, 'card.read', { image: base64, mime: 'image/png' });
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
      for (const { card, base64 } of images) {
        const t0 = performance.now();
        const reading = await read(base64);
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

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const percentile = (samples: number[], p: number) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  };
  log(`card: ${TEST_CARDS.length} test cards × ${ROUNDS}, worker warm…`);
  process.stdout.write(`${JSON.stringify(await benchCard(percentile))}\n`);
}
