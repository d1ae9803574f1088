import { useId, useState, type FormEvent } from 'react';
import type { AttentionItem } from '../../../shared/delivery/api';
import type { Lead, PersonFields } from '../../../shared/model';
import { call, errorCode } from '../api/client';
import { displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { PersonInputs } from '../ui/PersonInputs';
import { correction, EDITABLE_FIELDS } from './correction';
import { ProblemNotice } from '../ui/ProblemNotice';

/** The fix a CRM asked for (a wrong email, a missing last name), then a re-send. */
export function FixLeadDialog(props: { item: AttentionItem | null; onClose(): void; onSaved(item: AttentionItem): Promise<void> }) {
  const { t } = useI18n();
  const { item } = props;
  return (
    <Dialog
      open={item !== null}
      wide
      title={t('upload.fix_title', { name: item ? (displayName(item.lead) ?? t('card.unnamed')) : '' })}
      onClose={props.onClose}
    >
      {item && <FixForm item={item} onCancel={props.onClose} onSaved={props.onSaved} />}
    </Dialog>
  );
}

function FixForm({ item, onCancel, onSaved }: { item: AttentionItem; onCancel(): void; onSaved(item: AttentionItem): Promise<void> }) {
  const { t, error } = useI18n();
  const formId = useId();
  const [values, setValues] = useState<Record<keyof PersonFields, string>>(() => initialValues(item.lead));
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setSaving(true);
    try {
      const change = correction(item.lead, values);
      if (change) await call('leads.update', { id: item.lead.id, ...change });
      await onSaved(item);
    } catch (err) {
      setProblem(error(errorCode(err)));
      setSaving(false);
    }
  }

  return (
    // noValidate: the browser's own email check would stop a save the core judges (and translates).
    <form className="fix-lead" noValidate onSubmit={(e) => void submit(e)} aria-describedby={`${formId}-message`}>
      <div className="notice notice--warning" id={`${formId}-message`}>
        <strong>{t('upload.fix_message', { connector: t(`connector.${item.connector}`) })}</strong>
        <p className="message-text">{item.message}</p>
      </div>
      <div className="form-grid">
        <PersonInputs
          fields={EDITABLE_FIELDS}
          values={values}
          onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        />
      </div>
      <ProblemNotice problem={problem} />
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('upload.working') : t('upload.save_resend')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function initialValues(lead: Lead): Record<keyof PersonFields, string> {
  return Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, lead[f] ?? ''])) as Record<keyof PersonFields, string>;
}
