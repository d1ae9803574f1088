import type { PersonFields } from '../model';
import { splitText, unescapeText } from './escapes';
import { splitKana } from './fields';
import { keyedText, readKeyed } from './keyed';

/** `MECARD:N:佐藤,花子;SOUND:サトウ,ハナコ;TEL:…;EMAIL:…;;` without the `MECARD:` prefix. */
export function parseMecard(body: string): PersonFields {
  const fields = readKeyed(body);
  const person: PersonFields = {
    company: keyedText(fields, 'ORG'),
    title: keyedText(fields, 'TITLE'),
    email: keyedText(fields, 'EMAIL'),
    phone: keyedText(fields, 'TEL'),
    url: keyedText(fields, 'URL'),
  };

  // "佐藤,花子" is family,given; a name with no comma cannot be split safely.
  const name = fields.get('N');
  if (name !== undefined) {
    const [family, given] = splitText(name, ',', 2).map(unescapeText);
    if (given === undefined) person.fullName = family;
    else Object.assign(person, { familyName: family, givenName: given });
  }
  const sound = fields.get('SOUND');
  if (sound !== undefined) {
    [person.familyNameKana, person.givenNameKana] = splitKana(splitText(sound, ',', 2).map(unescapeText));
  }
  return person;
}
