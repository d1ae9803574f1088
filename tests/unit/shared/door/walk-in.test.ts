import { describe, expect, it } from 'vitest';
import { walkInPrefill } from '../../../../shared/door/walk-in';

describe('walk-in prefill', () => {
  it.each([
    ['EXPO2026-999999', { badgeId: 'EXPO2026-999999' }],
    ['ＶＩＰ－Ｂ', { badgeId: 'VIP-B' }],
    ['すずき', { familyNameKana: 'スズキ' }],
    ['ｽｽﾞｷ', { familyNameKana: 'スズキ' }],
    ['鈴木', { familyName: '鈴木' }],
    ['Jane Doe', { familyName: 'Jane Doe' }],
    ['  ', {}],
  ])('%s starts manual entry as %o', (typed, fields) => {
    expect(walkInPrefill(typed)).toEqual(fields);
  });
});
