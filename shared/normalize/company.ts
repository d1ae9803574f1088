import { cleanText } from './text';

// Legal-form words say nothing about which company it is: 株式会社サンプル, (株)サンプル and
// サンプル株式会社 are one account, as are "Acme, Inc." and "ACME Corporation".
const LEGAL_FORMS = [
  '株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '一般社団法人', '一般財団法人',
  '公益社団法人', '公益財団法人', '特定非営利活動法人', 'npo法人', '国立大学法人', '学校法人',
  '医療法人', '社会福祉法人', '(株)', '(有)', '(同)', '㈱', '㈲',
  'co., ltd.', 'co.,ltd.', 'co. ltd.', 'co ltd', 'corporation', 'corp.', 'corp', 'inc.', 'inc',
  'ltd.', 'ltd', 'llc', 'gmbh', 'k.k.', 'kk', 'plc', 'limited', 'company',
];
const LEGAL_FORM_PATTERN = new RegExp(
  LEGAL_FORMS.map((f) => {
    const escaped = f.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
    return /^[a-z]/u.test(f) ? `\\b${escaped}(?=$|[\\s,])` : escaped;
  }).join('|'),
  'gu',
);

/** A key for grouping leads by account: legal forms, punctuation, spaces and case removed. */
export function companyKey(company: string | undefined | null): string | undefined {
  const text = cleanText(company)?.toLowerCase();
  if (!text) return undefined;
  const key = text
    .replace(LEGAL_FORM_PATTERN, ' ')
    .replace(/[\s,.'"・･\-()（）]/gu, '');
  return key || text.replace(/\s/gu, '');
}
