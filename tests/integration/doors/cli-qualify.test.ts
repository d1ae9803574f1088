import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONS, type Question } from '../../../shared/qualify/form';
import { openTestCore, repoRoot, tempDir } from '../../support/temp-core';

const bin = path.join(repoRoot, 'electron/bin/leadbooth.mjs');
let db: string;
let eventId: string;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout.trim().split('\n').at(-1)!),
  };
}

const label = (en: string) => ({ ja: en, en });
/** The default form plus one question of every other kind, so each typed value is exercised. */
const QUESTIONS: Question[] = [
  ...DEFAULT_QUESTIONS,
  { key: 'met_before', kind: 'yesno', required: false, label: label('Met before'), options: [] },
  { key: 'fit', kind: 'scale', required: false, label: label('Fit'), options: [] },
  { key: 'seats', kind: 'number', required: false, label: label('Seats'), options: [] },
  { key: 'memo', kind: 'text', required: false, label: label('Memo'), options: [] },
];

const leadsOf = (event = eventId) => {
  const list = cli(['leads', 'list', '--event', event, '--json']);
  expect(list.status).toBe(0);
  return JSON.parse(list.stdout) as { id: string; badgeId: string | null }[];
};

beforeAll(async () => {
  db = path.join(tempDir(), 'cli.db');
  eventId = cli(['events', 'create', 'Expo']).stdout.trim();
  // The CLI has no command to build a form or word consent (that is the app's job): set them
  // up through the same core, on the same file, before the child processes run.
  const core = openTestCore({ dbFile: db });
  try {
    await core.call('forms.save', { eventId, questions: QUESTIONS });
    await core.call('consent.save', { eventId, version: 'v1', textJa: '同意します', textEn: 'I agree' });
  } finally {
    core.close();
  }
}, 60_000);

describe('leadbooth capture with qualification', () => {
  it('stores rating, note, every kind of answer and consent, and leads show --json returns them', () => {
    const captured = cli([
      'capture', 'EXPO2026-000001', '--event', eventId, '--staff', '佐藤',
      '--rating', 'hot', '--note', 'デモ希望、来週連絡',
      '--answer', 'follow_up=demo|quote', '--answer', 'timeline=within_3m',
      '--answer', 'met_before=はい', '--answer', 'fit=4', '--answer', 'seats=120', '--answer', 'memo=booth 3',
      '--consent', 'v1',
    ]);
    expect(captured.stderr).toBe('');
    expect(captured.status).toBe(0);
    const lead = captured.json();
    expect(lead).toMatchObject({ badgeId: 'EXPO2026-000001', rating: 'hot', merged: false });

    const shown = cli(['leads', 'show', lead.id, '--json']);
    expect(shown.status).toBe(0);
    const full = shown.json();
    expect(full).toMatchObject({
      id: lead.id,
      rating: 'hot',
      notes: 'デモ希望、来週連絡',
      consent: { version: 'v1', at: expect.any(String) },
      photos: [],
      deletedAt: null,
    });
    const values = Object.fromEntries(Object.entries(full.answers as Record<string, { value: unknown }>).map(([k, a]) => [k, a.value]));
    expect(values).toEqual({ follow_up: ['demo', 'quote'], timeline: 'within_3m', met_before: true, fit: 4, seats: 120, memo: 'booth 3' });
    expect(full.answers.follow_up.choices).toEqual([{ ja: 'デモ', en: 'Demo' }, { ja: '見積', en: 'Quote' }]);
    expect(full.touches.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['scan', 'edit']));

    const listed = leadsOf().find((l) => l.id === lead.id) as unknown as Record<string, unknown>;
    expect(listed).toMatchObject({ notes: 'デモ希望、来週連絡', consent: { version: 'v1' }, photos: [] });
    expect(Object.keys(listed.answers as object).sort()).toEqual(['fit', 'follow_up', 'memo', 'met_before', 'seats', 'timeline']);

    const readable = cli(['leads', 'show', lead.id]);
    expect(readable.stdout).toContain('Demo, Quote');
    expect(readable.stdout).toContain('version v1');
  }, 60_000);

  it('lists a lead’s photos in leads show and leads list', async () => {
    const id = cli(['capture', 'EXPO2026-000050', '--event', eventId]).json().id as string;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    const core = openTestCore({ dbFile: db });
    let photo;
    try {
      photo = await core.call('photos.add', { leadId: id, file: png.toString('base64'), mime: 'image/png' });
    } finally {
      core.close();
    }
    const expected = [{ id: photo.id, leadId: id, hash: photo.hash, mime: 'image/png', bytes: png.length }];
    expect(cli(['leads', 'show', id, '--json']).json().photos).toMatchObject(expected);
    expect((leadsOf().find((l) => l.id === id) as unknown as { photos: unknown }).photos).toMatchObject(expected);
  }, 60_000);

  it('reads yes/no as yes, no, true, false, はい and いいえ', () => {
    const words = [['no', false], ['TRUE', true], ['いいえ', false], ['yes', true]] as const;
    for (const [i, [word, value]] of words.entries()) {
      const payload = `EXPO2026-00010${i}`;
      const out = cli(['capture', payload, '--event', eventId, '--answer', `met_before=${word}`]);
      expect(out.status).toBe(0);
      expect(out.json().answers.met_before.value).toBe(value);
    }
  }, 60_000);

  it.each([
    ['an unknown question key', ['--answer', 'colour=red'], 'answer.unknown_question'],
    ['an unknown option', ['--answer', 'timeline=soon'], 'answer.invalid_value'],
    ['one unknown pick among several', ['--answer', 'follow_up=demo|lunch'], 'answer.invalid_value'],
    ['two picks for a single choice', ['--answer', 'timeline=within_3m|within_6m'], 'answer.invalid_value'],
    ['a yes/no that is neither', ['--answer', 'met_before=maybe'], 'answer.invalid_value'],
    ['a scale out of 1–5', ['--answer', 'fit=7'], 'answer.invalid_value'],
    ['a number that is not one', ['--answer', 'seats=many'], 'answer.invalid_value'],
    ['an answer with no value', ['--answer', 'timeline'], 'answer.invalid_value'],
    ['a consent version the event does not have', ['--consent', 'v9'], 'consent.unknown_version'],
    ['a rating that is not hot, warm or cold', ['--rating', 'boiling'], 'api.invalid_input'],
  ])('refuses %s with exit 2 and stores nothing', (_name, flags, code) => {
    const before = leadsOf().length;
    const out = cli(['capture', 'EXPO2026-REFUSED', '--event', eventId, '--rating', 'warm', ...flags]);
    expect(out.status).toBe(2);
    expect(out.json().error.code).toBe(code);
    expect(out.json().error.message).toMatch(/\S/u);
    const after = leadsOf();
    expect(after).toHaveLength(before);
    expect(after.some((l) => l.badgeId === 'EXPO2026-REFUSED')).toBe(false);
  }, 60_000);

  it('a rescan with answers qualifies the same lead', () => {
    const first = cli(['capture', 'EXPO2026-000002', '--event', eventId, '--answer', 'budget=secured']).json();
    const again = cli(['capture', 'EXPO2026-000002', '--event', eventId, '--answer', 'role=decision_maker', '--rating', 'cold']).json();
    expect(again).toMatchObject({ id: first.id, merged: true, rating: 'cold' });
    expect(Object.keys(again.answers).sort()).toEqual(['budget', 'role']);
  }, 60_000);
});

describe('leadbooth forms show', () => {
  it('prints the event’s form as JSON, and as a readable listing', () => {
    const json = cli(['forms', 'show', '--event', eventId, '--json']);
    expect(json.status).toBe(0);
    const form = json.json();
    expect(form).toMatchObject({ eventId, version: 2 });
    expect(form.questions.map((q: Question) => q.key)).toEqual(QUESTIONS.map((q) => q.key));

    const text = cli(['forms', 'show', '--event', eventId]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^timeline\tsingle\t導入時期 \/ Timeline$/mu);
    expect(text.stdout).toMatch(/^ {2}within_3m\t3か月以内 \/ Within 3 months$/mu);
    expect(text.stdout).toMatch(/^met_before\tyesno\t/mu);
  }, 60_000);

  it('answers event.not_found with exit 2 for an unknown event', () => {
    const out = cli(['forms', 'show', '--event', 'missing', '--json']);
    expect(out.status).toBe(2);
    expect(out.json().error.code).toBe('event.not_found');
  }, 60_000);
});

describe('leadbooth leads delete and restore', () => {
  it('a deleted lead leaves the list, keeps its data, and comes back on restore', () => {
    const id = cli(['capture', 'EXPO2026-000003', '--event', eventId, '--note', 'to delete']).json().id as string;

    const deleted = cli(['leads', 'delete', id, '--staff', '佐藤']);
    expect(deleted.status).toBe(0);
    expect(deleted.stdout).toContain(`leads restore ${id}`);
    expect(leadsOf().some((l) => l.id === id)).toBe(false);
    const shown = cli(['leads', 'show', id, '--json']).json();
    expect(shown).toMatchObject({ id, notes: 'to delete', deletedAt: expect.any(String) });
    expect(shown.touches.map((t: { kind: string }) => t.kind)).toContain('delete');

    const restored = cli(['leads', 'restore', id, '--json']);
    expect(restored.status).toBe(0);
    expect(restored.json()).toMatchObject({ id, deletedAt: null, notes: 'to delete', consent: null, photos: [] });
    expect(leadsOf().find((l) => l.id === id)).toMatchObject({ id, notes: 'to delete' });
  }, 60_000);

  it('answers lead.not_found with exit 2 for an unknown id', () => {
    for (const sub of ['show', 'delete', 'restore']) {
      const out = cli(['leads', sub, 'no-such-lead']);
      expect(out.status).toBe(2);
      expect(out.json().error.code).toBe('lead.not_found');
    }
  }, 60_000);
});
