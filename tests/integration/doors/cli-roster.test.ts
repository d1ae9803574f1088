import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../support/temp-core';

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let dir: string;
let db: string;
let eventId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!) };
}

beforeAll(() => {
  dir = tempDir();
  db = path.join(dir, 'cli.db');
  eventId = cli(['events', 'create', 'セミナー', '--kind', 'seminar']).stdout.trim();
}, 60_000);

describe('leadbooth roster import refuses a file it cannot use, saying why', () => {
  it.each([
    ['0 bytes', Buffer.alloc(0)],
    ['only a UTF-8 BOM', Buffer.of(0xef, 0xbb, 0xbf)],
    ['only blank lines', Buffer.from('\r\n   \n\t\r\n')],
  ])('a roster file with %s is roster.empty, exit 2', (_name, bytes) => {
    const file = path.join(dir, 'empty.csv');
    fs.writeFileSync(file, bytes);
    const run = cli(['roster', 'import', file, '--event', eventId]);
    expect(run.status).toBe(2);
    expect(run.json().error.code).toBe('roster.empty');
  }, 60_000);

  it('a UTF-8 roster with one Shift_JIS line names that line', () => {
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('来場者ID,氏名\nEXPO-1,山田 太郎\nEXPO-2,佐藤 花子\n', 'utf8'),
        iconv.encode('EXPO-3,高橋 健一\n', 'Shift_JIS'),
        Buffer.from('EXPO-4,鈴木 一郎\n', 'utf8'),
      ]),
    );
    const run = cli(['roster', 'import', file, '--event', eventId]);
    expect(run.status).toBe(2);
    expect(run.json().error).toEqual({ code: 'roster.encoding_mixed', message: 'Line 4 is not UTF-8 like the rest of the file' });
  }, 60_000);
});
