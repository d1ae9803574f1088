import fs from 'node:fs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Output } from '../../../shared/api';
import { badge, openDevice, tempDir, type Device } from './device';

let dir: string;
let booth: Device;
let eventId: string;
const ids: Record<string, string> = {};

const T = (hhmm: string) => `2025-04-09T${hhmm}:00.000Z`;

beforeEach(async () => {
  dir = tempDir();
  booth = openDevice(dir, 'booth');
  booth.at(T('00:00'));
  eventId = (await booth.call('events.create', { name: 'Japan IT Week 春 2025' })).id;
  const people: [string, string, string][] = [
    ['takahashi', T('01:00'), badge({ badgeId: 'JITW-1', familyName: '髙橋', givenName: '一郎', familyNameKana: 'タカハシ', givenNameKana: 'イチロウ', company: '株式会社サンプル', title: '部長', email: 'ichiro@sample.co.jp', phone: '+81-3-1234-5678' })],
    ['hostile', T('02:00'), badge({ badgeId: 'JITW-2', fullName: '=HYPERLINK("http://evil.example","詳細")', company: '@SUM(A1:A9)', phone: '-123' })],
    ['yamada', T('03:00'), 'MECARD:N:山田,太郎;SOUND:ヤマダ,タロウ;ORG:サンプル商事株式会社;EMAIL:taro@example.jp;;'],
  ];
  for (const [key, at, payload] of people) {
    booth.at(at);
    ids[key] = (await booth.call('capture.scan', { eventId, payload, staff: '佐藤' })).lead.id;
  }
  await booth.call('leads.rate', { id: ids.takahashi!, rating: 'hot' });
  // No procedure edits notes yet; the test writes them as the edit screen will.
  booth.core.database.sqlite
    .prepare('UPDATE leads SET notes = ? WHERE id = ?')
    .run('①来月に見積り、㈱サンプル本社へ。\n"至急", 10:00〜12:00 訪問可。𠮷野家の件😀', ids.takahashi);
});
afterEach(() => {
  booth.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (file: Output<'export.csv'>) => Buffer.from(file.base64, 'base64');

function rows(text: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('export.csv', () => {
  it('writes UTF-8 with a BOM and CRLF line ends by default, in capture order', async () => {
    const file = await booth.call('export.csv', { eventId, format: 'generic', timeZone: 'Asia/Tokyo' });
    const bytes = bytesOf(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toMatch(/^LeadBooth ID,Event,/u);
    expect(file).toMatchObject({ rows: 3, encoding: 'utf8', replaced: 0, mime: 'text/csv; charset=utf-8' });
    expect(file.fileName).toMatch(/^Japan_IT_Week_春_2025-generic-\d{8}-\d{4}\.csv$/u);
    const data = rows(text);
    expect(data.map((r) => r['LeadBooth ID'])).toEqual([ids.takahashi, ids.hostile, ids.yamada]);
    expect(data[0]).toMatchObject({ 'Captured At (Local)': '2025-04-09 10:00:00', 'Family Name Kana': 'タカハシ', Rating: 'hot' });
  });

  it('neutralizes formulas and the phone numbers a spreadsheet would compute', async () => {
    const file = await booth.call('export.csv', { eventId, format: 'hubspot' });
    const hostile = rows(bytesOf(file).subarray(3).toString('utf8'))[1]!;
    expect(hostile['Last Name']).toBe(`'=HYPERLINK("http://evil.example","詳細")`);
    expect(hostile['Company Name']).toBe("'@SUM(A1:A9)");
    expect(hostile['Phone Number']).toBe("'-123");
  });

  it('exports only the selection, and only what the search finds', async () => {
    const picked = await booth.call('export.csv', { eventId, format: 'salesforce', leadIds: [ids.yamada!, ids.takahashi!] });
    expect(rows(bytesOf(picked).subarray(3).toString('utf8')).map((r) => r.LeadBooth_Id__c)).toEqual([ids.takahashi, ids.yamada]);
    // 2 characters go through LIKE, 3+ through the trigram index: both paths.
    for (const query of ['髙橋', 'サンプル']) {
      const found = await booth.call('export.csv', { eventId, format: 'generic', query, leadIds: [ids.takahashi!, ids.hostile!] });
      expect(found.rows, query).toBe(1);
    }
    const none = await booth.call('export.csv', { eventId, format: 'generic', leadIds: [] });
    expect(none.rows).toBe(0);
  });

  it('writes CP932 for older Excel: 髙, ① and ㈱ survive, 〜 becomes ～, what CP932 lacks becomes ? and is counted', async () => {
    const file = await booth.call('export.csv', { eventId, format: 'generic', encoding: 'cp932' });
    expect(file).toMatchObject({ encoding: 'cp932', replaced: 2, mime: 'text/csv; charset=Windows-31J' });
    const bytes = bytesOf(file);
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const takahashi = rows(iconv.decode(bytes, 'cp932'))[0]!;
    expect(takahashi['Family Name']).toBe('髙橋');
    expect(takahashi.Company).toBe('株式会社サンプル');
    expect(takahashi.Notes).toBe('①来月に見積り、㈱サンプル本社へ。\n"至急", 10:00～12:00 訪問可。?野家の件?');
  });

  describe('answers, notes and consent', () => {
    beforeEach(async () => {
      await booth.call('consent.save', { eventId, version: 'v1', textJa: '個人情報の取り扱いに同意します。', textEn: 'I agree to the handling of my personal data.' });
      booth.at(T('04:00'));
      await booth.call('leads.update', {
        id: ids.takahashi!, answers: { timeline: 'within_3m', follow_up: ['demo', 'quote'], role: 'decision_maker' }, consent: { version: 'v1' }, staff: '佐藤',
      });
      // A question added after the first leads were answered: its column comes in the form's place.
      await booth.call('forms.save', { eventId, questions: [...(await booth.call('forms.get', { eventId })).questions, { key: 'seats', kind: 'number', label: { ja: '検討席数', en: 'Seats' } }] });
      await booth.call('leads.update', { id: ids.yamada!, answers: { seats: -20, budget: 'requested' } });
    });

    const formHeaders = {
      ja: ['興味のある製品・サービス', '導入時期', '予算', '決裁への関与', '希望するフォロー', '検討席数'],
      en: ['Products or services of interest', 'Timeline', 'Budget', 'Role in the decision', 'Follow-up wanted', 'Seats'],
    };

    it('has one column per question, labelled in Japanese unless the export or the UI language says English', async () => {
      const ja = bytesOf(await booth.call('export.csv', { eventId, format: 'generic' })).subarray(3).toString('utf8');
      expect(ja.split('\r\n')[0]!.split(',').slice(-6)).toEqual(formHeaders.ja);
      const [takahashi, hostile, yamada] = rows(ja);
      expect(takahashi).toMatchObject({ 導入時期: '3か月以内', 希望するフォロー: 'デモ, 見積', 決裁への関与: '決裁者', 予算: '', 'Consent Version': 'v1', 'Consent At (UTC)': T('04:00') });
      expect(takahashi!.Notes).toContain('①来月に見積り');
      expect(hostile).toMatchObject({ 導入時期: '', 'Consent Version': '', 'Consent At (UTC)': '' });
      // A negative number would be arithmetic in a spreadsheet: neutralized like any cell.
      expect(yamada).toMatchObject({ 予算: '申請中', 検討席数: "'-20" });

      const en = rows(bytesOf(await booth.call('export.csv', { eventId, format: 'generic', language: 'en' })).subarray(3).toString('utf8'));
      expect(Object.keys(en[0]!).slice(-6)).toEqual(formHeaders.en);
      expect(en[0]).toMatchObject({ Timeline: 'Within 3 months', 'Follow-up wanted': 'Demo, Quote', 'Role in the decision': 'Decision maker' });

      await booth.call('settings.update', { language: 'en' });
      const byUi = rows(bytesOf(await booth.call('export.csv', { eventId, format: 'generic' })).subarray(3).toString('utf8'));
      expect(byUi[0]).toMatchObject({ Timeline: 'Within 3 months' });
    });

    it('writes the answers in CP932 too', async () => {
      const file = await booth.call('export.csv', { eventId, format: 'generic', encoding: 'cp932', language: 'ja' });
      const [takahashi] = rows(iconv.decode(bytesOf(file), 'cp932'));
      expect(takahashi).toMatchObject({ 導入時期: '3か月以内', 希望するフォロー: 'デモ, 見積', 決裁への関与: '決裁者' });
    });

    it('gives the CRM layouts the answers as one readable cell, and the consent', async () => {
      const [hubspot] = rows(bytesOf(await booth.call('export.csv', { eventId, format: 'hubspot' })).subarray(3).toString('utf8'));
      expect(hubspot).toMatchObject({ 'LeadBooth Answers': '導入時期: 3か月以内\n決裁への関与: 決裁者\n希望するフォロー: デモ, 見積', 'LeadBooth Consent Version': 'v1' });
      const [salesforce] = rows(bytesOf(await booth.call('export.csv', { eventId, format: 'salesforce', language: 'en' })).subarray(3).toString('utf8'));
      expect(salesforce).toMatchObject({ LeadBooth_Answers__c: 'Timeline: Within 3 months\nRole in the decision: Decision maker\nFollow-up wanted: Demo, Quote', LeadBooth_Consent_At__c: T('04:00') });
    });
  });

  it('refuses an unknown format, encoding, time zone or event with a code', async () => {
    expect((await booth.fail('export.csv', { eventId, format: 'excel' as never })).code).toBe('api.invalid_input');
    expect((await booth.fail('export.csv', { eventId, format: 'generic', encoding: 'latin1' as never })).code).toBe('api.invalid_input');
    expect((await booth.fail('export.csv', { eventId, format: 'generic', timeZone: 'Mars/Olympus' })).code).toBe('api.invalid_input');
    expect((await booth.fail('export.csv', { eventId: 'no-such-event', format: 'generic' })).code).toBe('event.not_found');
  });
});
