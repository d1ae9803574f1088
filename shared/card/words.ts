/**
 * The words Japanese (and English) business cards are read by. Longer words come first in
 * each list so 代表取締役社長 is found before 取締役 and 本部長 before 部長.
 */

const byLength = (words: string[]) => [...words].sort((a, b) => b.length - a.length);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** Legal forms that make a line a company name, wherever they stand (前株 or 後株). */
export const COMPANY_FORMS_JA = byLength([
  '株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '一般社団法人', '一般財団法人', '公益社団法人',
  '公益財団法人', '特定非営利活動法人', 'NPO法人', '独立行政法人', '国立研究開発法人', '国立大学法人', '学校法人',
  '医療法人', '社会福祉法人', '協同組合', '(株)', '(有)', '(同)', '(一社)', '(一財)', '㈱', '㈲',
]);
const COMPANY_FORMS_LATIN = /(?<![A-Za-z])(?:Co\.?,?\s?Ltd\.?|Company,?\s?Limited|Corporation|Corp\.|Inc\.|Incorporated|Limited|Ltd\.|LLC|L\.L\.C\.|K\.K\.|GmbH|Holdings|Kabushiki\s?Kaisha)(?![A-Za-z])/u;
const COMPANY_JA = new RegExp(COMPANY_FORMS_JA.map(escape).join('|'), 'u');

export function hasCompanyForm(text: string): boolean {
  return COMPANY_JA.test(text) || COMPANY_FORMS_LATIN.test(text);
}

/** Titles (役職), longest first. A line ending in one of these names a title, not a department. */
export const TITLES_JA = byLength([
  '代表取締役社長', '代表取締役会長', '代表取締役副社長', '代表取締役専務', '代表取締役', '取締役社長', '取締役副社長',
  '専務取締役', '常務取締役', '取締役', '執行役員', '上席執行役員', '常務執行役員', '代表執行役', '監査役', '会長', '社長',
  '副社長', '専務', '常務', '顧問', '相談役', '理事長', '理事', '本部長', '副本部長', '事業部長', '部長', '副部長', '次長',
  '部長代理', '課長', '課長代理', '係長', '主任', '主査', '主事', '室長', 'センター長', '所長', '支店長', '支社長', '営業所長',
  '工場長', 'グループ長', 'グループリーダー', 'チームリーダー', 'リーダー', 'マネージャー', 'マネジャー', 'シニアマネージャー',
  'ゼネラルマネージャー', 'チーフ', 'ディレクター', 'プロデューサー', 'エンジニア', 'コンサルタント', 'スペシャリスト', 'アナリスト',
  'デザイナー', 'プランナー', '研究員', '主任研究員', '担当', '教授', '准教授', '講師', '助教', '院長', '代表', 'CEO', 'CTO', 'CFO', 'COO',
]);
const TITLES_EN = /\b(?:President|Vice President|VP|CEO|CTO|CFO|COO|CIO|CMO|Chairman|Director|Managing Director|General Manager|Manager|Senior Manager|Head|Chief\s+\w+|Lead|Leader|Engineer|Senior Engineer|Consultant|Specialist|Analyst|Designer|Officer|Representative|Executive|Partner|Founder|Co-Founder|Professor|Researcher|Architect|Developer|Coordinator|Supervisor|Associate|Assistant)\b/iu;

/** Department words (部署): a part that ends in one of these is a department. */
const DEPARTMENT_JA = /(?:本部|事業部|部|課|室|局|グループ|チーム|センター|支店|支社|営業所|工場|研究所|事業所|オフィス|ユニット|ディビジョン)$/u;
const DEPARTMENT_EN = /\b(?:Dept\.?|Department|Division|Div\.|Group|Team|Office|Section|Unit|Center|Centre|Headquarters|HQ|Laboratory|Lab)\b/iu;

export const isDepartment = (part: string) => DEPARTMENT_JA.test(part) || DEPARTMENT_EN.test(part);
export const isEnglishTitle = (part: string) => TITLES_EN.test(part);

/** The title word a text ends with (部長 in 営業部 部長), or undefined. */
export function trailingTitle(text: string): string | undefined {
  return TITLES_JA.find((title) => text.endsWith(title));
}

/** The title word a text starts with followed by a space (部長 山田太郎), or undefined. */
export function leadingTitle(text: string): string | undefined {
  return TITLES_JA.find((title) => text.startsWith(`${title} `));
}

export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];
const PREFECTURE = new RegExp(PREFECTURES.join('|'), 'u');
/** A Japanese address: a prefecture, or a city/ward followed by a block number. */
const ADDRESS_JA = /[都道府県市区町村郡].*[0-9０-９一二三四五六七八九十丁目番地号]/u;
const ADDRESS_EN = /\b(?:Tokyo|Osaka|Kyoto|Yokohama|Nagoya|Fukuoka|Sapporo|Kobe|Japan|[A-Z][a-z]+-(?:ku|shi|cho|machi|gun))\b/u;
/** A building or floor line that continues an address (丸の内ビル 5F). */
const ADDRESS_CONTINUES = /(?:ビル|ビルディング|タワー|センター|会館|プラザ|階|[0-9]+F|Bldg\.?|Building|Tower|Floor)/u;

export const hasPrefecture = (text: string) => PREFECTURE.test(text);
export const looksLikeAddress = (text: string) => PREFECTURE.test(text) || ADDRESS_JA.test(text) || ADDRESS_EN.test(text);
export const continuesAddress = (text: string) => ADDRESS_CONTINUES.test(text);
