import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../../shared/i18n/en';
import { errorText, resolveLang, t } from '../../../../shared/i18n';
import { ja } from '../../../../shared/i18n/ja';
import { RejectCode } from '../../../../shared/roster/rows';

const root = path.resolve(__dirname, '../../../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'i18n' ? [] : sourceFiles(full);
    return /\.(ts|tsx|mts)$/u.test(entry.name) ? [full] : [];
  });
}

/**
 * Every error code the core can send: the first argument of `new AppError(…)` and of the
 * helpers that build coded results (`fail(…)`, `new Rejection(…)`), and `code: '…'` in
 * wire errors written out by hand.
 */
function errorCodesInSources(): Set<string> {
  const code = String.raw`['"${'`'}]([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)['"${'`'}]`;
  const patterns = [
    new RegExp(String.raw`\b(?:AppError|fail|Rejection)\(\s*${code}`, 'gu'),
    new RegExp(String.raw`\bcode:\s*${code}`, 'gu'),
  ];
  const codes = new Set<string>(['internal', ...RejectCode.options]);
  for (const file of [...sourceFiles(path.join(root, 'electron')), ...sourceFiles(path.join(root, 'shared'))]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]!);
  }
  return codes;
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/gu)].map((m) => m[1]).sort();

describe('the UI dictionaries', () => {
  it('have the same keys in Japanese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it('have no empty strings', () => {
    for (const [lang, dict] of Object.entries({ ja, en })) {
      const empty = Object.entries(dict).filter(([, text]) => text.trim() === '').map(([key]) => `${lang}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it('use the same {placeholders} for a key in both languages', () => {
    const differing = Object.keys(ja).filter(
      (key) => placeholders(ja[key as keyof typeof ja]).join() !== placeholders(en[key as keyof typeof en]).join(),
    );
    expect(differing).toEqual([]);
  });

  it('translate every error code the core can send, in both languages', () => {
    const codes = [...errorCodesInSources()];
    // The scan must actually find the codes, or this test would pass on nothing.
    expect(codes).toEqual(expect.arrayContaining(['badge.empty', 'roster.encoding_unknown', 'api.unauthorized', 'event.not_found']));
    const missing = codes.flatMap((code) => [
      ...(Object.hasOwn(ja, `error.${code}`) ? [] : [`ja: error.${code}`]),
      ...(Object.hasOwn(en, `error.${code}`) ? [] : [`en: error.${code}`]),
    ]);
    expect(missing).toEqual([]);
  });
});

describe('t()', () => {
  it('fills {name} placeholders and leaves unknown ones visible', () => {
    expect(t('ja', 'card.merged', { time: '10:42', staff: '佐藤' })).toBe('10:42に佐藤が取得済み');
    expect(t('en', 'card.merged', { time: '10:42', staff: 'Sato' })).toBe('Already captured at 10:42 by Sato');
    expect(t('en', 'card.merged', { time: '10:42' })).toBe('Already captured at 10:42 by {staff}');
  });

  it('translates a known error code and falls back to a generic text with the code', () => {
    expect(errorText('ja', 'badge.empty')).toBe(ja['error.badge.empty']);
    expect(errorText('en', 'no.such_code')).toBe('Something went wrong (no.such_code)');
  });

  it('picks the chosen language, else Japanese on a Japanese system, else English', () => {
    expect(resolveLang('en', 'ja-JP')).toBe('en');
    expect(resolveLang(null, 'ja-JP')).toBe('ja');
    expect(resolveLang(null, 'ja')).toBe('ja');
    expect(resolveLang(null, 'en-US')).toBe('en');
    expect(resolveLang(undefined, undefined)).toBe('en');
  });
});
