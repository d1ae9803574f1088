import { splitText, unescapeText } from './escapes';

export type Keyed = Map<string, string>;

/**
 * The body of a DoCoMo-style `KEY:value;KEY:value;;` code, which MECARD and BIZCARD share.
 * Values keep their escapes: a MECARD name is split on `,` before it is unescaped. The first
 * non-blank value of a repeated key wins, as the first TEL or EMAIL is the one people list first.
 */
export function readKeyed(body: string): Keyed {
  const fields: Keyed = new Map();
  for (const piece of splitText(body, ';')) {
    const colon = piece.indexOf(':');
    if (colon <= 0) continue;
    const key = piece.slice(0, colon).trim().toUpperCase();
    const value = piece.slice(colon + 1);
    if (value.trim() && !fields.has(key)) fields.set(key, value);
  }
  return fields;
}

export function keyedText(fields: Keyed, key: string): string | undefined {
  const value = fields.get(key);
  return value === undefined ? undefined : unescapeText(value);
}
