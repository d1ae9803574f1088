import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../../shared/reports/api';
import { chartCsv, chartTables, CHART_IDS, type ChartTable } from '../../../../shared/reports/tables';

const verdict = (sal: number, rejected: number) => ({ sal, rejected, rate: sal + rejected ? sal / (sal + rejected) : null });

const dashboard: Dashboard = {
  eventId: 'ev1',
  timeZone: 'Asia/Tokyo',
  funnel: { captured: 10, qualified: 7, mql: 4, sal: 2, rejected: 1 },
  rejectedByReason: [{ reason: 'no_budget', label: { ja: '予算なし', en: 'No budget' }, people: 1 }],
  capturesByHour: [
    { day: '2026-11-20', hour: 9, captures: 4 },
    { day: '2026-11-20', hour: 11, captures: 2 },
    { day: '2026-11-21', hour: 10, captures: 4 },
  ],
  capturesByStaff: [{ staff: '=HYPERLINK("x")', people: 6 }, { staff: null, people: 4 }],
  interest: [{ option: 'product_a', label: { ja: '製品A', en: 'Product A' }, people: 3 }, { option: 'legacy', label: null, people: 1 }],
  grades: [{ grade: 'A', people: 2 }, { grade: 'B', people: 3 }, { grade: 'C', people: 4 }, { grade: 'D', people: 1 }],
  scoreBands: [0, 1, 2, 3, 4].map((band) => ({ band, from: band * 20, to: band === 4 ? 100 : band * 20 + 19, people: band })),
  seminar: { registered: 20, attended: 12, walkIns: 3 },
  accounts: { reached: 8, targetReached: 2, targets: 5 },
  acceptance: {
    byGrade: [{ grade: 'A', ...verdict(2, 0) }, { grade: 'B', ...verdict(0, 1) }, { grade: 'C', ...verdict(0, 0) }, { grade: 'D', ...verdict(0, 0) }],
    byScoreBand: [{ band: 3, from: 60, to: 79, ...verdict(1, 1) }],
    byAnswer: [
      { question: 'budget', questionLabel: { ja: '予算', en: 'Budget' }, option: 'secured', optionLabel: { ja: '確保済み', en: 'Secured' }, ...verdict(2, 1) },
      { question: 'met', questionLabel: { ja: '面識', en: 'Met before' }, option: 'yes', optionLabel: null, ...verdict(1, 0) },
    ],
    byStaff: [{ staff: '佐藤', ...verdict(2, 1) }],
    byEvent: [{ eventId: 'ev1', name: 'Japan IT Week', ...verdict(2, 1) }],
  },
};

const byId = (tables: ChartTable[], id: string) => tables.find((t) => t.id === id)!;

describe('chart tables', () => {
  const ja = chartTables(dashboard, 'ja');
  const en = chartTables(dashboard, 'en');

  it('makes every chart, in the screen’s order, in both languages', () => {
    expect(ja.map((t) => t.id)).toEqual([...CHART_IDS]);
    expect(byId(ja, 'funnel').title).toContain('ファネル');
    expect(byId(en, 'funnel').title).toContain('Funnel');
  });

  it.each<[string, 'ja' | 'en', unknown[][]]>([
    ['funnel', 'en', [['Captured', 10], ['Qualified', 7], ['MQL', 4], ['SAL', 2]]],
    ['funnel', 'ja', [['獲得', 10], ['評価済み', 7], ['MQL', 4], ['SAL', 2]]],
    ['rejected_reasons', 'ja', [['予算なし', 1]]],
    // Every hour between the first and last, days as columns, 0 where nobody came.
    ['hours', 'ja', [['09時', 4, 0], ['10時', 0, 4], ['11時', 2, 0]]],
    ['staff', 'en', [['=HYPERLINK("x")', 6], ['(no staff name)', 4]]],
    ['interest', 'en', [['Product A', 3], ['legacy', 1]]],
    ['score_bands', 'en', [['0–19', 0], ['20–39', 1], ['40–59', 2], ['60–79', 3], ['80–100', 4]]],
    ['seminar', 'en', [['Registered', 20], ['Attended', 12], ['Walk-ins', 3]]],
    ['accounts', 'ja', [['接触した企業', 8], ['うちターゲット企業', 2], ['ターゲット企業リスト', 5]]],
    // Groups without a verdict are left out; the rate is in %.
    ['acceptance_grade', 'en', [['A', 2, 0, 100], ['B', 0, 1, 0]]],
    ['acceptance_band', 'en', [['60–79', 1, 1, 50]]],
    ['acceptance_answer', 'en', [['Budget: Secured', 2, 1, 66.7], ['Met before: Yes', 1, 0, 100]]],
    ['acceptance_answer', 'ja', [['予算：確保済み', 2, 1, 66.7], ['面識：はい', 1, 0, 100]]],
    ['acceptance_event', 'en', [['Japan IT Week', 2, 1, 66.7]]],
  ])('%s in %s', (id, lang, rows) => {
    expect(byId(lang === 'ja' ? ja : en, id).rows).toEqual(rows);
  });

  it('names the hours chart’s columns by day', () => {
    expect(byId(en, 'hours').columns).toEqual(['Hour', '2026-11-20', '2026-11-21']);
  });
});

describe('a chart’s CSV', () => {
  const csv = chartCsv(byId(chartTables(dashboard, 'en'), 'staff'));

  it('starts with a BOM and ends every record with CRLF', () => {
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('reads back as the table, with a formula neutralized', () => {
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(parsed).toEqual([['Staff', 'People'], ['\'=HYPERLINK("x")', '6'], ['(no staff name)', '4']]);
  });
});
