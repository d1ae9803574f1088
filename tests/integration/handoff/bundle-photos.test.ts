import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api';
import type { Bundle } from '../../../shared/handoff/bundle';
import { png } from '../../support/images';
import { badge, openDevice, tempDir, type Device } from './device';

// Each laptop in a folder of its own: the photo folder sits beside the database file.
let dirs: string[];
let a: Device;
let b: Device;

beforeEach(() => {
  dirs = [tempDir(), tempDir()];
  a = openDevice(dirs[0]!, 'booth-a');
  b = openDevice(dirs[1]!, 'booth-b');
});
afterEach(() => {
  a.close();
  b.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const T = (hhmm: string) => `2025-04-09T${hhmm}:00.000Z`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const decode = (file: Output<'bundle.export'>) => JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as Bundle;
const encode = (bundle: unknown) => Buffer.from(JSON.stringify(bundle), 'utf8').toString('base64');
const CARD = png([250, 250, 240], 4, 3);
const BACK = png([20, 20, 20], 4, 3);
const photoFile = (dir: string, bytes: Uint8Array) => path.join(dir, 'photos', sha256(bytes).slice(0, 2), sha256(bytes));
const photoRows = (d: Device) => d.core.database.sqlite.prepare('SELECT * FROM lead_photos ORDER BY id').all();

const tanaka = badge({ badgeId: 'JITW-100777', fullName: '田中 一郎', company: '株式会社サンプル', email: 'ichiro.tanaka@sample.co.jp' });

/** Booth A makes the event, scans 田中 and photographs his card, front and back. */
async function boothA() {
  a.at(T('00:00'));
  const event = await a.call('events.create', { name: 'Japan IT Week 春 2025', venue: '東京ビッグサイト' });
  a.at(T('01:00'));
  const { lead } = await a.call('capture.scan', { eventId: event.id, payload: tanaka, staff: '佐藤', source: 'camera' });
  a.at(T('01:01'));
  const front = await a.call('photos.add', { leadId: lead.id, file: b64(CARD), mime: 'image/png', staff: '佐藤' });
  a.at(T('01:02'));
  const back = await a.call('photos.add', { leadId: lead.id, file: b64(BACK), mime: 'image/png', staff: '佐藤' });
  return { eventId: event.id, lead, front, back };
}

describe('card photos in device bundles', () => {
  it('travel to the other laptop with their bytes, stored there by hash, owner-only; a second import changes nothing', async () => {
    const { eventId, lead, front, back } = await boothA();
    const file = await a.call('bundle.export', { eventId });
    expect(decode(file).photos).toMatchObject([
      { id: front.id, leadId: lead.id, hash: sha256(CARD), mime: 'image/png', bytes: CARD.length, addedBy: '佐藤', deletedAt: null, base64: b64(CARD) },
      { id: back.id, hash: sha256(BACK), base64: b64(BACK) },
    ]);

    b.at(T('02:00'));
    await b.call('bundle.import', { file: file.base64 });
    expect(await b.call('photos.list', { leadId: lead.id })).toEqual([front, back]);
    expect(await b.call('photos.get', { id: front.id })).toEqual({ mime: 'image/png', base64: b64(CARD) });
    for (const bytes of [CARD, BACK]) {
      const stored = photoFile(dirs[1]!, bytes);
      expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
      expect(fs.statSync(stored).mode & 0o777).toBe(0o600);
    }
    // The photo touches came along with the rest of the lead's history.
    expect((await b.call('leads.get', { id: lead.id })).touches.map((t) => t.kind)).toEqual(['scan', 'photo', 'photo']);

    const rows = photoRows(b);
    await b.call('bundle.import', { file: file.base64 });
    expect(photoRows(b)).toEqual(rows);
  });

  it('carry a removal, so the other laptop removes the photo too', async () => {
    const { eventId, lead, front, back } = await boothA();
    await b.call('bundle.import', { file: (await a.call('bundle.export', { eventId })).base64 });

    a.at(T('03:00'));
    await a.call('photos.remove', { id: back.id, staff: '佐藤' });
    const file = await a.call('bundle.export', { eventId });
    // Only the removal travels: not the bytes of a photo someone chose to remove.
    expect(decode(file).photos.find((p) => p.id === back.id)).toMatchObject({ deletedAt: T('03:00'), base64: null });

    await b.call('bundle.import', { file: file.base64 });
    expect(await b.call('photos.list', { leadId: lead.id })).toEqual([front]);
  });

  it('follow the lead they belong to when two records of one person are folded into one', async () => {
    const { eventId, lead } = await boothA();
    // Booth B had the event but met 田中 only later, under its own lead id, and photographed the card too.
    const fromA = await a.call('bundle.export', { eventId });
    const eventOnly = { ...decode(fromA), leads: [], touches: [], photos: [] };
    await b.call('bundle.import', { file: encode(eventOnly) });
    b.at(T('05:00'));
    const { lead: bLead } = await b.call('capture.scan', { eventId, payload: tanaka, staff: '鈴木' });
    const OTHER = png([0, 128, 0], 4, 3);
    await b.call('photos.add', { leadId: bLead.id, file: b64(CARD), mime: 'image/png', staff: '鈴木' });
    await b.call('photos.add', { leadId: bLead.id, file: b64(OTHER), mime: 'image/png', staff: '鈴木' });

    // A saw him first: its lead lives on, and B's photos go with B's history to it.
    await b.call('bundle.import', { file: fromA.base64 });
    const photos = await b.call('photos.list', { leadId: lead.id });
    expect(photos.map((p) => p.hash).sort()).toEqual([sha256(CARD), sha256(BACK), sha256(OTHER)].sort());
  });

  it('a bundle without photos (from before card photos) still imports', async () => {
    const { eventId, lead } = await boothA();
    const { photos: _, ...old } = decode(await a.call('bundle.export', { eventId }));
    expect(await b.call('bundle.import', { file: encode(old) })).toMatchObject({ event: 'created', leadsAdded: 1 });
    expect(await b.call('photos.list', { leadId: lead.id })).toEqual([]);
  });

  it('a photo whose bytes do not match its hash refuses the bundle, and nothing is written', async () => {
    const { eventId } = await boothA();
    const bundle = decode(await a.call('bundle.export', { eventId }));
    bundle.photos[1]!.base64 = b64(png([1, 2, 3], 4, 3));
    const before = b.snapshot();
    expect((await b.fail('bundle.import', { file: encode(bundle) })).code).toBe('bundle.invalid');
    expect(b.snapshot()).toEqual(before);
    expect(photoRows(b)).toEqual([]);
  });
});
