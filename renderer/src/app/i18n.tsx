import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { errorText, t, type Lang, type MessageKey, type Params } from '../../../shared/i18n';

export interface I18n {
  lang: Lang;
  t(key: MessageKey, params?: Params): string;
  /** The translated text for an error code, with the error's details in its placeholders. */
  error(code: string, details?: unknown): string;
  /** A count as people read it here: 100,000. */
  count(n: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => {
      const numbers = new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US');
      return { lang, t: (key, params) => t(lang, key, params), error: (code, details) => errorText(lang, code, details), count: (n) => numbers.format(n) };
    },
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
