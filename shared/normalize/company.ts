import { cleanText } from './text';

// Legal-form words say nothing about which company it is: 株式会社サンプル, (株)サンプル and
// サンプル株式会社 are one account, as are "Acme, Inc." and "ACME Corporation". They are removed
// wherever they stand: Japanese companies put 株式会社 before or after the name (前株/後株).
const JAPANESE_FORMS = [
  '株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '有限責任事業組合', '一般社団法人', '一般財団法人',
  '公益社団法人', '公益財団法人', '特定非営利活動法人', 'npo法人', '国立研究開発法人', '独立行政法人',
  '国立大学法人', '公立大学法人', '学校法人', '医療法人社団', '医療法人財団', '医療法人', '社会福祉法人',
  '宗教法人', '協同組合', '(株)', '(有)', '(同)', '(資)', '(名)', '(一社)', '(一財)', '(公社)', '(公財)',
  '(社)', '(財)', '(特非)', '(独)', '(学)', '(医)', '(福)', '㈱', '㈲', '㈳', '㈶',
];

// Latin forms as words; between words any run of spaces, dots and commas ("Co.,Ltd", "Co. Ltd.",
// "co ltd" are one form). Each is a whole word: "Incline" keeps its "inc".
const LATIN_FORMS = [
  'co ltd', 'company limited', 'co limited', 'kabushiki kaisha', 'kabushikigaisha', 'godo kaisha', 'yugen kaisha',
  'corporation', 'incorporated', 'corp', 'inc', 'limited', 'ltd', 'l l c', 'llc', 'llp', 'gmbh', 'plc',
  'pte ltd', 'pty ltd', 'k k', 'company',
];
// Short forms that could be part of a name ("Co Co Ichibanya", "AB InBev") only at the end.
const TRAILING_FORMS = ['co', 'kk', 'gk', 'ag', 'sa', 's a', 'bv', 'b v', 'nv', 'n v', 'ab', 'oy', 'spa', 'srl'];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const SEP = '[\\s.,]*';
const latin = (form: string) => form.split(' ').map(escape).join(SEP) + '\\.?';

// Three patterns rather than one: every write derives a company key (a re-score, 100,000 of
// them), and one alternation of all forms with look-arounds on each costs twice as much.
// A latin form is a whole word in ASCII terms: a kanji or kana right before "Inc." still ends it.
const JAPANESE_FORM = new RegExp(JAPANESE_FORMS.map(escape).join('|'), 'gu');
const LATIN_FORM = new RegExp(`(?<![a-z0-9])(?:${LATIN_FORMS.map(latin).join('|')})(?![a-z0-9])`, 'gu');
const TRAILING_FORM = new RegExp(`(?<![a-z0-9])(?:${TRAILING_FORMS.map(latin).join('|')})[\\s.,]*$`, 'u');
const HAS_LATIN = /[a-z]/u;
// Spacing, punctuation and symbols do not tell companies apart (ＡＢＣ・ホールディングス, "A.B.C."). The
// prolonged sound mark ー is a letter (Lm), so カーボン keeps it.
const NOISE = /[\s\p{P}\p{S}]/gu;

function stripForms(text: string): string {
  let out = text.replace(JAPANESE_FORM, ' ');
  if (!HAS_LATIN.test(out)) return out;
  out = out.replace(LATIN_FORM, ' ');
  // "Acme Co. Inc.": the short form ends the name only once the long one is gone.
  return out.replace(TRAILING_FORM, ' ');
}

/** A key for grouping leads by account: legal forms, punctuation, spaces and case removed. */
export function companyKey(company: string | undefined | null): string | undefined {
  const text = cleanText(company)?.toLowerCase();
  if (!text) return undefined;
  const key = stripForms(text).replace(NOISE, '');
  // A name that is only a legal form ("株式会社") still names something: keep it whole.
  return key || text.replace(NOISE, '') || text;
}
