import { useEffect, useId, useRef, useState } from 'react';
import type { EventSummary } from '../../../shared/model';
import { QuestionKind, type Form } from '../../../shared/qualify/form';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { refusal, useProblemFor } from '../ui/field-problems';
import { MoveButtons, TextField } from '../ui/fields';
import { focusAfterMove, move, removeAt, updateWhere } from '../ui/list';
import { ProblemNotice } from '../ui/ProblemNotice';
import { useFocusLater } from '../ui/useFocusLater';
import {
  blankOption,
  blankQuestion,
  checkDraft,
  draftFrom,
  isChoice,
  problemPlace,
  problemsFrom,
  toQuestions,
  withKind,
  type DraftOption,
  type DraftQuestion,
  type FieldProblem,
} from './form-draft';

export function FormEditorDialog({ event, onClose }: { event: EventSummary | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={event !== null} wide title={t('form.title', { event: event?.name ?? '' })} onClose={onClose}>
      {event && <FormEditor eventId={event.id} />}
    </Dialog>
  );
}

function FormEditor({ eventId }: { eventId: string }) {
  const { t, error } = useI18n();
  const base = useId();
  const [form, setForm] = useState<Form | null>(null);
  const [draft, setDraft] = useState<DraftQuestion[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  const idOf = (field: string) => `${base}${field}`;
  const focusLater = useFocusLater(idOf);

  useEffect(() => {
    let live = true;
    call('forms.get', { eventId })
      .then((loaded) => {
        if (!live) return;
        setForm(loaded);
        setDraft(draftFrom(loaded.questions));
      })
      .catch((err: unknown) => live && setFailure(error(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, [eventId, error]);

  /** Every edit goes through here; once problems are shown they follow the draft as it is fixed. */
  function change(next: DraftQuestion[]) {
    setDraft(next);
    setNote(null);
    if (problems.length > 0) setProblems(checkDraft(next));
  }
  const updateQuestion = (uid: string, patch: (q: DraftQuestion) => DraftQuestion) => change(updateWhere(draft, uid, patch));

  function moveQuestion(index: number, by: -1 | 1) {
    const q = draft[index]!;
    change(move(draft, index, by));
    focusLater(focusAfterMove(q.uid, by));
    setAnnounce(t('form.moved', { item: t('form.question_n', { n: index + 1 }), to: index + 1 + by }));
  }

  function removeQuestion(index: number) {
    const { rest, neighbour } = removeAt(draft, index);
    change(rest);
    focusLater(neighbour ? [`${neighbour.uid}.remove`] : ['add']);
  }

  function addQuestion() {
    const q = blankQuestion();
    change([...draft, q]);
    focusLater([`${q.uid}.key`]);
  }

  async function save() {
    setFailure(null);
    setNote(null);
    const local = checkDraft(draft);
    setProblems(local);
    if (local.length > 0) {
      summaryRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await call('forms.save', { eventId, questions: toQuestions(draft) });
      setNote(t(saved.version === form?.version ? 'form.unchanged' : 'form.saved', { version: saved.version }));
      setForm(saved);
      setDraft(draftFrom(saved.questions));
    } catch (err) {
      const refused = refusal(err, (issues) => problemsFrom(issues, draft), error);
      if (refused.problems) setProblems(refused.problems);
      setFailure(refused.failure);
      if (refused.problems?.length) summaryRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const problemFor = useProblemFor(problems);

  if (!form) {
    return failure ? <ProblemNotice problem={failure} /> : <p role="status">{t('form.loading')}</p>;
  }

  return (
    <div className="form-editor" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <div>
        <p data-testid="form-version" style={{ fontWeight: 700 }}>
          {t('form.version_saved_at', { version: form.version, date: dateTimeHm(form.createdAt) })}
        </p>
        <p className="muted">{t('form.versions_note')}</p>
      </div>

      {problems.length > 0 && (
        <div ref={summaryRef} tabIndex={-1} className="notice notice--danger" role="alert" data-testid="form-problems">
          <p>{t('form.invalid')}</p>
          <ul>
            {problems.map((p) => {
              const place = problemPlace(p);
              return (
                <li key={`${p.field}|${p.text}`}>
                  {place ? t('form.problem', { where: t(place.key, place.params), problem: t(p.text) }) : t(p.text)}
                </li>
              );
            })}
          </ul>
        </div>
      )}

      <h3 className="visually-hidden">{t('form.questions')}</h3>
      {draft.length === 0 && <p className="muted">{t('form.empty')}</p>}
      <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        {draft.map((q, index) => (
          <QuestionRow
            key={q.uid}
            q={q}
            index={index}
            last={index === draft.length - 1}
            idOf={idOf}
            problemFor={problemFor}
            onChange={(patch) => updateQuestion(q.uid, patch)}
            onMove={(by) => moveQuestion(index, by)}
            onRemove={() => removeQuestion(index)}
            onOptionFocus={focusLater}
            onAnnounce={setAnnounce}
          />
        ))}
      </ol>

      <div className="actions">
        <button type="button" id={idOf('add')} className="button" onClick={addQuestion} disabled={draft.length >= 30}>
          {t('form.add_question')}
        </button>
      </div>

      <div className="actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => void save()}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
        {note && (
          <span className="notice notice--success" role="status" data-testid="form-saved">
            {note}
          </span>
        )}
      </div>
      <ProblemNotice problem={failure} />
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </div>
  );
}

function QuestionRow(props: {
  q: DraftQuestion;
  index: number;
  last: boolean;
  idOf(field: string): string;
  problemFor(field: string): string | undefined;
  onChange(patch: (q: DraftQuestion) => DraftQuestion): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
  onOptionFocus(ids: string[]): void;
  onAnnounce(text: string): void;
}) {
  const { t } = useI18n();
  const { q, index, idOf, problemFor } = props;
  const n = index + 1;
  const field = (name: string) => `${q.uid}.${name}`;
  const set = (patch: Partial<DraftQuestion>) => props.onChange((cur) => ({ ...cur, ...patch }));

  function setOptions(options: DraftOption[]) {
    props.onChange((cur) => ({ ...cur, options }));
  }
  function moveOption(i: number, by: -1 | 1) {
    const o = q.options[i]!;
    setOptions(move(q.options, i, by));
    props.onOptionFocus(focusAfterMove(o.uid, by));
    props.onAnnounce(t('form.moved', { item: t('form.option_n', { n: i + 1 }), to: i + 1 + by }));
  }
  function removeOption(i: number) {
    const { rest, neighbour } = removeAt(q.options, i);
    setOptions(rest);
    props.onOptionFocus(neighbour ? [`${neighbour.uid}.remove`] : [field('add_option')]);
  }
  function addOption() {
    const o = blankOption();
    setOptions([...q.options, o]);
    props.onOptionFocus([`${o.uid}.value`]);
  }

  return (
    <li className="panel" data-testid="form-question" data-key={q.key}>
      <fieldset style={{ border: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <legend style={{ fontWeight: 700, marginBottom: 8 }}>
          {t('form.question_n', { n })}
          {q.saved && <span className="tag">{q.key}</span>}
        </legend>
        <div className="form-grid">
          <TextField
            id={idOf(field('key'))}
            label={t('form.key')}
            value={q.key}
            readOnly={q.saved}
            hint={q.saved ? t('form.key_fixed') : t('form.key_hint')}
            problem={problemFor(field('key'))}
            // Keys are lowercase by rule: typing "Budget" gives "budget" rather than an error.
            onChange={(value) => set({ key: value.toLowerCase() })}
            mono
          />
          <div className="field">
            <label className="field__label" htmlFor={idOf(field('kind'))}>
              {t('form.kind')}
            </label>
            <select id={idOf(field('kind'))} value={q.kind} onChange={(e) => props.onChange((cur) => withKind(cur, QuestionKind.parse(e.target.value)))}>
              {QuestionKind.options.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`form.kind.${kind}`)}
                </option>
              ))}
            </select>
          </div>
          <TextField id={idOf(field('ja'))} label={t('form.label_ja')} value={q.ja} lang="ja" problem={problemFor(field('ja'))} onChange={(ja) => set({ ja })} />
          <TextField id={idOf(field('en'))} label={t('form.label_en')} value={q.en} lang="en" problem={problemFor(field('en'))} onChange={(en) => set({ en })} />
          <label className="field field--inline form-grid__wide">
            <input type="checkbox" checked={q.required} onChange={(e) => set({ required: e.target.checked })} />
            <span className="field__label">{t('form.required')}</span>
          </label>
        </div>

        {isChoice(q.kind) && (
          <fieldset
            style={{ border: '1px solid var(--line)', borderRadius: 8, padding: 12, display: 'flex', flexDirection: 'column', gap: 10 }}
            aria-describedby={problemFor(field('options')) ? idOf(`${field('options')}.problem`) : undefined}
          >
            <legend className="field__label">{t('form.options')}</legend>
            {problemFor(field('options')) && (
              <p id={idOf(`${field('options')}.problem`)} className="notice notice--danger">
                {problemFor(field('options'))}
              </p>
            )}
            <ol style={{ margin: 0, paddingLeft: 24, display: 'flex', flexDirection: 'column', gap: 10 }}>
              {q.options.map((o, i) => (
                <li key={o.uid} data-testid="form-option">
                  <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 2fr) minmax(0, 2fr) auto', gap: 8, alignItems: 'start' }}>
                    <TextField
                      id={idOf(`${o.uid}.value`)}
                      label={t('form.option_value')}
                      ariaLabel={`${t('form.question_n', { n })} ${t('form.option_n', { n: i + 1 })} ${t('form.option_value')}`}
                      value={o.value}
                      mono
                      problem={problemFor(`${o.uid}.value`)}
                      onChange={(value) => setOptions(updateWhere(q.options, o.uid, (x) => ({ ...x, value: value.toLowerCase() })))}
                    />
                    <TextField
                      id={idOf(`${o.uid}.ja`)}
                      label={t('form.option_label_ja')}
                      ariaLabel={`${t('form.question_n', { n })} ${t('form.option_n', { n: i + 1 })} ${t('form.option_label_ja')}`}
                      value={o.ja}
                      lang="ja"
                      problem={problemFor(`${o.uid}.ja`)}
                      onChange={(ja) => setOptions(updateWhere(q.options, o.uid, (x) => ({ ...x, ja })))}
                    />
                    <TextField
                      id={idOf(`${o.uid}.en`)}
                      label={t('form.option_label_en')}
                      ariaLabel={`${t('form.question_n', { n })} ${t('form.option_n', { n: i + 1 })} ${t('form.option_label_en')}`}
                      value={o.en}
                      lang="en"
                      problem={problemFor(`${o.uid}.en`)}
                      onChange={(en) => setOptions(updateWhere(q.options, o.uid, (x) => ({ ...x, en })))}
                    />
                    <div className="actions actions--tight" style={{ paddingTop: 'calc(0.95rem * 1.5 + 4px)' }}>
                      <MoveButtons
                        idUp={idOf(`${o.uid}.up`)}
                        idDown={idOf(`${o.uid}.down`)}
                        labelUp={`${t('form.question_n', { n })}: ${t('form.move_option_up', { n: i + 1 })}`}
                        labelDown={`${t('form.question_n', { n })}: ${t('form.move_option_down', { n: i + 1 })}`}
                        first={i === 0}
                        last={i === q.options.length - 1}
                        onMove={(by) => moveOption(i, by)}
                      />
                      <button
                        type="button"
                        id={idOf(`${o.uid}.remove`)}
                        className="button button--quiet"
                        aria-label={`${t('form.question_n', { n })}: ${t('form.remove_option', { n: i + 1 })}`}
                        onClick={() => removeOption(i)}
                      >
                        ×
                      </button>
                    </div>
                  </div>
                </li>
              ))}
            </ol>
            <div className="actions">
              <button type="button" id={idOf(field('add_option'))} className="button" disabled={q.options.length >= 20} onClick={addOption}>
                {t('form.add_option')}
              </button>
            </div>
          </fieldset>
        )}

        <div className="actions actions--tight">
          <MoveButtons
            idUp={idOf(field('up'))}
            idDown={idOf(field('down'))}
            labelUp={t('form.move_up', { n })}
            labelDown={t('form.move_down', { n })}
            first={index === 0}
            last={props.last}
            onMove={props.onMove}
          />
          <button type="button" id={idOf(field('remove'))} className="button" onClick={props.onRemove}>
            {t('form.remove_question', { n })}
          </button>
        </div>
      </fieldset>
    </li>
  );
}
