import { useState } from 'react';
import type { PersonFields } from '../../../shared/model';
import { errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { PersonInputs } from '../ui/PersonInputs';
import { ProblemNotice } from '../ui/ProblemNotice';

const FIELDS = [
  'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'company', 'department', 'title', 'email', 'phone',
] as const satisfies readonly (keyof PersonFields)[];

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
      <PersonInputs
        fields={FIELDS}
        values={values}
        autoFocusFirst
        onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
      />
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
}
