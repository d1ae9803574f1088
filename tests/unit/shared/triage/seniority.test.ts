import { describe, expect, it } from 'vitest';
import { Seniority, seniorityOf } from '../../../../shared/triage/seniority';

/** Titles as they appear on Japanese and English badges and business cards. */
const TITLES: [string, Seniority][] = [
  // Executives: the board, officers, CxO, owners.
  ['代表取締役社長', 'executive'],
  ['代表取締役', 'executive'],
  ['代表取締役社長 兼 CEO', 'executive'],
  ['取締役', 'executive'],
  ['取締役営業本部長', 'executive'],
  ['常務取締役', 'executive'],
  ['専務執行役員', 'executive'],
  ['執行役員 CTO', 'executive'],
  ['執行役員ＣＴＯ', 'executive'],
  ['取締役会長', 'executive'],
  ['副社長', 'executive'],
  ['代表理事', 'executive'],
  ['監査役', 'executive'],
  ['担当役員', 'executive'],
  ['最高技術責任者', 'executive'],
  ['院長', 'executive'],
  ['ＣＥＯ', 'executive'],
  ['ｃｆｏ', 'executive'],
  ['C.E.O.', 'executive'],
  ['CISO', 'executive'],
  ['Chief Marketing Officer', 'executive'],
  ['Chief Information Security Officer', 'executive'],
  ['VP of Sales', 'executive'],
  ['Vice President, Engineering', 'executive'],
  ['Senior Vice-President', 'executive'],
  ['SVP Marketing', 'executive'],
  ['President', 'executive'],
  ['Representative Director and President', 'executive'],
  ['Managing Director', 'executive'],
  ['Co-Founder & CEO', 'executive'],
  ['Founder', 'executive'],
  ['Owner', 'executive'],
  ['Managing Partner', 'executive'],
  ['Executive Officer, Head of R&D', 'executive'],

  // Directors: division and department heads.
  ['本部長', 'director'],
  ['営業本部長', 'director'],
  ['副本部長', 'director'],
  ['本部長代理', 'director'],
  ['部長', 'director'],
  ['部　長', 'director'],
  ['営業部 部長', 'director'],
  ['事業部長', 'director'],
  ['担当部長', 'director'],
  ['部長代行', 'director'],
  ['支店長', 'director'],
  ['工場長', 'director'],
  ['社長室長', 'director'],
  ['ゼネラルマネージャー', 'director'],
  ['ｱｰﾄﾃﾞｨﾚｸﾀｰ', 'director'],
  ['Director', 'director'],
  ['Director of Marketing', 'director'],
  ['Art Director', 'director'],
  ['Head of Marketing', 'director'],
  ['Marketing Head', 'director'],
  ['General Manager', 'director'],
  ['Chief of Staff', 'director'],

  // Managers.
  ['部長代理', 'manager'],
  ['営業部部長補佐', 'manager'],
  ['副部長', 'manager'],
  ['次長', 'manager'],
  ['課長', 'manager'],
  ['担当課長', 'manager'],
  ['社長室 課長', 'manager'],
  ['グループ長', 'manager'],
  ['マネージャー', 'manager'],
  ['ﾏﾈｰｼﾞｬｰ', 'manager'],
  ['シニアマネジャー', 'manager'],
  ['プロダクトマネージャー', 'manager'],
  ['営業所長', 'manager'],
  ['店長', 'manager'],
  ['Manager', 'manager'],
  ['Senior Manager', 'manager'],
  ['Product Manager', 'manager'],
  ['IT Manager', 'manager'],
  ['Head Office Manager', 'manager'],
  ['Associate Director', 'manager'],
  ['Deputy General Manager', 'manager'],
  ['Assistant Vice President', 'manager'],
  ['Partner Manager', 'manager'],

  // Team leads.
  ['課長補佐', 'lead'],
  ['課長代理', 'lead'],
  ['副課長', 'lead'],
  ['係長', 'lead'],
  ['主任', 'lead'],
  ['主任研究員', 'lead'],
  ['主査', 'lead'],
  ['チームリーダー', 'lead'],
  ['リーダー', 'lead'],
  ['アシスタントマネージャー', 'lead'],
  ['Assistant Manager', 'lead'],
  ['Vice Manager', 'lead'],
  ['Team Lead', 'lead'],
  ['Tech Lead', 'lead'],
  ['Lead Engineer', 'lead'],
  ['Supervisor', 'lead'],

  // Staff: individual contributors and everyone assisting a title holder.
  ['担当', 'staff'],
  ['担当者', 'staff'],
  ['一般', 'staff'],
  ['一般社員', 'staff'],
  ['スタッフ', 'staff'],
  ['インターン', 'staff'],
  ['ｲﾝﾀｰﾝ', 'staff'],
  ['アルバイト', 'staff'],
  ['社長秘書', 'staff'],
  ['研究員', 'staff'],
  ['Staff', 'staff'],
  ['Intern', 'staff'],
  ['Marketing Intern', 'staff'],
  ['Software Engineer', 'staff'],
  ['Sales Representative', 'staff'],
  ['Account Executive', 'staff'],
  ['Senior Account Executive', 'staff'],
  ['Executive Assistant', 'staff'],
  ['Assistant to the CEO', 'staff'],
  ['Executive Assistant to the President', 'staff'],
  ['Lead Generation Specialist', 'staff'],
  ['Product Owner', 'staff'],

  // Nothing we can read.
  ['', 'unknown'],
  ['   ', 'unknown'],
  ['営業部', 'unknown'],
  ['マーケティング', 'unknown'],
  ['Executive', 'unknown'],
  ['Doctor', 'unknown'],
  ['Headquarters', 'unknown'],
];

describe('seniorityOf', () => {
  it.each(TITLES)('reads %j as %s', (title, expected) => {
    expect(seniorityOf(title)).toBe(expected);
  });

  it('has a real-looking table of at least 60 titles in both languages', () => {
    expect(TITLES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(TITLES.map(([, s]) => s))).toEqual(new Set(Seniority.options));
  });

  it('reads no title at all as unknown', () => {
    expect(seniorityOf(null)).toBe('unknown');
    expect(seniorityOf(undefined)).toBe('unknown');
  });

  it('takes the highest level a compound title holds, wherever it stands', () => {
    expect(seniorityOf('営業本部長 兼 取締役')).toBe('executive');
    expect(seniorityOf('課長 兼 係長')).toBe('manager');
    expect(seniorityOf('Director / Team Lead')).toBe('director');
  });

  it('does not mistake case, width or spacing for a different title', () => {
    for (const title of ['ceo', 'CEO', 'ＣＥＯ', ' Ceo ', 'c.e.o.']) expect(seniorityOf(title)).toBe('executive');
    for (const title of ['課長', '課　長', ' 課 長 ']) expect(seniorityOf(title)).toBe('manager');
  });
});
