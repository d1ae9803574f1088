import { describe, expect, it } from 'vitest';
import type { Lead } from '../../../../shared/model';
import { DEFAULT_QUESTIONS } from '../../../../shared/qualify/form';
import { changesOf, draftOf } from '../../../../renderer/src/leads/lead-edit';

const AT = '2026-11-20T01:00:00.000Z';
const lead: Lead = {
  id: 'lead-1', eventId: 'event-1', badgeId: null, fullName: '山田 太郎', familyName: '山田', givenName: '太郎',
  familyNameKana: null, givenNameKana: null, company: '株式会社サンプル', companyKey: 'サンプル', department: null,
  title: '部長', email: 'taro@example.jp', phone: null, url: null, sourceFormat: 'mecard', source: 'scanner',
  rawPayload: 'MECARD:…', capturedBy: '佐藤', capturedAt: AT, updatedAt: AT, rating: 'warm', notes: 'メモ',
  status: 'new', walkIn: false,
  answers: {
    timeline: { value: 'within_3m', kind: 'single', label: { ja: '導入時期', en: 'Timeline' }, choices: [{ ja: '3か月以内', en: 'Within 3 months' }], formVersion: 1 },
    follow_up: { value: ['demo', 'quote'], kind: 'multiple', label: { ja: '希望するフォロー', en: 'Follow-up wanted' }, formVersion: 1 },
    gone: { value: 'x', kind: 'text', label: { ja: '旧質問', en: 'Old question' }, formVersion: 1 },
  },
  consentVersion: null, consentAt: null, deletedAt: null,
  score: 0, grade: 'D', owner: null, touchCount: 1, readyAt: null, followUpDue: null, statusAt: null, rejectionReason: null, accountId: null, personId: null,
};

describe('changesOf: what the lead editor sends', () => {
  it('an untouched draft sends nothing', () => {
    expect(changesOf(lead, draftOf(lead), DEFAULT_QUESTIONS)).toBeNull();
  });

  it('whitespace around a value and the order of picked choices are not changes', () => {
    const draft = draftOf(lead);
    draft.fields.company = ' 株式会社サンプル ';
    draft.notes = 'メモ\n';
    draft.answers.follow_up = ['quote', 'demo'];
    expect(changesOf(lead, draft, DEFAULT_QUESTIONS)).toBeNull();
  });

  it('sends only the changed fields; an emptied field is cleared, not set to ""', () => {
    const draft = draftOf(lead);
    draft.fields.company = '株式会社テスト';
    draft.fields.title = '  ';
    draft.fields.phone = '03-1234-5678';
    expect(changesOf(lead, draft, DEFAULT_QUESTIONS)).toEqual({
      id: 'lead-1', fields: { company: '株式会社テスト', phone: '03-1234-5678' }, clear: ['title'],
    });
  });

  it('notes, rating, answers and consent: emptied ones become null', () => {
    const draft = draftOf(lead);
    draft.notes = '';
    draft.rating = 'hot';
    draft.answers.timeline = null;
    draft.answers.budget = 'secured';
    draft.answers.follow_up = [];
    draft.consentVersion = 'v2';
    expect(changesOf(lead, draft, DEFAULT_QUESTIONS)).toEqual({
      id: 'lead-1', notes: null, rating: 'hot', answers: { timeline: null, budget: 'secured', follow_up: null }, consent: { version: 'v2' },
    });
  });

  it('an answer under a question the form no longer has is never sent', () => {
    const draft = draftOf(lead);
    draft.answers.gone = 'changed';
    expect(changesOf(lead, draft, DEFAULT_QUESTIONS)).toBeNull();
  });

  it('withdrawing consent sends consent: null', () => {
    const agreed = { ...lead, consentVersion: 'v1', consentAt: AT };
    const draft = draftOf(agreed);
    draft.consentVersion = null;
    expect(changesOf(agreed, draft, DEFAULT_QUESTIONS)).toEqual({ id: 'lead-1', consent: null });
  });
});
