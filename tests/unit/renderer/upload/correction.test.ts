import { describe, expect, it } from 'vitest';
import { correction } from '../../../../renderer/src/upload/correction';

const lead = {
  familyName: '田中', givenName: '花子', fullName: null, familyNameKana: null, givenNameKana: null,
  company: 'テスト工業株式会社', department: null, title: null, email: 'tanaka@example', phone: null, url: null,
};
const form = (overrides: Record<string, string>) => ({
  familyName: '田中', givenName: '花子', fullName: '', familyNameKana: '', givenNameKana: '',
  company: 'テスト工業株式会社', department: '', title: '', email: 'tanaka@example', phone: '', url: '',
  ...overrides,
});

describe('correction', () => {
  it('sends only the fields the person changed', () => {
    expect(correction(lead, form({ email: 'tanaka@example.jp' }))).toEqual({ fields: { email: 'tanaka@example.jp' }, clear: [] });
  });

  it('turns an emptied field into a clear, not an empty value', () => {
    expect(correction(lead, form({ email: '  ' }))).toEqual({ fields: {}, clear: ['email'] });
  });

  it('is null when nothing changed, blanks and surrounding spaces included', () => {
    expect(correction(lead, form({ company: ' テスト工業株式会社 ' }))).toBeNull();
  });

  it('fills a field that was empty', () => {
    expect(correction(lead, form({ title: '部長', department: '営業部' }))).toEqual({
      fields: { department: '営業部', title: '部長' },
      clear: [],
    });
  });
});
