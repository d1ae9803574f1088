import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badge, tempDir } from './device';

const BIN = path.resolve(__dirname, '../../../electron/bin/leadbooth.mjs');
let dir: string;

function leadbooth(db: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, '--db', path.join(dir, db), ...args], { encoding: 'utf8', timeout: 60_000 });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    /** The last line printed, as JSON (the CLI prints one JSON line per result). */
    get json() {
      return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? 'null');
    },
  };
}

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('leadbooth export and bundle', () => {
  it('export writes a CSV that opens as UTF-8 with a BOM; bundles carry leads to another laptop once', () => {
    const eventId = leadbooth('a.db', 'events', 'create', 'Japan IT Week 春 2025').stdout.trim();
    expect(eventId).not.toBe('');
    for (const payload of [
      badge({ badgeId: 'JITW-1', familyName: '髙橋', givenName: '一郎', company: '株式会社サンプル', phone: '+81-3-1234-5678' }),
      'MECARD:N:山田,太郎;ORG:サンプル商事株式会社;EMAIL:taro@example.jp;;',
    ]) {
      expect(leadbooth('a.db', 'capture', payload, '--event', eventId, '--staff', '佐藤').status).toBe(0);
    }

    const out = path.join(dir, 'leads.csv');
    const exported = leadbooth('a.db', 'export', '--event', eventId, '--format', 'salesforce', '--out', out);
    expect(exported.status).toBe(0);
    expect(exported.json).toEqual({ file: out, rows: 2, encoding: 'utf8', replaced: 0 });
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const data = Papa.parse<Record<string, string>>(new TextDecoder('utf-8', { fatal: true }).decode(bytes), { header: true, skipEmptyLines: true }).data;
    expect(data.map((r) => [r['Last Name'], r.Company, r.Phone])).toEqual([
      ['髙橋', '株式会社サンプル', "'+81-3-1234-5678"],
      ['山田', 'サンプル商事株式会社', ''],
    ]);

    const file = path.join(dir, 'booth-a.leadbooth.json');
    expect(leadbooth('a.db', 'bundle', 'export', file, '--event', eventId).json).toEqual({ file, leads: 2, touches: 2 });
    const first = leadbooth('b.db', 'bundle', 'import', file);
    expect(first.status).toBe(0);
    expect(first.json).toEqual({ event: 'created', leadsAdded: 2, leadsUpdated: 0, leadsUnchanged: 0, leadsMerged: 0, touchesAdded: 2, touchesSkipped: 0 });
    expect(leadbooth('b.db', 'bundle', 'import', file).json).toEqual({ event: 'matched', leadsAdded: 0, leadsUpdated: 0, leadsUnchanged: 2, leadsMerged: 0, touchesAdded: 0, touchesSkipped: 2 });
    const onB = leadbooth('b.db', 'leads', 'list', '--event', eventId, '--json').json as { fullName: string }[];
    expect(onB.map((l) => l.fullName).sort()).toEqual(['山田 太郎', '髙橋 一郎']);
  }, 120_000);

  it('writes exports and bundles 0600, also over an existing 0644 file, replacing all of it', () => {
    const eventId = leadbooth('mode.db', 'events', 'create', 'Mode Expo').stdout.trim();
    expect(leadbooth('mode.db', 'capture', 'MECARD:N:山田,太郎;EMAIL:taro@example.jp;;', '--event', eventId).status).toBe(0);
    const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

    const csv = path.join(dir, 'fresh.csv');
    expect(leadbooth('mode.db', 'export', '--event', eventId, '--format', 'generic', '--out', csv).status).toBe(0);
    expect(modeOf(csv)).toBe(0o600);
    const bundle = path.join(dir, 'fresh.leadbooth.json');
    expect(leadbooth('mode.db', 'bundle', 'export', bundle, '--event', eventId).status).toBe(0);
    expect(modeOf(bundle)).toBe(0o600);

    for (const [file, args] of [
      [path.join(dir, 'old.csv'), ['export', '--event', eventId, '--format', 'generic', '--out']],
      [path.join(dir, 'old.leadbooth.json'), ['bundle', 'export', '--event', eventId]],
    ] as const) {
      fs.writeFileSync(file, 'x'.repeat(1_000_000), { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      expect(leadbooth('mode.db', ...args, file).status).toBe(0);
      expect(modeOf(file)).toBe(0o600);
      expect(fs.readFileSync(file, 'utf8')).not.toContain('xxxx');
      expect(fs.readFileSync(file, 'utf8')).toContain('taro@example.jp');
    }
  }, 120_000);

  it('refuses bad input with exit code 2 and a coded error', () => {
    const eventId = leadbooth('c.db', 'events', 'create', 'セミナー').stdout.trim();
    const badFormat = leadbooth('c.db', 'export', '--event', eventId, '--format', 'excel', '--out', path.join(dir, 'x.csv'));
    expect(badFormat.status).toBe(2);
    expect(badFormat.json.error.code).toBe('api.invalid_input');
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);

    const junk = path.join(dir, 'junk.json');
    fs.writeFileSync(junk, '{"format":"leadbooth-bundle","version":99}');
    const refused = leadbooth('c.db', 'bundle', 'import', junk);
    expect(refused.status).toBe(2);
    expect(refused.json.error.code).toBe('bundle.unsupported_version');

    expect(leadbooth('c.db', 'export', '--event', eventId, '--format', 'generic').status).toBe(2);
  }, 120_000);
});
