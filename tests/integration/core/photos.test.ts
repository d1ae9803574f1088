import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { png } from '../../support/images';
import { openTestCore, tempDir, type TestCore } from '../../support/temp-core';

let core: TestCore;
afterEach(() => core?.close());

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const RED = png([255, 0, 0]);
const BLUE = png([0, 0, 255]);

/** A core with one lead, and the lead ids the writer told the outbox about. */
async function withLead(dbFile?: string) {
  core = openTestCore(dbFile ? { dbFile } : {});
  const written: string[] = [];
  const downstream = core.deps.onLeadWritten;
  core.deps.onLeadWritten = (lead) => {
    written.push(lead.id);
    downstream(lead);
  };
  const event = await core.call('events.create', { name: '東京ビッグサイト展 2026', kind: 'tradeshow' });
  const { lead } = await core.call('capture.scan', { eventId: event.id, payload: 'EXPO2026-000123', staff: '佐藤' });
  // Its account and person are written after the capture (late links), by the next call: done here, before counting.
  await core.call('leads.get', { id: lead.id });
  written.length = 0;
  return { lead, written, photoDir: path.join(core.dir, 'photos') };
}

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

const photoTouches = (leadId: string) =>
  core.database.sqlite.prepare("SELECT staff, detail FROM touches WHERE lead_id = ? AND kind = 'photo' ORDER BY at, id").all(leadId) as {
    staff: string | null;
    detail: string;
  }[];

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { code: string }).code;
  }
  return 'accepted';
}

describe('photos of a lead', () => {
  it('stores the bytes by their hash, owner-only, and records the photo as a change to the lead', async () => {
    const { lead, written, photoDir } = await withLead();
    core.clock.advance(60_000);
    const photo = await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png', staff: '鈴木' });

    const hash = sha256(RED);
    expect(photo).toMatchObject({ leadId: lead.id, hash, mime: 'image/png', bytes: RED.length, addedBy: '鈴木', addedAt: new Date(core.clock()).toISOString() });
    const file = path.join(photoDir, hash.slice(0, 2), hash);
    expect(filesUnder(photoDir)).toEqual([path.join(hash.slice(0, 2), hash)]);
    expect(fs.readFileSync(file).equals(RED)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(photoDir).mode & 0o777).toBe(0o700);

    expect(await core.call('photos.get', { id: photo.id })).toEqual({ mime: 'image/png', base64: b64(RED) });
    const after = await core.call('leads.get', { id: lead.id });
    expect(after.lead.updatedAt).toBe(new Date(core.clock()).toISOString());
    expect(after.touches.map((t) => t.kind)).toEqual(['scan', 'photo']);
    expect(after.touches[1]).toMatchObject({ staff: '鈴木', detail: { action: 'add', photoId: photo.id, hash } });
    expect(written).toEqual([lead.id]);
    // leads.get answers the lead as before: the UI asks photos.list for the photos.
    expect(Object.keys(after)).toEqual(['lead', 'touches']);
    expect(after.lead).not.toHaveProperty('photos');
  });

  it('the same picture added twice is one photo, one file and one touch; the list is oldest first', async () => {
    const { lead, photoDir } = await withLead();
    core.clock.advance(1000);
    const blue = await core.call('photos.add', { leadId: lead.id, file: b64(BLUE), mime: 'image/png' });
    core.clock.advance(1000);
    const red = await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png' });
    core.clock.advance(1000);
    const again = await core.call('photos.add', { leadId: lead.id, file: b64(BLUE), mime: 'image/png' });

    expect(again).toEqual(blue);
    expect((await core.call('photos.list', { leadId: lead.id })).map((p) => p.id)).toEqual([blue.id, red.id]);
    expect(filesUnder(photoDir)).toHaveLength(2);
    expect(photoTouches(lead.id)).toHaveLength(2);
  });

  it('refuses a file that is not what its type says, or not an accepted type, and stores nothing', async () => {
    const { lead, photoDir } = await withLead();
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1');
    const cases: [Buffer, string][] = [
      [RED, 'image/jpeg'], // a PNG sent as a JPEG
      [pdf, 'image/jpeg'], // a PDF renamed .jpg
      [gif, 'image/gif'], // not an accepted type at all
      [Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1'), 'image/webp'], // RIFF, but audio
      [Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypavif\0\0\0\0mif1avif')]), 'image/heic'], // HEIF, but AVIF
    ];
    for (const [bytes, mime] of cases) {
      expect(await codeOf(core.call('photos.add', { leadId: lead.id, file: b64(bytes), mime }))).toBe('photo.unsupported_type');
    }
    expect(await core.call('photos.list', { leadId: lead.id })).toEqual([]);
    expect(filesUnder(photoDir)).toEqual([]);
    expect(photoTouches(lead.id)).toEqual([]);
  });

  it('accepts what each accepted type starts with: JPEG, WebP and HEIC signatures', async () => {
    const { lead } = await withLead();
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0 a tiny jpeg head')]);
    const webp = Buffer.from('RIFF\x24\0\0\0WEBPVP8 a tiny webp head', 'latin1');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic')]);
    for (const [bytes, mime] of [[jpeg, 'image/jpeg'], [webp, 'image/webp'], [heic, 'image/heic']] as const) {
      expect((await core.call('photos.add', { leadId: lead.id, file: b64(bytes), mime })).mime).toBe(mime);
    }
  });

  it('refuses a photo over 15 MB with photo.too_large', async () => {
    const { lead, photoDir } = await withLead();
    const big = Buffer.alloc(15 * 1024 * 1024 + 1);
    RED.copy(big);
    expect(await codeOf(core.call('photos.add', { leadId: lead.id, file: b64(big), mime: 'image/png' }))).toBe('photo.too_large');
    expect(filesUnder(photoDir)).toEqual([]);
  });

  it('refuses a photo for a lead that does not exist, before writing any file', async () => {
    const { photoDir } = await withLead();
    expect(await codeOf(core.call('photos.add', { leadId: 'no-such-lead', file: b64(RED), mime: 'image/png' }))).toBe('lead.not_found');
    expect(filesUnder(photoDir)).toEqual([]);
  });

  it('remove hides the photo, is a touch, and adding the same picture back brings the same photo back', async () => {
    const { lead, written, photoDir } = await withLead();
    const red = await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png' });
    const blue = await core.call('photos.add', { leadId: lead.id, file: b64(BLUE), mime: 'image/png' });
    core.clock.advance(60_000);
    written.length = 0;

    expect(await core.call('photos.remove', { id: red.id, staff: '佐藤' })).toEqual([blue]);
    expect(await core.call('photos.list', { leadId: lead.id })).toEqual([blue]);
    expect(await codeOf(core.call('photos.get', { id: red.id }))).toBe('photo.not_found');
    expect(await codeOf(core.call('photos.remove', { id: red.id }))).toBe('photo.not_found');
    expect(photoTouches(lead.id).map((t) => JSON.parse(t.detail) as { action: string })).toMatchObject([
      { action: 'add' }, { action: 'add' }, { action: 'remove', photoId: red.id },
    ]);
    expect(written).toEqual([lead.id]);
    expect((await core.call('leads.get', { id: lead.id })).lead.updatedAt).toBe(new Date(core.clock()).toISOString());
    // Soft: the row and the file stay.
    expect(core.database.sqlite.prepare('SELECT deleted_at FROM lead_photos WHERE id = ?').pluck().get(red.id)).toBe(core.clock());
    expect(filesUnder(photoDir)).toHaveLength(2);

    core.clock.advance(60_000);
    const back = await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png' });
    expect(back.id).toBe(red.id);
    expect((await core.call('photos.list', { leadId: lead.id })).map((p) => p.id)).toEqual([blue.id, red.id]);
  });

  it('finds the photo folder beside the database file, and leaves no temporary file behind', async () => {
    const dir = tempDir();
    const { lead } = await withLead(path.join(dir, 'nested', 'leadbooth.db'));
    await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png' });
    expect(filesUnder(path.join(dir, 'nested', 'photos'))).toEqual([path.join(sha256(RED).slice(0, 2), sha256(RED))]);
  });
});

/** A real full disk: a small tmpfs holding the database and its photos. Needs root, as in CI. */
describe.skipIf(process.getuid?.() !== 0)('photos on a full disk', () => {
  it('answer storage.disk_full, store no row and no partial file, and work again once space is freed', async () => {
    const mnt = tempDir('leadbooth-photo-full-');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt]);
    try {
      const { lead, photoDir } = await withLead(path.join(mnt, 'leadbooth.db'));
      // A PNG bigger than the whole disk: its write must fail part-way.
      const huge = Buffer.alloc(4 * 1024 * 1024, 7);
      RED.copy(huge);
      expect(await codeOf(core.call('photos.add', { leadId: lead.id, file: b64(huge), mime: 'image/png' }))).toBe('storage.disk_full');
      expect(filesUnder(photoDir)).toEqual([]);
      expect(await core.call('photos.list', { leadId: lead.id })).toEqual([]);

      const photo = await core.call('photos.add', { leadId: lead.id, file: b64(RED), mime: 'image/png' });
      expect(await core.call('photos.list', { leadId: lead.id })).toEqual([photo]);
    } finally {
      core.close();
      execFileSync('umount', [mnt]);
      fs.rmSync(mnt, { recursive: true, force: true });
    }
  });
});
