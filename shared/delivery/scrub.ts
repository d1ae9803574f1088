/**
 * Removes credentials from a text before it is stored, logged or shown: every known secret
 * value, and anything that looks like an Authorization header's credentials, because a CRM's
 * error page or a proxy can echo the request back at us.
 */
export function scrub(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    // Very short values would blank out ordinary words; real tokens are long.
    if (!secret || secret.length < 6) continue;
    out = out.split(secret).join('[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer|Basic|OAuth)\s+[A-Za-z0-9._~+/=-]{8,}/giu, '$1 [redacted]')
    .replace(/\b(access_token|refresh_token|client_secret|password)(["'=:\s]+)[^\s"'&,}]+/giu, '$1$2[redacted]');
}

/** Long CRM answers are cut so one bad batch cannot fill the database with HTML. */
export function clip(text: string, max = 1000): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
