import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import type { OcrLine } from '../../../shared/card/ocr-lines';

/**
 * Tesseract workers (worker threads, so the main process never freezes) shared by the whole
 * process, started on the first card and stopped after five minutes without cards: together
 * they grow the process by ~600 MB of Japanese and English models (tests/bench/card.ts).
 *
 * The trained data come from the npm packages @tesseract.js-data/jpn and /eng; nothing is
 * ever downloaded. Tesseract.js reads every language from one `langPath` folder and the two
 * packages are two folders (its `{code, data}` form is broken in v7: the init names the
 * language by its data), so the two files are copied once into a folder of our own.
 */

/** The `4.0.0` data (legacy + LSTM models): read with the LSTM engine they beat `4.0.0_best_int` on our test cards (emails' @, the English name line). */
const DATA_VARIANT = '4.0.0';
const IDLE_MS = 5 * 60_000;

export interface OcrResult {
  lines: OcrLine[];
  text: string;
  /** Tesseract's mean confidence, 0–100. */
  confidence: number;
}

function dataFolder(): string {
  const require = createRequire(import.meta.url);
  const dir = path.join(os.tmpdir(), `leadbooth-tessdata-${DATA_VARIANT}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const code of ['jpn', 'eng']) {
    const pkg = path.dirname(require.resolve(`@tesseract.js-data/${code}/package.json`));
    const from = path.join(pkg, DATA_VARIANT, `${code}.traineddata.gz`);
    const to = path.join(dir, `${code}.traineddata.gz`);
    const size = fs.statSync(from).size;
    if (!fs.existsSync(to) || fs.statSync(to).size !== size) {
      // Copied under a temporary name and renamed, so a second process never reads half a file.
      const tmp = `${to}.${process.pid}.tmp`;
      fs.copyFileSync(from, tmp);
      fs.renameSync(tmp, to);
    }
  }
  return dir;
}

/**
 * Two engines: the LSTM reads horizontal cards best; the legacy engine reads vertical (縦書き)
 * cards, which the LSTM model turns into nonsense without the jpn_vert data (not on npm). The
 * legacy one is started only for a card the LSTM read badly (the caller decides: handlers.ts).
 */
export type Engine = 'lstm' | 'legacy';

async function startWorker(engine: Engine): Promise<Worker> {
  const worker = await createWorker('jpn+eng', engine === 'lstm' ? OEM.LSTM_ONLY : OEM.TESSERACT_ONLY, {
    langPath: dataFolder(),
    gzip: true,
    // No cache folder: nothing is written beside the app, and nothing stale is ever read.
    cacheMethod: 'none',
    errorHandler: () => {},
  });
  await worker.setParameters({
    // Automatic page segmentation keeps the large name line; a single-block mode (6) drops it.
    tessedit_pageseg_mode: PSM.AUTO,
    preserve_interword_spaces: '1',
    // Tesseract prints notes (Estimating resolution as 265) to stdout, which would break the
    // CLI's JSON output; /dev/null is in its own virtual file system, on every platform.
    debug_file: '/dev/null',
    ...(engine === 'lstm'
      ? {
          // The LSTM model cannot read vertical text (no jpn_vert on npm) and a QR code's dense
          // squares made it take a horizontal card for vertical columns: it looks for none.
          textord_tabfind_vertical_text: '0',
        }
      : {}),
  });
  return worker;
}

export interface CardOcr {
  read(image: Buffer, engine: Engine): Promise<OcrResult>;
  /** Resident memory of this process in bytes (the worker threads share it). */
  memory(): number;
  close(): Promise<void>;
}

const workers = new Map<Engine, Promise<Worker>>();
let idle: NodeJS.Timeout | undefined;

function touch(): void {
  clearTimeout(idle);
  idle = setTimeout(() => void closeCardOcr(), IDLE_MS);
  // An idle worker must not keep a CLI run or a test process alive.
  idle.unref();
}

async function worker(engine: Engine): Promise<Worker> {
  let started = workers.get(engine);
  if (!started) {
    started = startWorker(engine);
    workers.set(engine, started);
    // A worker that failed to start is started again next time, not kept as a rejection.
    started.catch(() => workers.get(engine) === started && workers.delete(engine));
  }
  return started;
}

async function recognize(engine: Engine, image: Buffer): Promise<OcrResult> {
  const w = await worker(engine);
  touch();
  const { data } = await w.recognize(image, {}, { blocks: true, text: true });
  touch();
  const lines: OcrLine[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) lines.push({ text: line.text, confidence: line.confidence, bbox: line.bbox });
    }
  }
  return { lines, text: data.text, confidence: data.confidence };
}

/**
 * Reads card images on the shared workers (each reads one image at a time, in order).
 * Tesseract's automatic rotation (`rotateAuto`) is not used: on the test cards it changed no
 * field (accuracy 0.964 either way, 1.5° rotation included) and cost 0.3 s a card at the median.
 */
export function cardOcr(): CardOcr {
  return {
    read: (image, engine) => recognize(engine, image),
    memory: () => process.memoryUsage().rss,
    close: closeCardOcr,
  };
}

/** Stops the workers (the CLI and tests call this when done; the app leaves it to the idle timer). */
export async function closeCardOcr(): Promise<void> {
  clearTimeout(idle);
  const running = [...workers.values()];
  workers.clear();
  await Promise.all(running.map(async (w) => (await w.catch(() => undefined))?.terminate()));
}
