import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../../electron/core/uuid7';

describe('uuidv7', () => {
  it('has version 7, the RFC variant and the millisecond time in its first 48 bits', () => {
    const at = Date.parse('2026-11-20T01:02:03.456Z');
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(parseInt(id.replace(/-/gu, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts in creation order, even thousands within one millisecond', () => {
    const at = Date.parse('2030-01-01T00:00:00Z');
    const ids = Array.from({ length: 10_000 }, () => uuidv7(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never goes backwards when the clock does', () => {
    const a = uuidv7(Date.parse('2031-01-01T00:00:01Z'));
    const b = uuidv7(Date.parse('2031-01-01T00:00:00Z'));
    expect(b > a).toBe(true);
  });
});
