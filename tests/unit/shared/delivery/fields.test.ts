import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS, effectiveMapping, FieldMapping, fieldValue, mapLead } from '../../../../shared/delivery/fields';
import { hubspotInputs } from '../../../../shared/delivery/hubspot';
import { mauticBody } from '../../../../shared/delivery/mautic';
import { salesforceBody } from '../../../../shared/delivery/salesforce';
import { webhookBody } from '../../../../shared/delivery/webhook';
import { applyAnswers, type AnswersInput } from '../../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS, type Question } from '../../../../shared/qualify/form';
import { deliveryLead } from './lead';

const QUESTIONS: Question[] = [
  ...DEFAULT_QUESTIONS,
  { key: 'seats', kind: 'number', required: false, label: { ja: '検討席数', en: 'Seats' }, options: [] },
  { key: 'met_before', kind: 'yesno', required: false, label: { ja: '面識あり', en: 'Met before' }, options: [] },
];

/** 山田 answered three questions at the booth (in the form's order, as the lead reader gives them). */
function qualified(input: AnswersInput = { timeline: 'within_3m', follow_up: ['demo', 'quote'], seats: 50 }) {
  const applied = applyAnswers(QUESTIONS, 1, {}, input);
  if (!applied.ok) throw new Error(applied.problem.code);
  return deliveryLead({ answers: applied.answers, notes: '来月デモ希望' });
}

describe('field mapping', () => {
  it('sends the scan time, kana, rating and consent under HubSpot’s default properties', () => {
    expect(mapLead(deliveryLead(), DEFAULT_MAPPINGS.hubspot)).toEqual({
      leadbooth_id: '0197a3c2-0000-7000-8000-000000000001',
      email: 'taro@example.co.jp',
      firstname: '太郎',
      lastname: '山田',
      company: '株式会社サンプル',
      jobtitle: '部長',
      phone: '03-1234-5678',
      leadbooth_lastname_kana: 'ヤマダ',
      leadbooth_firstname_kana: 'タロウ',
      leadbooth_department: '営業部',
      leadbooth_event: 'Expo',
      leadbooth_rating: 'hot',
      leadbooth_score: 72,
      leadbooth_grade: 'B',
      leadbooth_status: 'new',
      leadbooth_badge_id: 'B-1',
      leadbooth_consent_version: 'v2',
      leadbooth_consent_at: '2025-06-04T01:23:40.000Z',
      leadbooth_captured_at: '2025-06-04T01:23:45.678Z',
    });
  });

  it('leaves blank values out, so an upsert never wipes what sales typed in the CRM', () => {
    const out = mapLead(deliveryLead({ phone: null, title: '' , rating: null }), DEFAULT_MAPPINGS.hubspot);
    expect(out).not.toHaveProperty('phone');
    expect(out).not.toHaveProperty('jobtitle');
    expect(out).not.toHaveProperty('leadbooth_rating');
  });

  it('puts a badge’s full name in the last name when it has no split name', () => {
    expect(fieldValue(deliveryLead({ familyName: null, givenName: null, fullName: 'Jane Public' }), 'lastName')).toBe('Jane Public');
    expect(fieldValue(deliveryLead({ familyName: null, givenName: 'Jane', fullName: 'Jane Public' }), 'lastName')).toBeNull();
  });

  it('joins the kana of both names for a single kana property', () => {
    expect(fieldValue(deliveryLead(), 'kana')).toBe('ヤマダ タロウ');
    expect(fieldValue(deliveryLead({ familyNameKana: null }), 'kana')).toBe('タロウ');
    expect(fieldValue(deliveryLead({ familyNameKana: null, givenNameKana: null }), 'kana')).toBeNull();
  });

  it('lets the user remap or drop a field, but always sends the id under the id property', () => {
    const mapping = effectiveMapping('hubspot', { title: '', phone: 'mobilephone', id: 'something_else' }, 'lb_uid');
    expect(mapping).toMatchObject({ title: '', phone: 'mobilephone', id: 'lb_uid' });
    const out = mapLead(deliveryLead(), mapping);
    expect(out).toMatchObject({ lb_uid: deliveryLead().id, mobilephone: '03-1234-5678' });
    expect(out).not.toHaveProperty('jobtitle');
  });

  it('maps Salesforce’s required fields and its external id by default', () => {
    expect(DEFAULT_MAPPINGS.salesforce).toMatchObject({ id: 'LeadBooth_Id__c', lastName: 'LastName', company: 'Company' });
    expect(DEFAULT_MAPPINGS.mautic).toMatchObject({ id: 'leadbooth_id', title: 'position' });
  });
});

describe('answers, notes and consent', () => {
  const text = '導入時期: 3か月以内\n希望するフォロー: デモ, 見積\n検討席数: 50';

  it('sends every answer as one readable text, and the notes, under each CRM’s default property', () => {
    expect(mapLead(qualified(), DEFAULT_MAPPINGS.hubspot)).toMatchObject({
      leadbooth_answers: text, leadbooth_notes: '来月デモ希望', leadbooth_consent_version: 'v2', leadbooth_consent_at: '2025-06-04T01:23:40.000Z',
    });
    expect(mapLead(qualified(), DEFAULT_MAPPINGS.salesforce)).toMatchObject({
      LeadBooth_Answers__c: text, Description: '来月デモ希望', LeadBooth_Consent_Version__c: 'v2', LeadBooth_Consent_At__c: '2025-06-04T01:23:40.000Z',
    });
    expect(mapLead(qualified(), DEFAULT_MAPPINGS.mautic)).toMatchObject({ leadbooth_answers: text, leadbooth_notes: '来月デモ希望', leadbooth_consent_version: 'v2' });
  });

  it('writes the text in the lead’s delivery language', () => {
    expect(fieldValue({ ...qualified(), language: 'en' }, 'answers')).toBe('Timeline: Within 3 months\nFollow-up wanted: Demo, Quote\nSeats: 50');
  });

  it('sends no answers property for a lead without answers, so the CRM keeps what it has', () => {
    expect(mapLead(deliveryLead(), DEFAULT_MAPPINGS.hubspot)).not.toHaveProperty('leadbooth_answers');
    expect(mapLead(deliveryLead(), DEFAULT_MAPPINGS.salesforce)).not.toHaveProperty('Description');
  });

  it('maps a question to a property of its own: choices as their labels, numbers as numbers, yes/no as words', () => {
    const mapping = effectiveMapping('hubspot', { 'answers.timeline': 'lead_timeline', 'answers.seats': 'seats', 'answers.met_before': 'met_before', 'answers.budget': 'budget' }, 'leadbooth_id');
    const lead = qualified({ timeline: 'within_3m', seats: 50, met_before: false });
    const out = mapLead(lead, mapping);
    expect(out).toMatchObject({ lead_timeline: '3か月以内', seats: 50, met_before: 'いいえ', leadbooth_answers: expect.any(String) });
    expect(out).not.toHaveProperty('budget'); // not answered: not sent
    expect(mapLead({ ...lead, language: 'en' }, mapping)).toMatchObject({ lead_timeline: 'Within 3 months', met_before: 'No' });
    expect(hubspotInputs([lead], mapping, 'leadbooth_id')[0]!.properties).toMatchObject({ lead_timeline: '3か月以内', seats: '50' });
  });

  it('lets the user drop the answers text, and accepts only question keys as per-question entries', () => {
    expect(mapLead(qualified(), effectiveMapping('hubspot', { answers: '' }, 'leadbooth_id'))).not.toHaveProperty('leadbooth_answers');
    expect(FieldMapping.safeParse({ 'answers.timeline': 'x', answers: 'y', notes: 'z' }).success).toBe(true);
    for (const bad of [{ 'answers.Timeline': 'x' }, { 'answers.': 'x' }, { answerz: 'x' }, { 'answers.timeline': 'bad name' }]) {
      expect(FieldMapping.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('reaches every connector’s request body', () => {
    const lead = qualified();
    expect(hubspotInputs([lead], DEFAULT_MAPPINGS.hubspot, 'leadbooth_id')[0]!.properties.leadbooth_answers).toBe(text);
    expect(salesforceBody([lead], DEFAULT_MAPPINGS.salesforce, 'LeadBooth_Id__c').records[0]).toMatchObject({ LeadBooth_Answers__c: text });
    expect(mauticBody([lead], DEFAULT_MAPPINGS.mautic, 'leadbooth_id')[0]).toMatchObject({ leadbooth_answers: text });
  });

  it('gives a webhook the answers as data by question key, and as text', () => {
    const [sent] = webhookBody([qualified()], DEFAULT_MAPPINGS.webhook, 'id').leads;
    expect(sent).toMatchObject({
      answersText: text,
      notes: '来月デモ希望',
      consentVersion: 'v2',
      answers: {
        timeline: { value: 'within_3m', kind: 'single', label: { ja: '導入時期', en: 'Timeline' }, choices: [{ ja: '3か月以内', en: 'Within 3 months' }], formVersion: 1 },
        seats: { value: 50, kind: 'number' },
      },
    });
    expect(JSON.parse(JSON.stringify(sent))).toEqual(sent);
  });
});
