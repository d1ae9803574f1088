import type { PersonFields } from '../model';
import { keyedText, readKeyed } from './keyed';

/**
 * `BIZCARD:N:Sean;X:Owen;T:…;C:…;B:…;M:…;E:…;;` without the `BIZCARD:` prefix. Unlike
 * MECARD, N is the given name and X the family name; B (business) beats M (mobile).
 */
export function parseBizcard(body: string): PersonFields {
  const fields = readKeyed(body);
  return {
    givenName: keyedText(fields, 'N'),
    familyName: keyedText(fields, 'X'),
    title: keyedText(fields, 'T'),
    company: keyedText(fields, 'C'),
    phone: keyedText(fields, 'B') ?? keyedText(fields, 'M'),
    email: keyedText(fields, 'E'),
  };
}
