import { describe, expect, it } from 'vitest';
import type { CardReading } from '../../../../shared/card/api';
import { draftOf } from '../../../../renderer/src/card/draft';

const LABELS = { review: 'Read from a business card (check: {fields})', mobile: 'Mobile', fax: 'Fax', address: 'Address', nameLatin: 'Name in romaji' };
const photo = { base64: 'AAAA', mime: 'image/png', url: 'blob:card' };
const field = (value: string, confidence: number) => ({ value, confidence, source: 'text' as const });
const reading = (fields: CardReading['fields']): CardReading => ({ fields, text: '', confidence: 0.9, ms: 800 });

describe('a card reading as the manual-entry form starts', () => {
  it('marks the person fields read with low confidence, and only those', () => {
    const draft = draftOf(
      reading({ fullName: field('山田 太郎', 0.91), company: field('株式会社サンプル', 0.93), email: field('t.yamada@sample.co.jp', 0.45) }),
      LABELS,
      photo,
    );
    expect(draft.fields).toEqual({ fullName: '山田 太郎', company: '株式会社サンプル', email: 't.yamada@sample.co.jp' });
    expect(draft.check).toEqual(['email']);
    expect(draft.notes).toBe('Read from a business card (check: email)');
    expect(draft.photo).toBe(photo);
  });

  it('the phone taken from the mobile is marked when the mobile was unsure', () => {
    const draft = draftOf(reading({ fullName: field('佐藤 花子', 0.9), mobile: field('090-2345-6789', 0.3) }), LABELS, photo);
    expect(draft.fields.phone).toBe('090-2345-6789');
    expect(draft.check).toEqual(['phone']);
  });
});
