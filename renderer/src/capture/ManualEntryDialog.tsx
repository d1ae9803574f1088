import { useState } from 'react';
import type { PersonFields } from '../../../shared/model';
import { errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';

const FIELDS: { name: Exclude<keyof PersonFields, 'url'>; type?: string; autoComplete?: string }[] = [
  { name: 'familyName', autoComplete: 'family-name' },
  { name: 'givenName', autoComplete: 'given-name' },
  { name: 'familyNameKana' },
  { name: 'givenNameKana' },
  { name: 'company', autoComplete: 'organization' },
  { name: 'department' },
  { name: 'title', autoComplete: 'organization-title' },
  { name: 'email', type: 'email', autoComplete: 'email' },
  { name: 'phone', type: 'tel', autoComplete: 'tel' },
];

/** For someone without a badge: type what they tell you; it becomes a lead like any scan. */
export function ManualEntryDialog(props: { open: boolean; onClose(): void; onSubmit(fields: PersonFields): Promise<void> }) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} title={t('capture.manual_title')} onClose={props.onClose}>
      <ManualEntryForm {...props} />
    </Dialog>
  );
}

function ManualEntryForm({ onClose, onSubmit }: { onClose(): void; onSubmit(fields: PersonFields): Promise<void> }) {
  const { t, error } = useI18n();
  const [values, setValues] = useState<PersonFields>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    const fields = Object.fromEntries(
      Object.entries(values).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
    ) as PersonFields;
    setBusy(true);
    setProblem(null);
    try {
      await onSubmit(fields);
      onClose();
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form-grid"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {FIELDS.map(({ name, type, autoComplete }, i) => (
        <label key={name} className="field">
          <span className="field__label">{t(`field.${name}`)}</span>
          <input
            type={type ?? 'text'}
            name={name}
            autoComplete={autoComplete ?? 'off'}
            autoFocus={i === 0}
            maxLength={500}
            value={values[name] ?? ''}
            onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
          />
        </label>
      ))}
      {problem && (
        <p className="notice notice--danger form-grid__wide" role="alert">
          {problem}
        </p>
      )}
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
}
