import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPINGS, effectiveMapping, fieldValue, mapLead } from '../../../../shared/delivery/fields';
import { deliveryLead } from './lead';

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
