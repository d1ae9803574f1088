import { afterEach, describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/qualify/form';
import { DEFAULT_QUESTIONS } from '../../../shared/qualify/form';
import { openTestCore, type TestCore } from '../../support/temp-core';

let core: TestCore;
afterEach(() => core?.close());

async function tradeshow(c: TestCore) {
  return c.call('events.create', { name: '展示会 2026', kind: 'tradeshow' });
}

async function scan(c: TestCore, eventId: string, n: number) {
  const { lead } = await c.call('capture.scan', { eventId, payload: `MECARD:N:来場者${n},テスト;EMAIL:visitor${n}@example.jp;;` });
  return lead;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return (err as { code: string }).code;
  }
  throw new Error('expected a refusal');
}

/** The default form with the edits a marketer makes after the first morning. */
function editedQuestions(): Question[] {
  return DEFAULT_QUESTIONS.filter((q) => q.key !== 'role').map((q) => {
    if (q.key === 'timeline') {
      return {
        ...q,
        label: { ja: '導入予定時期', en: 'Planned timeline' },
        // "within_6m" is gone; "within_3m" is reworded.
        options: [
          { value: 'within_3m', label: { ja: '3か月以内（今期）', en: 'Within 3 months (this quarter)' } },
          { value: 'within_1y', label: { ja: '1年以内', en: 'Within a year' } },
          { value: 'undecided', label: { ja: '未定', en: 'Undecided' } },
        ],
      };
    }
    return q;
  });
}

describe('form versioning', () => {
  it('a new event starts from the default form as version 1, the same on every read', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const first = await core.call('forms.get', { eventId: event.id });
    expect(first.version).toBe(1);
    expect(first.questions).toEqual(DEFAULT_QUESTIONS);
    expect(await core.call('forms.get', { eventId: event.id })).toEqual(first);
    expect(core.database.sqlite.prepare('SELECT count(*) FROM forms WHERE event_id = ?').pluck().get(event.id)).toBe(1);
  });

  it('saving the same questions makes no new version; a change makes the next one', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    expect((await core.call('forms.save', { eventId: event.id, questions: DEFAULT_QUESTIONS })).version).toBe(1);
    expect((await core.call('forms.save', { eventId: event.id, questions: editedQuestions() })).version).toBe(2);
    expect((await core.call('forms.get', { eventId: event.id })).version).toBe(2);
  });

  it('answers given under version 1 keep their value and words after the form is edited; new answers use version 2', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const early = await scan(core, event.id, 1);
    const answered = await core.call('leads.update', {
      id: early.id,
      answers: { timeline: 'within_6m', role: 'decision_maker', follow_up: ['demo', 'quote'] },
    });
    expect(answered.answers.timeline).toEqual({
      value: 'within_6m',
      kind: 'single',
      label: { ja: '導入時期', en: 'Timeline' },
      choices: [{ ja: '6か月以内', en: 'Within 6 months' }],
      formVersion: 1,
    });

    const v2 = await core.call('forms.save', { eventId: event.id, questions: editedQuestions() });
    expect(v2.version).toBe(2);

    // The early lead still says what it said, in the words it was asked: the removed option,
    // the removed question and the old label are all still there.
    const { lead: reread } = await core.call('leads.get', { id: early.id });
    expect(reread.answers).toEqual(answered.answers);
    expect(reread.answers.role).toMatchObject({ value: 'decision_maker', label: { ja: '決裁への関与' }, choices: [{ ja: '決裁者' }], formVersion: 1 });

    // A new answer is checked against and worded by version 2.
    const later = await scan(core, event.id, 2);
    const laterAnswered = await core.call('leads.update', { id: later.id, answers: { timeline: 'within_3m' } });
    expect(laterAnswered.answers.timeline).toEqual({
      value: 'within_3m',
      kind: 'single',
      label: { ja: '導入予定時期', en: 'Planned timeline' },
      choices: [{ ja: '3か月以内（今期）', en: 'Within 3 months (this quarter)' }],
      formVersion: 2,
    });

    // Answering one more question on the early lead leaves its other version-1 answers alone.
    const more = await core.call('leads.update', { id: early.id, answers: { budget: 'secured' } });
    expect(more.answers.budget).toMatchObject({ value: 'secured', formVersion: 2 });
    expect(more.answers.timeline).toEqual(answered.answers.timeline);
    expect(more.answers.role).toEqual(answered.answers.role);
  });

  it('an answer to a question or option version 2 no longer has is refused and changes nothing', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    await core.call('forms.save', { eventId: event.id, questions: editedQuestions() });
    const lead = await scan(core, event.id, 1);
    const before = await core.call('leads.get', { id: lead.id });

    expect(await failure(core.call('leads.update', { id: lead.id, answers: { role: 'decision_maker' } }))).toBe('answer.unknown_question');
    expect(await failure(core.call('leads.update', { id: lead.id, answers: { no_such_question: 'x' } }))).toBe('answer.unknown_question');
    expect(await failure(core.call('leads.update', { id: lead.id, answers: { timeline: 'within_6m' } }))).toBe('answer.invalid_value');
    expect(await failure(core.call('leads.update', { id: lead.id, answers: { follow_up: ['demo', 'fax'] } }))).toBe('answer.invalid_value');
    // One bad answer refuses the whole change: the good one beside it is not stored either.
    expect(await failure(core.call('leads.update', { id: lead.id, answers: { budget: 'secured', timeline: 'within_6m' } }))).toBe('answer.invalid_value');

    const after = await core.call('leads.get', { id: lead.id });
    expect(after.lead.answers).toEqual({});
    expect(after.touches).toEqual(before.touches);
  });

  it('an invalid form is refused at the boundary with the field named', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    const result = await core.raw('forms.save', {
      eventId: event.id,
      questions: [{ key: 'Bad Key', kind: 'single', label: { ja: '質問', en: 'Question' }, options: [] }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('api.invalid_input');
    const paths = (result.error.details as { path: unknown[] }[]).map((i) => i.path);
    expect(paths).toContainEqual(['questions', 0, 'key']);
    expect(paths).toContainEqual(['questions', 0, 'options']);
    expect((await core.call('forms.get', { eventId: event.id })).version).toBe(1);
  });

  it('a form for an event that does not exist is event.not_found', async () => {
    core = openTestCore();
    const missing = '01900000-0000-7000-8000-000000000000';
    expect(await failure(core.call('forms.get', { eventId: missing }))).toBe('event.not_found');
    expect(await failure(core.call('forms.save', { eventId: missing, questions: DEFAULT_QUESTIONS }))).toBe('event.not_found');
  });
});

describe('consent immutability', () => {
  const V1 = { textJa: 'ご提供いただいた個人情報は、製品のご案内に利用します。', textEn: 'We use the personal data you give us to tell you about our products.' };
  const V2 = { textJa: '個人情報は製品のご案内と、グループ会社との共同利用に用います。', textEn: 'We use your personal data for product information and share it within our group.' };

  it('a version a lead agreed to is never reworded; a new version is; the lead keeps its version and time', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    expect(await core.call('consent.get', { eventId: event.id })).toEqual({ current: null, versions: [] });

    const first = await core.call('consent.save', { eventId: event.id, ...V1 });
    expect(first).toMatchObject({ version: '1', ...V1, agreed: 0 });

    // Nobody agreed yet: fixing a typo under the same version is allowed.
    const fixed = await core.call('consent.save', { eventId: event.id, version: '1', ...V1, textEn: `${V1.textEn} ` });
    expect(fixed.version).toBe('1');

    const lead = await scan(core, event.id, 1);
    const agreedAt = core.clock();
    const agreed = await core.call('leads.update', { id: lead.id, consent: { version: '1' } });
    expect(agreed.consentVersion).toBe('1');
    expect(agreed.consentAt).toBe(new Date(agreedAt).toISOString());

    core.clock.advance(60_000);
    expect(await failure(core.call('consent.save', { eventId: event.id, version: '1', ...V2 }))).toBe('consent.version_agreed');

    const second = await core.call('consent.save', { eventId: event.id, ...V2 });
    expect(second).toMatchObject({ version: '2', ...V2, agreed: 0 });

    const { lead: reread } = await core.call('leads.get', { id: lead.id });
    expect(reread.consentVersion).toBe('1');
    expect(reread.consentAt).toBe(new Date(agreedAt).toISOString());

    const all = await core.call('consent.get', { eventId: event.id });
    expect(all.current).toMatchObject({ version: '2', ...V2, agreed: 0 });
    expect(all.versions.map((v) => [v.version, v.textJa, v.textEn, v.agreed])).toEqual([
      ['2', V2.textJa, V2.textEn, 0],
      ['1', V1.textJa, V1.textEn.trim(), 1],
    ]);
  });

  it('agreeing to a version the event does not have is consent.unknown_version', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    await core.call('consent.save', { eventId: event.id, ...V1 });
    const lead = await scan(core, event.id, 1);
    expect(await failure(core.call('leads.update', { id: lead.id, consent: { version: '9' } }))).toBe('consent.unknown_version');
    expect((await core.call('leads.get', { id: lead.id })).lead.consentVersion).toBeNull();
  });

  it('a version agreed to by a lead that was later deleted stays fixed', async () => {
    core = openTestCore();
    const event = await tradeshow(core);
    await core.call('consent.save', { eventId: event.id, ...V1 });
    const lead = await scan(core, event.id, 1);
    await core.call('leads.update', { id: lead.id, consent: { version: '1' } });
    await core.call('leads.delete', { id: lead.id });
    expect(await failure(core.call('consent.save', { eventId: event.id, version: '1', ...V2 }))).toBe('consent.version_agreed');
  });
});
