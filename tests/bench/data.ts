import iconv from 'iconv-lite';

/** Real-looking Japanese attendees, deterministic so runs compare. */
const FAMILY = ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '髙橋', '林', '森'];
const FAMILY_KANA = ['ヤマダ', 'サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ', 'ヤマモト', 'タカハシ', 'ハヤシ', 'モリ'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽子', '翔', '彩', '大輔', '真由美'];
const GIVEN_KANA = ['タロウ', 'ハナコ', 'イチロウ', 'ミサキ', 'ケンタ', 'ヨウコ', 'ショウ', 'アヤ', 'ダイスケ', 'マユミ'];
const COMPANY = ['株式会社サンプル', 'サンプル商事株式会社', '東京テクノロジー株式会社', '(株)大阪システムズ', '合同会社みらい', 'Acme Japan K.K.', '日本データ株式会社'];
const DEPT = ['営業部', 'マーケティング部', '情報システム部', '経営企画室', 'DX推進部'];
const TITLE = ['部長', '課長', '主任', '担当', 'マネージャー'];

export function person(i: number) {
  const f = i % FAMILY.length;
  const g = Math.floor(i / FAMILY.length) % GIVEN.length;
  return {
    badgeId: `EXPO2026-${String(i).padStart(6, '0')}`,
    family: FAMILY[f]!, given: GIVEN[g]!, familyKana: FAMILY_KANA[f]!, givenKana: GIVEN_KANA[g]!,
    company: `${COMPANY[i % COMPANY.length]!}${i % 97}`,
    department: DEPT[i % DEPT.length]!, title: TITLE[i % TITLE.length]!,
    email: `user${i}@example${i % 997}.co.jp`, phone: `03-${String(1000 + (i % 9000))}-${String(i % 10000).padStart(4, '0')}`,
  };
}

export function vcard(i: number): string {
  const p = person(i);
  return [
    'BEGIN:VCARD', 'VERSION:3.0', `N:${p.family};${p.given};;;`, `FN:${p.family} ${p.given}`,
    `X-PHONETIC-LAST-NAME:${p.familyKana}`, `X-PHONETIC-FIRST-NAME:${p.givenKana}`,
    `ORG:${p.company};${p.department}`, `TITLE:${p.title}`, `EMAIL:${p.email}`, `TEL;TYPE=WORK:${p.phone}`,
    `X-BADGE-ID:${p.badgeId}`, 'END:VCARD',
  ].join('\r\n');
}

/** An organizer's roster as they send it: Shift_JIS, Japanese headers, a quoted field now and then. */
export function rosterSjis(rows: number): Buffer {
  const lines = ['来場者ID,氏名,フリガナ,会社名,部署名,役職,メールアドレス,電話番号'];
  for (let i = 0; i < rows; i++) {
    const p = person(i);
    const company = i % 50 === 0 ? `"${p.company}, 本社"` : p.company;
    lines.push(`${p.badgeId},${p.family} ${p.given},${p.familyKana} ${p.givenKana},${company},${p.department},${p.title},${p.email},${p.phone}`);
  }
  return iconv.encode(`${lines.join('\r\n')}\r\n`, 'cp932');
}
