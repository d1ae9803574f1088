import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureCards, scoreCard } from '../../support/cards';

/** The loader of card photographs committed to tests/fixtures/cards, which tests and bench read. */

const dirs: string[] = [];
function folder(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadbooth-card-fixtures-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), body);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const truth = { fullName: '山田 太郎', company: '株式会社サンプル商事', email: 't.yamada@sample-shoji.co.jp', phone: '03-1234-5678' };
const jpegBytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

describe('card fixtures', () => {
  it('reads every image with its sidecar, in name order, with the type from its name', () => {
    const dir = folder({
      'b-photo.JPG': jpegBytes,
      'b-photo.JPG.json': JSON.stringify({ ...truth, email: '' }),
      'a-scan.png': Buffer.from('png'),
      'a-scan.png.json': JSON.stringify(truth),
      'README.md': '# not a card',
    });
    const cards = fixtureCards(dir);
    expect(cards.map((c) => [c.id, c.mime])).toEqual([['fixture:a-scan.png', 'image/png'], ['fixture:b-photo.JPG', 'image/jpeg']]);
    expect(cards[1]!.image.equals(jpegBytes)).toBe(true);
    expect(cards[1]!.truth.email).toBe('');
  });

  it('a folder that is not there has no fixtures', () => {
    expect(fixtureCards(path.join(os.tmpdir(), 'leadbooth-no-such-folder'))).toEqual([]);
  });

  it('an image without its sidecar is an error, not a card that counts for nothing', () => {
    expect(() => fixtureCards(folder({ 'card.jpg': jpegBytes }))).toThrow(/card\.jpg has no card\.jpg\.json/u);
  });

  it('a sidecar without every scored field is an error', () => {
    const dir = folder({ 'card.jpg': jpegBytes, 'card.jpg.json': JSON.stringify({ fullName: '山田 太郎' }) });
    expect(() => fixtureCards(dir)).toThrow(/card\.jpg\.json/u);
  });

  it('a fixture is scored like a rendered card', () => {
    const [card] = fixtureCards(folder({ 'c.png': Buffer.from('png'), 'c.png.json': JSON.stringify(truth) }));
    const read = { fullName: { value: '山田太郎' }, company: { value: '株式会社サンプル商事' }, email: { value: 'x@y.jp' }, mobile: { value: '03-1234-5678' } };
    expect(scoreCard(card!, read)).toEqual({ fullName: true, company: true, email: false, phone: true });
  });
});
