import type { Answer } from '../../../../shared/delivery/results';

/** A CRM answer as the connectors hand it to the classifiers. */
export function answer(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, body, header: (name) => lower[name.toLowerCase()] ?? null };
}

export const sent = (...ids: string[]) => ids.map((leadId) => ({ leadId }));
