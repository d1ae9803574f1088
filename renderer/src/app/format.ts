import type { Lead } from '../../../shared/model';

/** Formatting for display. Pure apart from the local time zone, which is the point. */

const pad = (n: number) => String(n).padStart(2, '0');

/** "10:42" in local time: how a booth person reads "when". */
export function timeHm(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "2026-11-23 10:42" in local time. */
export function dateTimeHm(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${timeHm(iso)}`;
}

type Named = Pick<Lead, 'fullName' | 'familyName' | 'givenName' | 'familyNameKana' | 'givenNameKana' | 'email' | 'badgeId'>;

/** The name to show, or failing that whatever identifies the person. */
export function displayName(lead: Named): string | null {
  const joined = [lead.familyName, lead.givenName].filter(Boolean).join(' ');
  return lead.fullName || joined || lead.email || lead.badgeId || null;
}

export function displayKana(lead: Named): string | null {
  return [lead.familyNameKana, lead.givenNameKana].filter(Boolean).join(' ') || null;
}

/** "営業部 / 部長" */
export function departmentAndTitle(lead: Pick<Lead, 'department' | 'title'>): string | null {
  return [lead.department, lead.title].filter(Boolean).join(' / ') || null;
}
