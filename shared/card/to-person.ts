import type { PersonFields } from '../model';
import { cleanEmail, cleanKana, cleanPhone, cleanText, cleanUrl } from '../normalize/text';
import { isLow, type CardFieldName, type CardFields } from './reading';

/** The labels of the card lines a lead has no field for, in the language of the notes. */
export interface CardNoteLabels {
  mobile: string;
  fax: string;
  address: string;
  nameLatin: string;
  /** First line of the note, saying the lead came from a card and which fields to check; {fields} is filled. */
  review: string;
}

/**
 * A card's reading as a lead's fields plus a note. The lead has one phone: the office number,
 * else the mobile. Mobile, fax, the postal address and the romaji name go into the note, so
 * nothing printed on the card is lost.
 */
export function cardToPerson(fields: CardFields, labels: CardNoteLabels): { fields: PersonFields; notes: string } {
  const v = (name: CardFieldName) => fields[name]?.value;
  const person: PersonFields = {};
  const set = (key: keyof PersonFields, value: string | undefined) => {
    if (value) person[key] = value;
  };
  set('fullName', cleanText(v('fullName')));
  set('familyName', cleanText(v('familyName')));
  set('givenName', cleanText(v('givenName')));
  set('familyNameKana', cleanKana(v('familyNameKana')));
  set('givenNameKana', cleanKana(v('givenNameKana')));
  set('company', cleanText(v('company')));
  set('department', cleanText(v('department')));
  set('title', cleanText(v('title')));
  set('email', cleanEmail(v('email')));
  set('phone', cleanPhone(v('phone') ?? v('mobile')));
  set('url', cleanUrl(v('url')));

  const low = (Object.keys(fields) as CardFieldName[]).filter((name) => isLow(fields[name]));
  const lines = [labels.review.replace('{fields}', low.join(', ') || '-')];
  const mobile = v('mobile');
  if (mobile && mobile !== person.phone) lines.push(`${labels.mobile}: ${mobile}`);
  if (v('fax')) lines.push(`${labels.fax}: ${v('fax')}`);
  const address = [v('postalCode') ? `〒${v('postalCode')}` : '', v('address') ?? ''].join(' ').trim();
  if (address) lines.push(`${labels.address}: ${address}`);
  if (v('nameLatin') && v('nameLatin') !== person.fullName) lines.push(`${labels.nameLatin}: ${v('nameLatin')}`);
  return { fields: person, notes: lines.join('\n') };
}
