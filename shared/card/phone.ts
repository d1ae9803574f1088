import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { repairDigits } from './repair';

export interface CheckedPhone {
  /** National form for a Japanese number (03-1234-5678), international for any other (+1 415 555 0100). */
  value: string;
  valid: boolean;
  mobile: boolean;
}

/**
 * A phone number as printed on a card, checked and formatted by libphonenumber-js with its
 * full metadata (the number ranges of each country, so 03-1234-5678 passes and 03-1234-567
 * does not). Japan is the default country: cards print national numbers without +81.
 * Look-alike letters in the run are digits here (O for 0, l for 1).
 */
export function checkPhone(text: string): CheckedPhone | null {
  const repaired = repairDigits(text).replace(/[^0-9+()\-. ]/gu, '').trim();
  const digits = repaired.replace(/\D/gu, '');
  if (digits.length < 9 || digits.length > 15) return null;
  const parsed = parsePhoneNumberFromString(repaired, 'JP');
  if (!parsed) return { value: repaired, valid: false, mobile: false };
  const valid = parsed.isValid();
  const value = parsed.country === 'JP' || (!parsed.country && parsed.countryCallingCode === '81')
    ? parsed.formatNational()
    : parsed.formatInternational();
  return { value: valid ? value : repaired, valid, mobile: valid && parsed.getType() === 'MOBILE' };
}
