import { useId, useState, type FormEvent } from 'react';
import type { ExportEncoding, ExportFormat } from '../../../shared/handoff/api';
import type { TriageFilter } from '../../../shared/triage/api';
import { call, errorCode } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { downloadFile } from './download';
import { ProblemNotice } from '../ui/ProblemNotice';

const FORMATS: ExportFormat[] = ['generic', 'hubspot', 'salesforce'];
const ENCODINGS: ExportEncoding[] = ['utf8', 'cp932'];

/**
 * One CSV file: an event's file has its own form's question columns, and a CRM import is usually
 * done event by event. It holds the chosen leads of the event, or the event's leads the Leads
 * list's search (none: all of them) or the Triage table's filter matches.
 */
export type ExportPart = { eventId: string } & ({ leadIds: string[] } | { query?: string } | { filter: TriageFilter });

/** The chosen leads, or every lead matching, as CSV files in a CRM's layout: one file per part. */
export function ExportDialog(props: { open: boolean; parts: ExportPart[]; count: number; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={props.open} title={t('export.title')} onClose={props.onClose}>
      <ExportForm parts={props.parts} count={props.count} />
    </Dialog>
  );
}

function ExportForm({ parts, count: leads }: { parts: ExportPart[]; count: number }) {
  const { t, error, count, lang } = useI18n();
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('generic');
  const [encoding, setEncoding] = useState<ExportEncoding>('utf8');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ rows: number; fileName: string; replaced: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = parts.every((p) => 'leadIds' in p);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setOutcome(null);
    setBusy(true);
    try {
      let rows = 0;
      let replaced = 0;
      const names: string[] = [];
      for (const part of parts) {
        const file = await call('export.csv', {
          ...part,
          format,
          encoding,
          // Question columns are headed in the language the marketer reads the app in.
          language: lang,
          timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        });
        // Of several events, only those with a matching lead give a file.
        if (file.rows === 0 && parts.length > 1) continue;
        downloadFile(file);
        rows += file.rows;
        replaced += file.replaced;
        names.push(file.fileName);
      }
      setOutcome({ rows, fileName: names.join(', '), replaced });
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="export-form" onSubmit={(e) => void submit(e)}>
      <p>{chosen ? t('export.scope_selected', { count: count(leads) }) : t('export.scope_all', { count: count(leads) })}</p>
      {parts.length > 1 && <p className="muted">{t('triage.export.per_event', { count: count(parts.length) })}</p>}
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
