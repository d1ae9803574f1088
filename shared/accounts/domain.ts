import { emailDomain, isFreeMailDomain } from '../triage/free-mail';

/**
 * The registrable corporate domain of an address: the part a company buys, without the mail
 * or department host in front of it (sales.acme.co.jp → acme.co.jp, mail.acme.com → acme.com).
 * A small public-suffix rule rather than the whole list: what booth visitors write is a
 * company's own domain under a generic TLD, a country's second level (co.jp, co.uk, com.au)
 * or a Japanese geographic name (city.shibuya.tokyo.jp).
 */

/** Second-level labels that countries hand out under their code (co.jp, or.jp, co.uk, com.au …). */
const SECOND_LEVELS: ReadonlySet<string> = new Set([
  // Japan (JPRS): 属性型 JP domains.
  'co', 'or', 'ne', 'ac', 'ad', 'ed', 'go', 'gr', 'lg',
  // Elsewhere: the usual generic second levels, and the UK's own.
  'com', 'net', 'org', 'edu', 'gov', 'mil', 'biz', 'info', 'ltd', 'plc', 'me', 'nhs', 'police', 'sch', 'gob',
]);

/** Japanese prefectures: their geographic domains give cities a third level (city.shibuya.tokyo.jp). */
const PREFECTURES: ReadonlySet<string> = new Set([
  'hokkaido', 'aomori', 'iwate', 'miyagi', 'akita', 'yamagata', 'fukushima', 'ibaraki', 'tochigi', 'gunma',
  'saitama', 'chiba', 'tokyo', 'kanagawa', 'niigata', 'toyama', 'ishikawa', 'fukui', 'yamanashi', 'nagano',
  'gifu', 'shizuoka', 'aichi', 'mie', 'shiga', 'kyoto', 'osaka', 'hyogo', 'nara', 'wakayama', 'tottori',
  'shimane', 'okayama', 'hiroshima', 'yamaguchi', 'tokushima', 'kagawa', 'ehime', 'kochi', 'fukuoka', 'saga',
  'nagasaki', 'kumamoto', 'oita', 'miyazaki', 'kagoshima', 'okinawa',
]);

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/u;

/** The registrable domain of a host name, or undefined when it is not a usable domain. */
export function registrableDomain(host: string): string | undefined {
  const labels = host.toLowerCase().replace(/\.$/u, '').split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l) || l.startsWith('xn--'))) return undefined;
  const tld = labels[labels.length - 1]!;
  if (!/^[a-z]{2,}$/u.test(tld) && !tld.startsWith('xn--')) return undefined;
  let size = 2;
  const second = labels[labels.length - 2]!;
  if (tld.length === 2 && SECOND_LEVELS.has(second)) size = 3;
  else if (tld === 'jp' && PREFECTURES.has(second)) size = 4;
  if (labels.length < size) return undefined;
  return labels.slice(-size).join('.');
}

/**
 * The corporate domain an address says the person works for, or null: free-mail, carrier and
 * consumer-provider addresses (shared/triage/free-mail.ts) never name a company.
 */
export function corporateDomain(email: string | null | undefined): string | null {
  const domain = emailDomain(email);
  if (domain === undefined || isFreeMailDomain(domain)) return null;
  const registrable = registrableDomain(domain);
  if (registrable === undefined || isFreeMailDomain(registrable)) return null;
  return registrable;
}

/** A domain as a target list writes it: a bare domain, a URL or an address (https://www.acme.co.jp/ → acme.co.jp). */
export function domainOf(text: string | null | undefined): string | null {
  const value = text?.normalize('NFKC').trim().toLowerCase();
  if (!value) return null;
  if (value.includes('@')) return corporateDomain(value);
  const host = value.replace(/^[a-z][a-z0-9+.-]*:\/\//u, '').replace(/[/?#:].*$/u, '');
  const registrable = registrableDomain(host);
  return registrable === undefined || isFreeMailDomain(registrable) ? null : registrable;
}
