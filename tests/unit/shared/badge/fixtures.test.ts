import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBadge } from '../../../../shared/badge';

// The handbook folder `shared/` sits beside the repository root, not inside it.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const fixturesFile = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'badges.json');

type Fixture = { name: string; payload: string; expect: Record<string, string> & { error?: string } };
const fixtures = JSON.parse(readFileSync(fixturesFile, 'utf8')) as Fixture[];

describe('the shared badge fixtures', () => {
  it('are all there', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s parses as the handbook expects', (_, fixture) => {
    const result = parseBadge(fixture.payload);
    const { error, ...fields } = fixture.expect;
    if (error !== undefined) {
      expect(result).toMatchObject({ ok: false, error: { code: error } });
      return;
    }
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.badge).toMatchObject({ ...fields, raw: fixture.payload });
  });
});
