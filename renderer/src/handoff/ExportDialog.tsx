import { useId, useState, type FormEvent } from 'react';
import type { ExportEncoding, ExportFormat } from '../../../shared/handoff/api';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { downloadFile } from './download';
import { ProblemNotice } from '../ui/ProblemNotice';

const FORMATS: ExportFormat[] = ['generic', 'hubspot', 'salesforce'];
const ENCODINGS: ExportEncoding[] = ['utf8', 'cp932'];

/** What to export: the selected leads, or every lead the list's search matches. */
export type ExportScope = { kind: 'selected'; leadIds: string[] } | { kind: 'matching'; query: string; total: number };

export function ExportDialog(props: { open: boolean; eventId: string; scope: ExportScope; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} title={t('export.title')} onClose={props.onClose}>
      <ExportForm eventId={props.eventId} scope={props.scope} />
    </Dialog>
  );
}

function ExportForm({ eventId, scope }: { eventId: string; scope: ExportScope }) {
  const { t, error, count, lang } = useI18n();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('generic');
  const [encoding, setEncoding] = useState<ExportEncoding>('utf8');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ rows: number; fileName: string; replaced: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setOutcome(null);
    setBusy(true);
    try {
      const file = await call('export.csv', {
        eventId,
        format,
        encoding,
        // Question columns are headed in the language the marketer reads the app in.
        language: lang,
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...(scope.kind === 'selected' ? { leadIds: scope.leadIds } : scope.query ? { query: scope.query } : {}),
      });
      downloadFile(file);
      setOutcome({ rows: file.rows, fileName: file.fileName, replaced: file.replaced });
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="export-form" onSubmit={(e) => void submit(e)}>
      <p>
        {scope.kind === 'selected'
          ? t('export.scope_selected', { count: count(scope.leadIds.length) })
          : t('export.scope_all', { count: count(scope.total) })}
      </p>
      <fieldset className="choice-group">
        <legend className="field__label">{t('export.format')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="check">
            <input type="radio" name={`${id}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
            {t(`export.format.${f}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="choice-group">
        <legend className="field__label">{t('export.encoding')}</legend>
        {ENCODINGS.map((enc) => (
          <label key={enc} className="check">
            <input type="radio" name={`${id}-encoding`} value={enc} checked={encoding === enc} onChange={() => setEncoding(enc)} />
            {t(`export.encoding.${enc}`)}
          </label>
        ))}
      </fieldset>
      <ProblemNotice problem={problem} />
      {outcome && (
        <div className="notice notice--success" role="status">
          <p>{t('export.done', { count: count(outcome.rows), file: outcome.fileName })}</p>
          {outcome.replaced > 0 && <p>{t('export.replaced', { count: count(outcome.replaced) })}</p>}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('upload.working') : t('export.download')}
        </button>
      </div>
    </form>
  );
}
