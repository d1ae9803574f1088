import { z } from 'zod';

/** How senior a person's title says they are, highest first; unknown when the title says nothing we can read. */
export const Seniority = z.enum(['executive', 'director', 'manager', 'lead', 'staff', 'unknown']);
export type Seniority = z.infer<typeof Seniority>;

type Level = Exclude<Seniority, 'unknown'>;
/** Neutral words are read (so their letters are not taken for a title) but count for nothing. */
type Reading = Level | 'neutral';

const RANK: Record<Seniority, number> = { executive: 5, director: 4, manager: 3, lead: 2, staff: 1, unknown: 0 };

/*
 * Titles are read as a list of words, left to right, and the highest one wins: 取締役営業本部長
 * is an executive who also heads a division, CEO兼CTO is one person. Each pattern below is tried
 * in order at every position, so a longer or more specific reading (部長代理, 社長室長,
 * "assistant to the CEO") must come before the shorter word inside it (部長, 社長, "ceo"), which
 * it then consumes.
 */
const PATTERNS: [Reading, string][] = [
  // Rooms and boards named after a title are not the title: 社長室 is the president's office.
  ['director', '(?:社長|会長|秘書|役員)室長'],
  ['neutral', '(?:社長|会長|秘書|役員)室|取締役会(?!長)|社長直轄'],
  // Whoever assists or writes for a title holder is not one: 社長秘書, "Assistant to the CEO".
  ['staff', '(?:社長|会長|役員|専務|常務|取締役|部長|本部長|支店長)?秘書'],
  ['staff', '(?:(?:executive|personal|administrative) )?(?:assistant|secretary|aide) to\\b.*'],
  ['staff', '(?:executive|personal|administrative) (?:assistant|secretary)'],
  // In sales an "executive" is a representative, whatever the word suggests.
  ['staff', '(?:account|sales|marketing|business development|customer success|client|media|recruitment|junior) executive'],
  ['staff', 'product owner|プロダクトオーナー'],
  ['lead', 'アシスタントマネー?ジャー?'],

  // Deputies and acting holders: one step below the title, except at the top where a vice
  // president or 副社長 is still an executive and a 副本部長 still heads a division.
  ['executive', '副(?:社長|会長|頭取|理事長|学長|院長)'],
  ['director', '副(?:本部長|事業本部長|事業部長|統括部長|局長|支社長)|(?:本部長|事業部長|統括部長)(?:代理|補佐)'],
  ['manager', '副(?:部長|支店長|工場長|センター長|室長)|(?:部長|支店長|工場長|センター長|室長)(?:代理|補佐)'],
  ['lead', '副(?:課長|所長|店長)|(?:課長|所長|店長)(?:代理|補佐)'],
  ['staff', '(?:係長|主任)(?:代理|補佐)'],
  ['director', '社長補佐|(?:社長|取締役)代理'],

  ['executive', '代表(?:取締役|執行役員?|理事|社員)?|取締役|執行役員|執行役|社長|会長|専務|常務|役員|監査役|理事長|理事|頭取|相談役|経営者|創業者|社主|院長|学長|総長|最高\\S{0,6}責任者|オーナー|ファウンダー|プレジデント|エグゼクティブ(?:ディレクター|オフィサー)'],
  ['director', '研究所長|事業本部長|本部長|事業部長|統括部長|部門長|部長|局長|支社長|支店長|工場長|センター長|室長|ゼネラルマネー?ジャー?|ディレクター|ヘッド'],
  ['manager', '次長|課長|参事|主幹|所長|店長|グループ長|チーム長|(?:シニア)?マネー?ジャー?|責任者'],
  ['lead', '係長|主任|主査|班長|職長|(?:サブ|チーム|グループ)?リーダー|チーフ|スーパーバイザー'],
  ['staff', '担当者?|一般|(?:新入|正|契約|派遣)?社員|職員|従業員|スタッフ|メンバー|インターン|アルバイト|パート(?!ナー)|派遣|嘱託|学生|研修生|見習い|アシスタント|エンジニア|デザイナー|プログラマー?|コンサルタント|アナリスト|研究員|技術者|事務|主事'],

  // English. Words are whole words: "head" is not "headquarters", "cto" is not "doctor".
  ['manager', '\\b(?:assistant vice president|avp|deputy general manager|(?:associate|assistant|deputy) director|deputy head|section chief|division chief)\\b'],
  ['lead', '\\b(?:assistant|deputy|vice) manager\\b'],
  ['executive', '\\b(?:chief [a-z&, ]{0,40}?officer|chief executive|ceo|cto|cfo|coo|cmo|cio|ciso|cdo|cro|cpo|cso|cco|cxo|caio|chro|(?:senior |executive |group )?vice president|svp|evp|vp|president|co ?founder|founder|owner|chair(?:man|woman|person)|board (?:member|director)|member of the board|managing director|executive director|representative director|(?:executive|corporate|representative) officer)\\b'],
  ['executive', '\\b(?:managing |senior |founding |equity )?partner(?=$|[,/&|)(])'],
  ['director', '\\b(?:chief of staff|general manager|gm|director|head(?! office| quarters)(?: of)?)\\b'],
  ['manager', '\\b(?:(?:senior|general) )?(?:manager|mgr)\\b'],
  ['lead', '\\b(?:(?:team|tech|technical|group|project) )?(?:lead(?! generation| gen\\b)|leader)\\b|\\b(?:supervisor|foreman|principal|chief)\\b'],
  ['staff', '\\b(?:intern|trainee|apprentice|student|assistant|associate|staff|member|clerk|representative|rep|specialist|engineer|developer|analyst|consultant|designer|coordinator|administrator|officer|part timer?|employee)\\b'],
];

const SCANNER = new RegExp(PATTERNS.map(([, p]) => `(${p})`).join('|'), 'gu');
const READINGS = PATTERNS.map(([reading]) => reading);

const CJK = '\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}ー';
/** 部　長 and 取締役 営業本部長 are read as written without the spaces. */
const SPACE_IN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'gu');
/** C.E.O. and V.P. are CEO and VP. */
const DOTTED = /\b(?:[a-z]\.){2,}/gu;

function normalizeTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(DOTTED, (m) => m.replaceAll('.', ''))
    .replace(/[-_‐‑–—]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(SPACE_IN_CJK, '')
    .trim();
}

/**
 * Titles repeat: a show's 100,000 leads carry a few thousand distinct ones, and a re-score reads
 * every lead. Remembering recent answers keeps a re-score to a map lookup per lead; the cache
 * is only a memo of a pure function, so it can be dropped at any time.
 */
const MEMO_MAX = 20_000;
const memo = new Map<string, Seniority>();

/** The seniority a title says, in Japanese or English, full- or half-width, compound or not. */
export function seniorityOf(title: string | null | undefined): Seniority {
  if (!title) return 'unknown';
  let level = memo.get(title);
  if (level === undefined) {
    level = readTitle(title);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(title, level);
  }
  return level;
}

function readTitle(title: string): Seniority {
  const text = normalizeTitle(title);
  let best: Seniority = 'unknown';
  for (const match of text.matchAll(SCANNER)) {
    // The one capturing group that took part tells which pattern read the word.
    const reading = READINGS[match.findIndex((group, i) => i > 0 && group !== undefined) - 1]!;
    if (reading !== 'neutral' && RANK[reading] > RANK[best]) {
      best = reading;
      if (best === 'executive') break;
    }
  }
  return best;
}
