import { useState } from 'react';
import type { PersonFields } from '../../../shared/model';
import { errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { PersonInputs } from '../ui/PersonInputs';
import { ProblemNotice } from '../ui/ProblemNotice';
import type { ManualPrefill } from './outcome';
import type { CardDraft } from '../card/draft';

const FIELDS = [
  'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'department', 'title', 'email', 'phone',
] as const satisfies readonly (keyof PersonFields)[];

type Field = keyof PersonFields;

interface FormProps {
  onClose(): void;
  onSubmit(fields: PersonFields, notes?: string): Promise<unknown>;
  /** What an unrecognized scan already said, to correct rather than retype. */
  prefill?: ManualPrefill | undefined;
  /** A business card read by OCR: its photo beside the form and its unsure fields marked. */
  card?: CardDraft | undefined;
}

/** For someone without a badge: type what they tell you; it becomes a lead like any scan. */
export function ManualEntryDialog(props: FormProps & { open: boolean }) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} title={t('capture.manual_title')} onClose={props.onClose} wide={props.card !== undefined}>
      <ManualEntryForm {...props} />
    </Dialog>
  );
}

function ManualEntryForm({ onClose, onSubmit, prefill, card }: FormProps) {
  const { t, error } = useI18n();
  const [values, setValues] = useState<PersonFields>(prefill?.fields ?? {});
  const [notes, setNotes] = useState(prefill?.notes ?? '');
  // A prefilled badge id, full name or URL gets its own input, so it can be seen and fixed.
  const extra = (Object.keys(prefill?.fields ?? {}) as Field[]).filter((f) => !(FIELDS as readonly Field[]).includes(f));
  const shown: readonly Field[] = [...FIELDS, ...extra];
  const withNotes = prefill?.notes !== undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const fields = Object.fromEntries(
      Object.entries(values).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
    ) as PersonFields;
    setBusy(true);
    setProblem(null);
    try {
      await (withNotes && notes.trim() ? onSubmit(fields, notes.trim()) : onSubmit(fields));
      onClose();
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  const marks = card ? Object.fromEntries(card.check.map((f) => [f, t('meishi.low_confidence')])) : undefined;
  const form = (
    <form
      className="form-grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <PersonInputs
        fields={shown}
        values={values}
        autoFocusFirst
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
        {...(marks ? { marks } : {})}
      />
      {withNotes && (
        <label className="field form-grid__wide">
          <span className="field__label">{t('capture.manual_notes')}</span>
          <textarea name="notes" rows={4} maxLength={10_000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </label>
      )}
      <ProblemNotice problem={problem} className="form-grid__wide" />
      <div className="form-grid__wide actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('capture.manual_submit')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
  if (!card) return form;
  return (
    <div className="card-entry">
      <figure className="card-entry__photo">
        <img src={card.photo.url} alt={t('meishi.photo_alt')} />
        <figcaption>
          {card.check.length > 0 && <p>{t('meishi.low_hint')}</p>}
          <p>{t('meishi.photo_kept')}</p>
        </figcaption>
      </figure>
      {form}
    </div>
  );
}
