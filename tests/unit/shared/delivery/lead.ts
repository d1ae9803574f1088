import type { DeliveryLead } from '../../../../shared/delivery/fields';

/** A lead as it leaves for a CRM: 山田 太郎 scanned at 10:23 JST. */
export function deliveryLead(overrides: Partial<DeliveryLead> = {}): DeliveryLead {
  return {
    id: '0197a3c2-0000-7000-8000-000000000001', eventId: 'ev-1', badgeId: 'B-1', fullName: '山田 太郎', familyName: '山田',
    givenName: '太郎', familyNameKana: 'ヤマダ', givenNameKana: 'タロウ', company: '株式会社サンプル', companyKey: 'サンプル',
    department: '営業部', title: '部長', email: 'taro@example.co.jp', phone: '03-1234-5678', url: null, sourceFormat: 'vcard',
    source: 'camera', rawPayload: 'BEGIN:VCARD…', capturedBy: '佐藤', capturedAt: '2025-06-04T01:23:45.678Z',
    updatedAt: '2025-06-04T09:00:00.000Z', rating: 'hot', notes: null, status: 'new', walkIn: false, eventName: 'Expo',
    consentVersion: 'v2', consentAt: '2025-06-04T01:23:40.000Z', owner: null, score: 72, grade: 'B', touchCount: 1, readyAt: null, followUpDue: null, statusAt: null,
    rejectionReason: null, answers: {}, deletedAt: null, accountId: null, personId: null,
    language: 'ja',
    ...overrides,
  };
}
