import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCardOcr } from '../../../electron/core/card/ocr';
import { closeCardRenderer, fixtureCards, QR_CARD, renderCard, scoreCard, TEST_CARDS } from '../../support/cards';
import { png } from '../../support/images';
import { openTestCore, repoRoot, tempDir, type TestCore } from '../../support/temp-core';

/**
 * Business cards through `card.read` on the real Tesseract workers, and a folder of them
 * through `leadbooth card import`. The cards are drawn by Chromium with the IPA fonts
 * (tests/support/cards.ts), so every field's truth is known.
 */

let core: TestCore;
const images = new Map<string, Buffer>();
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

beforeAll(async () => {
  for (const card of [...TEST_CARDS, QR_CARD]) images.set(card.id, await renderCard(card));
  await closeCardRenderer();
  core = openTestCore();
}, 120_000);

afterAll(async () => {
  await closeCardOcr();
  core?.close();
});

describe('card.read on the test cards', () => {
  it('reads name, company, email and phone exactly on at least 90% of the fields', async () => {
    const misses: string[] = [];
    let right = 0;
    let total = 0;
    for (const card of TEST_CARDS) {
      const reading = await core.call('card.read', { image: b64(images.get(card.id)!), mime: 'image/png' });
      for (const [field, ok] of Object.entries(scoreCard(card, reading.fields))) {
        total++;
        if (ok) right++;
        else misses.push(`${card.id}.${field}: ${JSON.stringify(reading.fields[field as 'email']?.value ?? null)}`);
      }
      // Horizontal cards of every kind (logo, English side, small print, rotation, noise) are read whole;
      // the vertical card at least keeps its phone, printed in upright digits.
      const mine = misses.filter((m) => m.startsWith(`${card.id}.`));
      expect(card.layout === 'vertical' ? mine.filter((m) => m.startsWith(`${card.id}.phone`)) : mine, card.id).toEqual([]);
    }
    // Photographs committed to tests/fixtures/cards count towards the same figure.
    for (const fixture of fixtureCards()) {
      const reading = await core.call('card.read', { image: b64(fixture.image), mime: fixture.mime });
      for (const [field, ok] of Object.entries(scoreCard(fixture, reading.fields))) {
        total++;
        if (ok) right++;
        else misses.push(`${fixture.id}.${field}: ${JSON.stringify(reading.fields[field as 'email']?.value ?? null)}`);
      }
    }
    expect(right / total, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  }, 300_000);

  it('answers the fields with confidences, the raw text and the time taken', async () => {
    const reading = await core.call('card.read', { image: b64(images.get('horizontal-basic')!), mime: 'image/png' });
    expect(reading.fields).toMatchObject({
      fullName: { value: '山田 太郎', source: 'text' },
      familyName: { value: '山田' },
      givenName: { value: '太郎' },
      company: { value: '株式会社サンプル商事' },
      department: { value: '営業本部 第一営業部' },
      title: { value: '部長' },
      phone: { value: '03-1234-5678' },
      fax: { value: '03-1234-5679' },
      postalCode: { value: '100-0005' },
      email: { value: 't.yamada@sample-shoji.co.jp' },
    });
    // The large name line is the surest name; no field of a clean card is marked for checking.
    expect(reading.fields.fullName!.confidence).toBeGreaterThan(0.8);
    expect(reading.text).toContain('サンプル商事');
    expect(reading.confidence).toBeGreaterThan(0.6);
    expect(reading.ms).toBeGreaterThan(0);
  }, 120_000);

  it('looks for a QR code on the card itself unless the caller says it looked and found none', async () => {
    const image = b64(images.get(QR_CARD.id)!);
    const searched = await core.call('card.read', { image, mime: 'image/png' });
    expect(searched.fields.email).toMatchObject({ source: 'qr' });
    // The app's screen searched first (null): the same pixels are not searched again.
    const told = await core.call('card.read', { image, mime: 'image/png', qr: null });
    expect(told.fields.email?.source).not.toBe('qr');
  }, 120_000);

    it('a QR code on the card wins over the text', async () => {
    const reading = await core.call('card.read', {
      image: b64(images.get('horizontal-basic')!),
      mime: 'image/png',
      qr: 'MECARD:N:山田,太郎;EMAIL:taro.yamada@sample-shoji.co.jp;;',
    });
    expect(reading.fields.email).toEqual({ value: 'taro.yamada@sample-shoji.co.jp', confidence: 1, source: 'qr' });
    expect(reading.fields.company).toMatchObject({ value: '株式会社サンプル商事', source: 'text' });
  }, 120_000);
});

describe('card.read refuses what is not a card image, with a code', () => {
  it.each([
    ['text bytes claimed as PNG', Buffer.from('name: 山田太郎\n'), 'image/png', 'card.unsupported_type'],
    ['a PDF claimed as JPEG', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'image/jpeg', 'card.unsupported_type'],
    ['a real PNG claimed as JPEG', png([255, 255, 255]), 'image/jpeg', 'card.unsupported_type'],
    ['a HEIC photo (Tesseract cannot decode it)', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic0000mif1heic')]), 'image/heic', 'card.unsupported_type'],
    ['an empty file', Buffer.alloc(0), 'image/png', 'card.empty'],
  ])('%s', async (_name, bytes, mime, code) => {
    const result = await core.raw('card.read', { image: b64(bytes), mime });
    expect(result).toMatchObject({ ok: false, error: { code } });
  });

  it('a file larger than the photo limit', async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 0);
    png([0, 0, 0]).copy(big);
    expect(await core.raw('card.read', { image: b64(big), mime: 'image/png' })).toMatchObject({ ok: false, error: { code: 'card.too_large' } });
  });
});

describe('leadbooth card import', () => {
  const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');

  it('stores each card as a lead to check with its photo; a rescan is the same lead; a bad file is reported', () => {
    const dir = tempDir();
    const db = path.join(dir, 'cli.db');
    const folder = path.join(dir, 'cards');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a-yamada.png'), images.get('horizontal-basic')!);
    fs.writeFileSync(path.join(folder, 'b-suzuki.png'), images.get('english-side')!);
    fs.writeFileSync(path.join(folder, 'c-broken.jpg'), 'not a photo');
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'ignored: not an image name');
    const cli = (args: string[]) =>
      spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000, env: { ...process.env, LANG: 'ja_JP.UTF-8' } });
    const eventId = cli(['events', 'create', '名刺展']).stdout.trim();

    const first = cli(['card', 'import', folder, '--event', eventId, '--staff', '佐藤']);
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first.status).toBe(2);
    expect(lines.map((l) => l.file ?? 'counts')).toEqual(['a-yamada.png', 'b-suzuki.png', 'c-broken.jpg', 'counts']);
    expect(lines[2]).toMatchObject({ error: { code: 'card.unsupported_type' } });
    expect(lines[3]).toEqual({ new: 2, merged: 0, failed: 1 });

    // Read back through a core on the same file: the leads, their notes and their photos.
    const reader = openTestCore({ dbFile: db });
    try {
      const yamada = reader.database.sqlite.prepare('SELECT id, full_name, company, email, phone, notes, source FROM leads WHERE email = ?').get('t.yamada@sample-shoji.co.jp') as { id: string; notes: string };
      expect(yamada).toMatchObject({ full_name: '山田 太郎', company: '株式会社サンプル商事', phone: '03-1234-5678', source: 'manual' });
      expect(yamada.notes.split('\n')).toEqual(expect.arrayContaining([expect.stringMatching(/^名刺から読み取り（要確認: /u), 'FAX: 03-1234-5679', '住所: 〒100-0005 東京都千代田区丸の内1-2-3', 'ローマ字: Taro Yamada']));
      const photos = reader.database.sqlite.prepare('SELECT mime, bytes FROM lead_photos WHERE lead_id = ? AND deleted_at IS NULL').all(yamada.id);
      expect(photos).toEqual([{ mime: 'image/png', bytes: images.get('horizontal-basic')!.length }]);
    } finally {
      reader.close();
    }

    const again = cli(['card', 'import', folder, '--event', eventId]);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toEqual({ new: 0, merged: 2, failed: 1 });
    const reader2 = openTestCore({ dbFile: db });
    try {
      const count = reader2.database.sqlite.prepare('SELECT count(*) AS n FROM leads WHERE event_id = ? AND deleted_at IS NULL').get(eventId) as { n: number };
      const photos = reader2.database.sqlite.prepare('SELECT count(*) AS n FROM lead_photos WHERE deleted_at IS NULL').get() as { n: number };
      expect(count.n).toBe(2);
      expect(photos.n).toBe(2);
    } finally {
      reader2.close();
    }
  }, 300_000);
});
