import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { crmName, layoutRows, SALESFORCE_MISSING, type LayoutContext } from '../../../../shared/handoff/csv-layouts';
import { toCsv } from '../../../../shared/handoff/csv-write';
import type { Lead } from '../../../../shared/model';

const ctx: LayoutContext = { event: { name: 'Japan IT Week 春 2025', kind: 'tradeshow' }, timeZone: 'Asia/Tokyo' };

function lead(fields: Partial<Lead>): Lead {
  return {
    id: '0196a1b2-0000-7000-8000-000000000001',
    eventId: '0196a1b2-0000-7000-8000-0000000000e1',
    badgeId: null, fullName: null, familyName: null, givenName: null, familyNameKana: null, givenNameKana: null,
    company: null, companyKey: null, department: null, title: null, email: null, phone: null, url: null,
    sourceFormat: 'vcard', source: 'camera', rawPayload: null, capturedBy: '佐藤',
    capturedAt: '2025-04-09T05:03:12.000Z', updatedAt: '2025-04-09T05:03:12.000Z',
    rating: null, notes: null, status: 'new', walkIn: false, answers: {}, consentVersion: null, consentAt: null, deletedAt: null,
    ...fields,
  };
}

const takahashi = lead({
  badgeId: 'JITW-100234',
  fullName: '髙橋 一郎', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ',
  company: '株式会社サンプル', department: '情報システム部', title: '部長', email: 'ichiro.takahashi@sample.co.jp',
  phone: '+81-3-1234-5678', rating: 'hot', notes: '来月に見積り依頼。\n"至急"とのこと, 要フォロー',
});

/** Reads the CSV back as a spreadsheet would, one object per data row keyed by header. */
function readBack(rows: ReturnType<typeof layoutRows>): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(toCsv(rows), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('the generic layout', () => {
  it('carries every useful field, kana and the capture time in UTC and local time', () => {
    const [row] = readBack(layoutRows('generic', [takahashi], ctx));
    expect(row).toMatchObject({
      'LeadBooth ID': takahashi.id,
      Event: 'Japan IT Week 春 2025',
      'Captured At (UTC)': '2025-04-09T05:03:12.000Z',
      'Captured At (Local)': '2025-04-09 14:03:12',
      'Captured By': '佐藤',
      'Badge ID': 'JITW-100234',
      'Full Name': '髙橋 一郎',
      'Family Name Kana': 'タカハシ',
      'Given Name Kana': 'イチロウ',
      Company: '株式会社サンプル',
      Phone: "'+81-3-1234-5678",
      Rating: 'hot',
      Status: 'new',
      Notes: '来月に見積り依頼。\n"至急"とのこと, 要フォロー',
    });
  });
});

describe('the HubSpot layout', () => {
  it('uses the labels HubSpot maps by itself, then the LeadBooth and kana columns', () => {
    const [header] = layoutRows('hubspot', [], ctx);
    expect(header?.slice(0, 6)).toEqual(['First Name', 'Last Name', 'Email', 'Company Name', 'Job Title', 'Phone Number']);
    expect(header).toEqual(expect.arrayContaining(['LeadBooth ID', 'Last Name Kana', 'First Name Kana']));
  });

  it('puts the family name in Last Name and the given name in First Name', () => {
    const [row] = readBack(layoutRows('hubspot', [takahashi], ctx));
    expect(row).toMatchObject({
      'First Name': '一郎', 'Last Name': '髙橋', 'Company Name': '株式会社サンプル', 'Job Title': '部長',
      'LeadBooth ID': takahashi.id, 'Last Name Kana': 'タカハシ', 'LeadBooth Rating': 'Hot',
    });
  });
});

describe('the Salesforce layout', () => {
  it('has the Data Import Wizard columns and the external id', () => {
    const [header] = layoutRows('salesforce', [], ctx);
    expect(header).toEqual(expect.arrayContaining([
      'First Name', 'Last Name', 'Company', 'Title', 'Email', 'Phone', 'Lead Source', 'LeadBooth_Id__c',
    ]));
  });

  it.each([
    ['a full name only', lead({ fullName: '山田太郎', company: '(株)テスト' }), '山田太郎', '(株)テスト'],
    ['an email only', lead({ email: 'info@example.jp' }), 'info@example.jp', SALESFORCE_MISSING],
    ['a badge id only', lead({ badgeId: 'B-1' }), 'B-1', SALESFORCE_MISSING],
    ['nothing', lead({}), SALESFORCE_MISSING, SALESFORCE_MISSING],
  ])('never leaves Last Name or Company empty (%s)', (_, l, last, company) => {
    const [row] = readBack(layoutRows('salesforce', [l], ctx));
    expect(row?.['Last Name']).toBe(last);
    expect(row?.Company).toBe(company);
  });

  it('names the lead source after the kind of event and the rating as the picklist has it', () => {
    const seminar: LayoutContext = { ...ctx, event: { name: 'DXセミナー', kind: 'seminar' } };
    expect(readBack(layoutRows('salesforce', [takahashi], ctx))[0]).toMatchObject({ 'Lead Source': 'Trade Show', Rating: 'Hot' });
    expect(readBack(layoutRows('salesforce', [takahashi], seminar))[0]?.['Lead Source']).toBe('Seminar');
  });
});

describe('crmName', () => {
  it.each([
    [{ familyName: '山田', givenName: '太郎', fullName: '山田 太郎' }, { last: '山田', first: '太郎' }],
    [{ fullName: 'Jane Smith' }, { last: 'Jane Smith', first: '' }],
    [{ givenName: 'Taro' }, { last: 'Taro', first: '' }],
    [{}, { last: '', first: '' }],
  ])('%j → %j', (fields, expected) => {
    expect(crmName(lead(fields))).toEqual(expected);
  });
});

describe('hostile cells in every layout', () => {
  const hostile = lead({
    fullName: '=HYPERLINK("http://evil.example","クリック")', familyName: '@SUM(1+1)*cmd|',
    company: '+81-3-0000-0000', title: '-2+3', email: ' =1+1', notes: '\t=evil', phone: '-123',
  });

  it.each(['generic', 'hubspot', 'salesforce'] as const)('%s: no data cell starts a formula', (format) => {
    const rows = readBack(layoutRows(format, [hostile], ctx));
    for (const value of Object.values(rows[0]!)) expect(value).not.toMatch(/^[\t\r]|^\s*[=+\-@]/u);
  });
});
