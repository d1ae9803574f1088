const VCARD = /^BEGIN:VCARD(?:\n|$)/iu;

/**
 * What makes two scans "the same payload" when it carries no badge id or email to key a
 * rescan on. The same code reaches us differently by route: a camera hands over the bytes
 * (CRLF in a vCard), a keyboard-wedge scanner types them, so line breaks come back as the
 * Enter it sends, a Japanese IME may make them full-width, and some scanners pad lines with
 * spaces. None of that changes the card, so it is taken out: NFKC, one kind of line break,
 * no trailing spaces on a line, no blank lines or BOM around the code. vCard property names
 * and parameters are case-insensitive (RFC 6350), and writers disagree (`email;type=work` vs
 * `EMAIL;TYPE=WORK`), so in a vCard the part before a line's first colon is upper-cased.
 * Values are left as they are: a different value is a different person.
 */
export function payloadKey(raw: string): string {
  const lines = raw
    .normalize('NFKC')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trimEnd());
  const text = lines.join('\n').trim();
  if (!VCARD.test(text)) return text;
  return text
    .split('\n')
    .map(foldHead)
    .join('\n');
}

/**
 * A folded continuation (leading space or tab) or a quoted-printable soft-broken tail (no
 * colon) is part of a value, and stays as it is.
 */
function foldHead(line: string): string {
  const colon = line.indexOf(':');
  if (colon < 0 || line.startsWith(' ') || line.startsWith('\t')) return line;
  return line.slice(0, colon).toUpperCase() + line.slice(colon);
}
