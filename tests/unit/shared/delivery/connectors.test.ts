import { describe, expect, it } from 'vitest';
import { effectiveSettings, requiredSecrets } from '../../../../shared/delivery/connectors';

describe('connector settings', () => {
  it('fills the defaults: HubSpot’s URL, burst limit and id property', () => {
    expect(effectiveSettings('hubspot', {})).toMatchObject({
      url: 'https://api.hubapi.com', batchSize: 100, rateLimit: { requests: 100, windowMs: 10_000 }, idProperty: 'leadbooth_id',
    });
    expect(effectiveSettings('salesforce', {})).toMatchObject({ batchSize: 200, idProperty: 'LeadBooth_Id__c', apiVersion: '62.0' });
  });

  it('never lets a batch exceed what the CRM accepts', () => {
    expect(effectiveSettings('hubspot', { batchSize: 500 }).batchSize).toBe(100);
    expect(effectiveSettings('mautic', { batchSize: 50 }).batchSize).toBe(50);
  });

  it('turns the client-side limit off when asked, and trims a trailing slash', () => {
    const s = effectiveSettings('hubspot', { rateLimit: null, url: 'https://eu1.api.hubapi.com/' });
    expect(s.rateLimit).toBeNull();
    expect(s.url).toBe('https://eu1.api.hubapi.com');
  });

  it('needs the secrets of the chosen authentication', () => {
    expect(requiredSecrets('mautic', effectiveSettings('mautic', {}))).toEqual(['password']);
    expect(requiredSecrets('mautic', effectiveSettings('mautic', { auth: 'oauth2' }))).toEqual(['token']);
    expect(requiredSecrets('webhook', effectiveSettings('webhook', {}))).toEqual(['signingSecret']);
  });
});
