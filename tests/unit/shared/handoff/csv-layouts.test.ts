import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { crmName, layoutRows, SALESFORCE_MISSING, type LayoutContext } from '../../../../shared/handoff/csv-layouts';
import { toCsv } from '../../../../shared/handoff/csv-write';
import type { Lead } from '../../../../shared/model';
import { applyAnswers, type Answers, type AnswersInput } from '../../../../shared/qualify/answers';
import { DEFAULT_QUESTIONS, type Question } from '../../../../shared/qualify/form';

const ctx: LayoutContext = { event: { name: 'Japan IT Week 春 2025', kind: 'tradeshow' }, timeZone: 'Asia/Tokyo' };

const EXTRA_QUESTIONS: Question[] = [
  { key: 'memo', kind: 'text', required: false, label: { ja: 'メモ', en: 'Memo' }, options: [] },
  { key: 'seats', kind: 'number', required: false, label: { ja: '席数', en: 'Seats' }, options: [] },
  { key: 'met_before', kind: 'yesno', required: false, label: { ja: '面識あり', en: 'Met before' }, options: [] },
];

/** Answers as the card stores them. */
function answered(input: AnswersInput, questions: Question[] = DEFAULT_QUESTIONS, version = 1): Answers {
  const applied = applyAnswers(questions, version, {}, input);
  if (!applied.ok) throw new Error(applied.problem.code);
  return applied.answers;
}

function lead(fields: Partial<Lead>): Lead {
  return {
    id: '0196a1b2-0000-7000-8000-000000000001',
    eventId: '0196a1b2-0000-7000-8000-0000000000e1',
    badgeId: null, fullName: null, familyName: null, givenName: null, familyNameKana: null, givenNameKana: null,
    accountId: null, personId: null,
    company: null, companyKey: null, department: null, title: null, email: null, phone: null, url: null,
    sourceFormat: 'vcard', source: 'camera', rawPayload: null, capturedBy: '佐藤',
    capturedAt: '2025-04-09T05:03:12.000Z', updatedAt: '2025-04-09T05:03:12.000Z',
    rating: null, notes: null, status: 'new', walkIn: false, answers: {}, consentVersion: null, consentAt: null, deletedAt: null,
    score: 0, grade: 'D', owner: null, touchCount: 1, readyAt: null, followUpDue: null, statusAt: null, rejectionReason: null,
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
    answers: answered({ memo: '=WEBSERVICE("http://evil.example")', seats: -5 }, EXTRA_QUESTIONS),
    consentVersion: '@v1',
  });

  it.each(['generic', 'hubspot', 'salesforce'] as const)('%s: no data cell starts a formula, answers and consent included', (format) => {
    const rows = readBack(layoutRows(format, [hostile], { ...ctx, questions: EXTRA_QUESTIONS }));
    expect(Object.keys(rows[0]!)).toEqual(expect.arrayContaining(['メモ', '席数']));
    for (const value of Object.values(rows[0]!)) expect(value).not.toMatch(/^[\t\r]|^\s*[=+\-@]/u);
  });
});

describe('answers, notes and consent', () => {
  const form: LayoutContext = { ...ctx, questions: DEFAULT_QUESTIONS };
  // 髙橋 answered two questions of today's form, and one (met_before) of a form since changed.
  const qualified = lead({
    ...takahashi,
    answers: {
      ...answered({ follow_up: ['demo', 'quote'], timeline: 'within_3m' }),
      ...answered({ met_before: true }, EXTRA_QUESTIONS, 2),
    },
    consentVersion: 'v2', consentAt: '2025-04-09T05:04:00.000Z',
  });
  const other = lead({ id: '0196a1b2-0000-7000-8000-000000000002', answers: answered({ seats: 12 }, EXTRA_QUESTIONS) });

  it('has one column per question of the form in its order, then the other questions answered, labelled in Japanese by default', () => {
    const [header] = layoutRows('generic', [qualified, other], form);
    expect(header!.slice(-7)).toEqual(['興味のある製品・サービス', '導入時期', '予算', '決裁への関与', '希望するフォロー', '面識あり', '席数']);
    const [row, second] = readBack(layoutRows('generic', [qualified, other], form));
    expect(row).toMatchObject({ 導入時期: '3か月以内', 希望するフォロー: 'デモ, 見積', 面識あり: 'はい', 予算: '', 席数: '' });
    expect(second).toMatchObject({ 席数: '12', 導入時期: '' });
  });

  it('labels the columns and writes the answers in English when the export asks for it', () => {
    const [row] = readBack(layoutRows('generic', [qualified], { ...form, language: 'en' }));
    expect(row).toMatchObject({ Timeline: 'Within 3 months', 'Follow-up wanted': 'Demo, Quote', 'Met before': 'Yes' });
  });

  it('keeps every column tellable apart when an old question’s label repeats a current one or a fixed column', () => {
    const renamed = lead({ answers: answered({ old_timeline: 'x' }, [{ key: 'old_timeline', kind: 'text', required: false, label: { ja: '導入時期', en: 'Notes' }, options: [] }]) });
    expect(layoutRows('generic', [renamed], form)[0]!.slice(-1)).toEqual(['導入時期 (old_timeline)']);
    expect(layoutRows('generic', [renamed], { ...form, language: 'en' })[0]!.slice(-1)).toEqual(['Notes (old_timeline)']);
  });

  it('without a form, has a column for each question the leads answered', () => {
    expect(layoutRows('generic', [other], ctx)[0]!.slice(-1)).toEqual(['席数']);
    expect(layoutRows('generic', [lead({})], ctx)[0]!.at(-1)).toBe('Updated At (UTC)');
  });

  it('carries the notes and the consent version and time in every layout', () => {
    expect(readBack(layoutRows('generic', [qualified], form))[0]).toMatchObject({
      Notes: takahashi.notes, 'Consent Version': 'v2', 'Consent At (UTC)': '2025-04-09T05:04:00.000Z',
    });
    expect(readBack(layoutRows('hubspot', [qualified], form))[0]).toMatchObject({
      'LeadBooth Notes': takahashi.notes, 'LeadBooth Consent Version': 'v2', 'LeadBooth Consent At': '2025-04-09T05:04:00.000Z',
    });
    expect(readBack(layoutRows('salesforce', [qualified], form))[0]).toMatchObject({
      Description: takahashi.notes, LeadBooth_Consent_Version__c: 'v2', LeadBooth_Consent_At__c: '2025-04-09T05:04:00.000Z',
    });
    expect(readBack(layoutRows('generic', [lead({})], form))[0]).toMatchObject({ 'Consent Version': '', 'Consent At (UTC)': '' });
  });

  it('gives the CRM layouts every answer in one readable cell, in the form’s order, like the connectors send', () => {
    expect(readBack(layoutRows('hubspot', [qualified], form))[0]!['LeadBooth Answers']).toBe('導入時期: 3か月以内\n希望するフォロー: デモ, 見積\n面識あり: はい');
    expect(readBack(layoutRows('salesforce', [qualified], { ...form, language: 'en' }))[0]!.LeadBooth_Answers__c).toBe(
      'Timeline: Within 3 months\nFollow-up wanted: Demo, Quote\nMet before: Yes',
    );
  });
});
