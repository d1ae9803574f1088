import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCardRenderer, QR_CARD, renderCard } from '../../support/cards';
import { openTestCore, repoRoot, tempDir } from '../../support/temp-core';

/**
 * A QR code printed on a card wins over its text in the CLI too, where no renderer has looked
 * for it first: `card read` and `card import` find it in the image themselves. The card
 * prints info@… and its vCard names the person's own address.
 */

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let dir: string;
let image: string;

beforeAll(async () => {
  dir = tempDir();
  fs.mkdirSync(path.join(dir, 'cards'));
  image = path.join(dir, 'cards', 'qr.png');
  fs.writeFileSync(image, await renderCard(QR_CARD));
  await closeCardRenderer();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (db: string, args: string[]) =>
  spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000, env: { ...process.env, LANG: 'ja_JP.UTF-8' } });

describe('a QR code on the card in the CLI', () => {
  it('card read: the QR’s fields, marked as from the QR, win over the printed ones', () => {
    const out = cli(path.join(dir, 'read.db'), ['card', 'read', image, '--json']);
    expect(out.status, out.stderr).toBe(0);
    const reading = JSON.parse(out.stdout) as { fields: Record<string, { value: string; source: string; confidence: number }> };
    expect(reading.fields.email).toEqual({ value: 'naoko.watanabe@qr-example.co.jp', confidence: 1, source: 'qr' });
    expect(reading.fields.fullName).toMatchObject({ value: '渡辺 直子', source: 'qr' });
    expect(reading.fields.company).toMatchObject({ value: '株式会社キューアール', source: 'qr' });
    // The QR gave no phone: the printed one is kept.
    expect(reading.fields.phone).toMatchObject({ value: '03-6666-7777', source: 'text' });
  }, 240_000);

  it('card import: the lead has the QR’s email, not the printed info@ address', () => {
    const db = path.join(dir, 'import.db');
    const eventId = cli(db, ['events', 'create', '名刺展']).stdout.trim();
    const out = cli(db, ['card', 'import', path.join(dir, 'cards'), '--event', eventId]);
    expect(out.status, out.stderr).toBe(0);
    const reader = openTestCore({ dbFile: db });
    try {
      const leads = reader.database.sqlite.prepare('SELECT full_name, company, email, phone FROM leads WHERE event_id = ?').all(eventId);
      expect(leads).toEqual([{ full_name: '渡辺 直子', company: '株式会社キューアール', email: 'naoko.watanabe@qr-example.co.jp', phone: '03-6666-7777' }]);
    } finally {
      reader.close();
    }
  }, 240_000);
});
