import { en } from './en';
import { ja, type MessageKey } from './ja';

export type { MessageKey } from './ja';

export type Lang = 'ja' | 'en';
export type Params = Record<string, string | number>;

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** The string for `key` in `lang`, with each `{name}` replaced by params.name. */
export function t(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[lang][key], params);
}

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function hasKey(key: string): key is MessageKey {
  return Object.hasOwn(ja, key);
}

/**
 * What a person reads for an error code (`badge.empty` → `error.badge.empty`). A code with
 * no translation yet still tells the user something and shows the code for support.
 */
export function errorText(lang: Lang, code: string, details?: unknown): string {
  const key = `error.${code}`;
  return hasKey(key) ? t(lang, key, detailParams(details)) : t(lang, 'error.generic', { code });
}

/** An error's details as placeholders (`{line: 4}` fills `{line}`); anything else adds none. */
function detailParams(details: unknown): Params | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const params: Params = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  }
  return params;
}

/** The language to show: the user's choice, else Japanese on a Japanese system, else English. */
export function resolveLang(chosen: Lang | null | undefined, systemLanguage: string | undefined): Lang {
  if (chosen) return chosen;
  return systemLanguage?.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}
