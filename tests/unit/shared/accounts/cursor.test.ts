import { describe, expect, it } from 'vitest';
import { decodeAccountCursor, encodeAccountCursor } from '../../../../shared/accounts/cursor';

const byName = { column: 'name', dir: 'asc' } as const;
const byCount = { column: 'leadCount', dir: 'desc' } as const;

describe('the Accounts list cursor', () => {
  it.each([
    ['a name', byName, '株式会社サンプル'],
    ['a count', byCount, 42],
  ] as const)('comes back as it was made, for %s', (_what, sort, value) => {
    const text = encodeAccountCursor({ sort, value, name: '株式会社サンプル', id: 'acc-1' });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/u);
    expect(decodeAccountCursor(text, sort)).toEqual({ v: 1, sort, value, name: '株式会社サンプル', id: 'acc-1' });
  });

  it.each([
    ['made for another sort', encodeAccountCursor({ sort: byCount, value: 3, name: 'x', id: 'a' })],
    ['made for the other direction', encodeAccountCursor({ sort: { column: 'name', dir: 'desc' }, value: 'x', name: 'x', id: 'a' })],
    ['not base64url', 'abc+/='],
    ['not JSON', btoa('not json').replace(/=+$/u, '')],
    ['with a field too many', btoa(JSON.stringify({ v: 1, sort: byName, value: 'x', name: 'x', id: 'a', more: 1 })).replace(/=+$/u, '')],
    ['without an id', btoa(JSON.stringify({ v: 1, sort: byName, value: 'x', name: 'x' })).replace(/=+$/u, '')],
  ])('is refused when %s', (_what, text) => {
    expect(decodeAccountCursor(text, byName)).toBeNull();
  });
});
