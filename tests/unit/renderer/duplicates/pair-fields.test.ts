import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../../shared/model';
import { pairFields } from '../../../../renderer/src/duplicates/pair-fields';

const AT = '2026-11-20T01:00:00.000Z';
const base: Lead = {
  id: 'lead-1', eventId: 'event-1', badgeId: null, fullName: '鈴木 次郎', familyName: null, givenName: null,
  familyNameKana: 'スズキ', givenNameKana: 'ジロウ', company: '株式会社サンプル', companyKey: 'サンプル', department: '営業部',
  title: '課長', email: 'jiro@sample.co.jp', phone: '03-1234-5678', url: null, sourceFormat: null, source: 'manual',
  rawPayload: null, capturedBy: '佐藤', capturedAt: AT, updatedAt: AT, rating: null, notes: null, status: 'new', walkIn: false,
  answers: {}, consentVersion: null, consentAt: null, deletedAt: null, score: 0, grade: 'D', owner: null, touchCount: 1,
  readyAt: null, followUpDue: null, statusAt: null, rejectionReason: null, accountId: null, personId: null,
};

const differing = (b: Partial<Lead>) => pairFields(base, { ...base, id: 'lead-2', ...b }).filter((f) => f.differs).map((f) => f.key);

describe('the side-by-side view of a pair', () => {
  it.each<[string, Partial<Lead>, string[]]>([
    ['the same lead twice', {}, []],
    ['a name that differs only by a space', { fullName: '鈴木次郎' }, []],
    ['an email in full width and upper case', { email: 'ＪＩＲＯ＠ＳＡＭＰＬＥ．ＣＯ．ＪＰ' }, []],
    ['another title', { title: '部長' }, ['title']],
    ['another company spelling and a missing phone', { company: 'サンプル', phone: null }, ['company', 'phone']],
    ['a reading in hiragana', { familyNameKana: 'すずき' }, []],
    ['another reading', { familyNameKana: 'スズギ' }, ['kana']],
  ])('%s', (_, b, keys) => {
    expect(differing(b)).toEqual(keys);
  });

  it('shows each lead\'s value as text, a blank as empty', () => {
    const phone = pairFields(base, { ...base, phone: null }).find((f) => f.key === 'phone')!;
    expect([phone.a, phone.b, phone.label]).toEqual(['03-1234-5678', '', 'duplicates.field.phone']);
  });
});
