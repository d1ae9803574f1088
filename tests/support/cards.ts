import { chromium, type Browser } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';
import { z } from 'zod';

/**
 * Business cards made by the tests themselves: an HTML card drawn by Chromium with the
 * installed IPA Gothic font and screenshot to PNG, so every test card's truth is known
 * exactly and nothing copyrighted or personal is committed. Layouts cover what booths hand
 * over: horizontal Japanese, vertical Japanese, the English back side, small print, a logo,
 * speckle noise and a slight rotation.
 */

export interface CardTruth {
  fullName: string;
  company: string;
  email: string;
  /** National form with hyphens, as libphonenumber formats it (03-1234-5678). */
  phone: string;
}

export interface TestCard {
  id: string;
  layout: 'horizontal' | 'vertical' | 'english' | 'small';
  /** Lines as printed, top to bottom (for vertical cards, right to left). */
  lines: { text: string; size: number; bold?: boolean }[];
  truth: CardTruth;
  rotateDeg?: number;
  noise?: boolean;
  /** Photographed on a table: a wood-grain surface around the card, which fills only part of the picture, and its shadow. */
  table?: boolean;
  /** Light falling unevenly: one side of the card in shadow. */
  shadow?: boolean;
  /** Saved as a JPEG of this quality (1–100), with its block artefacts, instead of a PNG. */
  jpegQuality?: number;
  logo?: boolean;
  /** A QR code printed in the corner, with this payload (a vCard or MeCard). */
  qr?: string;
}

// Card pixels: 91 × 55 mm at 12 px/mm, about 300 dpi, what a phone photo of a card yields.
const W = 1092;
const H = 660;

function esc(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

/** A fixed pseudo-random speckle (same dots every run), drawn as SVG circles. */
function speckle(seed: number, w: number, h: number): string {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const dots = Array.from({ length: 260 }, () => {
    const grey = Math.floor(90 + next() * 120);
    return `<circle cx="${(next() * w).toFixed(1)}" cy="${(next() * h).toFixed(1)}" r="${(0.6 + next() * 1.6).toFixed(1)}" fill="rgb(${grey},${grey},${grey})"/>`;
  });
  return `<svg width="${w}" height="${h}" style="position:absolute;left:0;top:0">${dots.join('')}</svg>`;
}

const LOGO = `<svg width="90" height="90" style="position:absolute;right:48px;top:40px"><circle cx="45" cy="45" r="40" fill="#1e5aa8"/><path d="M25 60 L45 22 L65 60 Z" fill="#fff"/></svg>`;

/** Card size in pixels: vertical cards (縦型) stand upright. */
const sizeOf = (card: TestCard) => (card.layout === 'vertical' ? { w: H, h: W } : { w: W, h: H });

/** A wooden table in a photo: brown grain, lit from one side. */
const TABLE = 'repeating-linear-gradient(87deg,#7a5a3c 0 7px,#6e5034 7px 11px,#82623f 11px 19px),#7a5a3c';
/** The table seen around the card: a wide border when photographed, a narrow one when scanned. */
const marginOf = (card: TestCard) => (card.table ? 260 : 40);

/** The card's image type as rendered. */
export const mimeOf = (card: TestCard): 'image/png' | 'image/jpeg' => (card.jpegQuality ? 'image/jpeg' : 'image/png');

/** The QR code as an SVG in the card's lower right corner. */
async function qrSvg(payload: string): Promise<string> {
  const svg = await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `<div style="position:absolute;right:40px;bottom:40px;width:200px;height:200px">${svg}</div>`;
}

export async function cardHtml(card: TestCard): Promise<string> {
  const vertical = card.layout === 'vertical';
  const { w, h } = sizeOf(card);
  const body = card.lines
    .map((l) => `<div style="font-size:${l.size}px;${l.bold ? 'font-weight:bold;' : ''}margin:${vertical ? '0 10px' : '6px 0'}">${esc(l.text)}</div>`)
    .join('');
  const flow = vertical
    ? `writing-mode:vertical-rl;text-orientation:upright;padding:60px 48px;height:${h - 120}px`
    : `padding:44px 60px;width:${w - 120}px`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    body{margin:0;background:${card.table ? TABLE : '#8a8f94'};font-family:'IPAGothic','IPAPGothic',sans-serif;color:#111}
    .card{position:relative;width:${w}px;height:${h}px;background:#fdfdfb;overflow:hidden;
      transform:rotate(${card.rotateDeg ?? 0}deg);margin:${marginOf(card)}px;
      ${card.table ? 'box-shadow:6px 10px 18px rgba(0,0,0,0.45);' : ''}}
    .shade{position:absolute;inset:0;pointer-events:none;
      background:linear-gradient(100deg,rgba(0,0,0,0) 30%,rgba(40,30,20,0.28) 70%,rgba(40,30,20,0.5) 100%)}
  </style></head><body><div class="card">${card.noise ? speckle(card.id.length * 7919, w, h) : ''}${card.logo ? LOGO : ''}${card.qr ? await qrSvg(card.qr) : ''}
  <div style="position:relative;${flow}">${body}</div>${card.shadow ? '<div class="shade"></div>' : ''}</div></body></html>`;
}

let browser: Browser | undefined;

async function launched(): Promise<Browser> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
  browser ??= await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
  });
  return browser;
}

/** The card as a photo (PNG, or JPEG: mimeOf) in a browser the caller has: the card on a grey table, with a margin around it. */
export async function renderCardIn(browser: Browser, card: TestCard, scale = 1): Promise<Buffer> {
  const { w, h } = sizeOf(card);
  const m = 2 * marginOf(card);
  const page = await browser.newPage({ viewport: { width: w + m, height: h + m }, deviceScaleFactor: scale });
  try {
    await page.setContent(await cardHtml(card));
    await page.evaluate('document.fonts.ready');
    return await (card.jpegQuality
      ? page.screenshot({ type: 'jpeg', quality: card.jpegQuality, fullPage: true })
      : page.screenshot({ type: 'png', fullPage: true }));
  } finally {
    await page.close();
  }
}

/** The card as a PNG photo, drawn by a Chromium of this module's own (closeCardRenderer stops it). */
export async function renderCard(card: TestCard, scale = 1): Promise<Buffer> {
  return renderCardIn(await launched(), card, scale);
}

/**
 * The card as a camera sees it: a .y4m video (grey, 4:2:0) for Chromium's
 * --use-file-for-fake-video-capture, the card's photo centred in a 1280×720 frame.
 * The pixels are taken by drawing the PNG on a canvas in the given browser.
 */
export async function cardVideoIn(browser: Browser, card: TestCard, file: string, frames = 5): Promise<string> {
  const width = 1280;
  const height = 720;
  const png = await renderCardIn(browser, card);
  const page = await browser.newPage();
  try {
    const luma = (await page.evaluate(
      `(async () => {
        const img = new Image();
        img.src = 'data:image/png;base64,${png.toString('base64')}';
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = ${width}; canvas.height = ${height};
        const ctx = canvas.getContext('2d');
        ctx.fillStyle = '#8a8f94';
        ctx.fillRect(0, 0, ${width}, ${height});
        const scale = Math.min(${width} / img.width, ${height} / img.height);
        const w = img.width * scale, h = img.height * scale;
        ctx.drawImage(img, (${width} - w) / 2, (${height} - h) / 2, w, h);
        const rgba = ctx.getImageData(0, 0, ${width}, ${height}).data;
        const y = new Uint8Array(${width * height});
        for (let i = 0; i < y.length; i++) y[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
        let bin = '';
        for (let i = 0; i < y.length; i += 8192) bin += String.fromCharCode(...y.subarray(i, i + 8192));
        return btoa(bin);
      })()`,
    )) as string;
    const y = Buffer.from(luma, 'base64');
    const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
    const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
    const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
    return file;
  } finally {
    await page.close();
  }
}

export async function closeCardRenderer(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** A card with a QR code whose vCard gives a different email than the print: the QR's wins. */
export const QR_CARD: TestCard = {
  id: 'qr-vcard',
  layout: 'horizontal',
  qr: ['BEGIN:VCARD', 'VERSION:3.0', 'N:渡辺;直子;;;', 'FN:渡辺 直子', 'ORG:株式会社キューアール', 'EMAIL:naoko.watanabe@qr-example.co.jp', 'END:VCARD'].join('\r\n'),
  lines: [
    { text: '株式会社キューアール', size: 34 },
    { text: '渡辺 直子', size: 64, bold: true },
    { text: 'TEL 03-6666-7777', size: 24 },
    { text: 'info@qr-example.co.jp', size: 24 },
  ],
  truth: { fullName: '渡辺 直子', company: '株式会社キューアール', email: 'naoko.watanabe@qr-example.co.jp', phone: '03-6666-7777' },
};

/** The test cards: every layout the issue lists, with their truth. */
export const TEST_CARDS: TestCard[] = [
  {
    id: 'horizontal-basic',
    layout: 'horizontal',
    lines: [
      { text: '株式会社サンプル商事', size: 34 },
      { text: '営業本部 第一営業部 部長', size: 26 },
      { text: '山田 太郎', size: 64, bold: true },
      { text: 'Taro Yamada', size: 26 },
      { text: '〒100-0005 東京都千代田区丸の内1-2-3', size: 24 },
      { text: 'TEL 03-1234-5678  FAX 03-1234-5679', size: 24 },
      { text: 'E-mail: t.yamada@sample-shoji.co.jp', size: 24 },
    ],
    truth: { fullName: '山田 太郎', company: '株式会社サンプル商事', email: 't.yamada@sample-shoji.co.jp', phone: '03-1234-5678' },
  },
  {
    id: 'horizontal-logo-mobile',
    layout: 'horizontal',
    logo: true,
    lines: [
      { text: 'ミライテック株式会社', size: 34 },
      { text: '技術開発部 課長', size: 26 },
      { text: '佐藤 花子', size: 64, bold: true },
      { text: '〒530-0001 大阪府大阪市北区梅田2-4-9', size: 24 },
      { text: '携帯 090-2345-6789', size: 24 },
      { text: 'hanako.sato@miraitech.jp', size: 24 },
      { text: 'https://www.miraitech.jp', size: 24 },
    ],
    truth: { fullName: '佐藤 花子', company: 'ミライテック株式会社', email: 'hanako.sato@miraitech.jp', phone: '090-2345-6789' },
  },
  {
    id: 'english-side',
    layout: 'english',
    lines: [
      { text: 'Kenji Suzuki', size: 60, bold: true },
      { text: 'Sales Manager, Overseas Business Dept.', size: 26 },
      { text: 'Nihon Widget Co., Ltd.', size: 34 },
      { text: '1-2-3 Nishi-Shinjuku, Shinjuku-ku, Tokyo 160-0023', size: 24 },
      { text: 'Tel: +81-3-5555-0123', size: 24 },
      { text: 'Email: k.suzuki@nihonwidget.com', size: 24 },
    ],
    truth: { fullName: 'Kenji Suzuki', company: 'Nihon Widget Co., Ltd.', email: 'k.suzuki@nihonwidget.com', phone: '03-5555-0123' },
  },
  {
    id: 'small-print',
    layout: 'small',
    lines: [
      { text: '有限会社みどり工房', size: 26 },
      { text: '代表取締役', size: 22 },
      { text: '高橋 一郎', size: 48, bold: true },
      { text: '〒460-0008 愛知県名古屋市中区栄3-15-33', size: 19 },
      { text: 'TEL 052-961-1234', size: 19 },
      { text: 'ichiro@midori-kobo.co.jp', size: 19 },
    ],
    truth: { fullName: '高橋 一郎', company: '有限会社みどり工房', email: 'ichiro@midori-kobo.co.jp', phone: '052-961-1234' },
  },
  {
    id: 'rotated',
    layout: 'horizontal',
    rotateDeg: 1.5,
    lines: [
      { text: '株式会社ブルーオーシャン', size: 34 },
      { text: 'マーケティング部 主任', size: 26 },
      { text: '伊藤 美咲', size: 64, bold: true },
      { text: '〒810-0001 福岡県福岡市中央区天神1-8-1', size: 24 },
      { text: 'TEL 092-711-4321', size: 24 },
      { text: 'misaki.ito@blue-ocean.co.jp', size: 24 },
    ],
    truth: { fullName: '伊藤 美咲', company: '株式会社ブルーオーシャン', email: 'misaki.ito@blue-ocean.co.jp', phone: '092-711-4321' },
  },
  {
    id: 'noisy',
    layout: 'horizontal',
    noise: true,
    lines: [
      { text: '東西システム株式会社', size: 34 },
      { text: '情報システム部 係長', size: 26 },
      { text: '中村 健', size: 64, bold: true },
      { text: '〒220-0012 神奈川県横浜市西区みなとみらい3-3-1', size: 24 },
      { text: 'TEL 045-222-3333', size: 24 },
      { text: 'ken.nakamura@tozai-sys.co.jp', size: 24 },
    ],
    truth: { fullName: '中村 健', company: '東西システム株式会社', email: 'ken.nakamura@tozai-sys.co.jp', phone: '045-222-3333' },
  },
  {
    id: 'vertical',
    layout: 'vertical',
    lines: [
      { text: '株式会社和光印刷', size: 32 },
      { text: '総務部 部長', size: 26 },
      { text: '小林 誠', size: 60, bold: true },
      { text: '電話 03-4444-5555', size: 22 },
    ],
    truth: { fullName: '小林 誠', company: '株式会社和光印刷', email: '', phone: '03-4444-5555' },
  },
];

/**
 * Harder cards, as a phone photographs them at a booth: turned 3–5°, on a wooden table that
 * fills much of the picture, one side in shadow, saved as a rough JPEG. They measure what
 * preprocessing the photo is worth (tests/bench/card.ts); the same people and companies as
 * the clean cards, so the rules are not what is tested.
 */
export const HARD_CARDS: TestCard[] = [
  { ...TEST_CARDS[0]!, id: 'hard-table-4deg', rotateDeg: 4, table: true },
  { ...TEST_CARDS[1]!, id: 'hard-shadow', rotateDeg: -3, table: true, shadow: true },
  { ...TEST_CARDS[2]!, id: 'hard-jpeg', rotateDeg: 3, table: true, jpegQuality: 30 },
  { ...TEST_CARDS[3]!, id: 'hard-small-all', rotateDeg: -5, table: true, shadow: true, jpegQuality: 45 },
  { ...TEST_CARDS[5]!, id: 'hard-noisy-shadow', rotateDeg: 4.5, table: true, shadow: true, jpegQuality: 60 },
];

/** Where card images that were not rendered here (photographs of real cards) are committed. */
export const FIXTURE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cards');

/** What `<image name>.json` beside a fixture image says the card prints: "" for a field it lacks. */
const FixtureTruth = z.strictObject({ fullName: z.string(), company: z.string(), email: z.string(), phone: z.string() });

/** A card image from FIXTURE_DIR with its truth, read and scored like the rendered cards. */
export interface FixtureCard {
  id: string;
  image: Buffer;
  mime: 'image/png' | 'image/jpeg' | 'image/webp';
  truth: CardTruth;
}

const FIXTURE_MIMES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' } as const;

/**
 * Every image in the folder (PNG, JPEG, WebP) with its sidecar `<name>.json` (photo.jpg →
 * photo.jpg.json). An image without one, or a sidecar that does not say all four fields, is
 * an error: a fixture nobody can score would silently count for nothing.
 */
export function fixtureCards(dir = FIXTURE_DIR): FixtureCard[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => Object.hasOwn(FIXTURE_MIMES, path.extname(name).toLowerCase()))
    .sort()
    .map((name) => {
      const sidecar = path.join(dir, `${name}.json`);
      if (!fs.existsSync(sidecar)) throw new Error(`card fixture ${name} has no ${name}.json giving its fields`);
      const truth = FixtureTruth.safeParse(JSON.parse(fs.readFileSync(sidecar, 'utf8')));
      if (!truth.success) throw new Error(`card fixture ${name}.json: ${truth.error.message}`);
      const mime = FIXTURE_MIMES[path.extname(name).toLowerCase() as keyof typeof FIXTURE_MIMES];
      return { id: `fixture:${name}`, image: fs.readFileSync(path.join(dir, name)), mime, truth: truth.data };
    });
}

/** The fields the accuracy figure compares: name (spaces ignored), company, email, phone. */
export const SCORED = ['fullName', 'company', 'email', 'phone'] as const;

const comparable = (field: (typeof SCORED)[number], value: string | undefined) =>
  field === 'fullName' ? (value ?? '').replace(/\s/gu, '') : (value ?? '');

/**
 * Which of the scored fields a reading got exactly right. The phone is the lead's phone: the
 * office number, else the mobile. An empty truth is right when nothing was read.
 */
export function scoreCard(
  card: { truth: CardTruth },
  read: Partial<Record<(typeof SCORED)[number] | 'mobile', { value: string }>>,
): Record<(typeof SCORED)[number], boolean> {
  const got = (f: (typeof SCORED)[number]) => (f === 'phone' ? (read.phone ?? read.mobile) : read[f])?.value;
  return Object.fromEntries(SCORED.map((f) => [f, comparable(f, got(f)) === comparable(f, card.truth[f])])) as Record<
    (typeof SCORED)[number],
    boolean
  >;
}
