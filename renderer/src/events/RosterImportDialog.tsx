import { useEffect, useId, useState } from 'react';
import type { RosterImportResult, RosterPreview } from '../../../shared/api';
import { bytesToBase64 } from '../../../shared/base64';
import type { EventSummary } from '../../../shared/model';
import { RosterField, type RosterMapping } from '../../../shared/roster/columns';
import { call, errorCode, errorDetails, subscribe } from '../api/client';
import { useI18n } from '../app/i18n';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/ProblemNotice';

/** The contract takes base64 up to 64 MiB: a file of 48 MiB fits. */
const MAX_FILE_BYTES = 48 * 1024 * 1024;

type Step =
  | { kind: 'choose' }
  | { kind: 'reading' }
  | { kind: 'preview'; file: string; preview: RosterPreview; mapping: RosterMapping }
  | { kind: 'importing'; done: number; total: number }
  | { kind: 'done'; result: RosterImportResult };

export function RosterImportDialog({ event, onClose }: { event: EventSummary | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <Dialog open={event !== null} wide title={t('roster.title', { event: event?.name ?? '' })} onClose={onClose}>
      {event && <RosterImport event={event} onClose={onClose} />}
    </Dialog>
  );
}

function RosterImport({ event, onClose }: { event: EventSummary; onClose(): void }) {
  const { t, error, count } = useI18n();
  const inputId = useId();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(
    () =>
      subscribe((message) => {
        if (message.topic !== 'roster.progress' || message.data.eventId !== event.id) return;
        const { done, total } = message.data;
        setStep((s) => (s.kind === 'importing' ? { kind: 'importing', done, total } : s));
      }),
    [event.id],
  );

  async function read(file: File) {
    setProblem(null);
    if (file.size > MAX_FILE_BYTES) {
      setProblem(error('file.too_large'));
      return;
    }
    setStep({ kind: 'reading' });
    let base64: string;
    try {
      base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    } catch {
      setProblem(error('file.unreadable'));
      setStep({ kind: 'choose' });
      return;
    }
    try {
      const preview = await call('roster.preview', { file: base64 });
      setStep({ kind: 'preview', file: base64, preview, mapping: preview.mapping });
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
      setStep({ kind: 'choose' });
    }
  }

  async function runImport(file: string, mapping: RosterMapping, rowCount: number) {
    setProblem(null);
    setStep({ kind: 'importing', done: 0, total: rowCount });
    try {
      const result = await call('roster.import', { eventId: event.id, file, mapping });
      setStep({ kind: 'done', result });
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
      setStep({ kind: 'choose' });
    }
  }

  return (
    <div className="roster-import">
      {(step.kind === 'choose' || step.kind === 'reading') && (
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            {t('roster.file')}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,.txt,.tsv"
            autoFocus
            disabled={step.kind === 'reading'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void read(file);
            }}
          />
          <p className="muted">{t('roster.file_hint')}</p>
          {step.kind === 'reading' && <p role="status">{t('roster.reading')}</p>}
        </div>
      )}

      <ProblemNotice problem={problem} />

      {step.kind === 'preview' && (
        <MappingPreview
          step={step}
          onMapping={(mapping) => setStep({ ...step, mapping })}
          onImport={() => void runImport(step.file, step.mapping, step.preview.rowCount)}
          onAnother={() => setStep({ kind: 'choose' })}
        />
      )}

      {step.kind === 'importing' && (
        <div className="progress-block">
          <p role="status">{t('roster.importing', { done: count(step.done), total: count(step.total) })}</p>
          <div
            className="progress"
            role="progressbar"
            aria-label={t('roster.progress')}
            aria-valuemin={0}
            aria-valuemax={step.total}
            aria-valuenow={step.done}
          >
            <div className="progress__bar" style={{ width: `${step.total ? (100 * step.done) / step.total : 0}%` }} />
          </div>
        </div>
      )}

      {step.kind === 'done' && <ImportOutcome result={step.result} onClose={onClose} onAnother={() => setStep({ kind: 'choose' })} />}
    </div>
  );
}

function MappingPreview(props: {
  step: Extract<Step, { kind: 'preview' }>;
  onMapping(mapping: RosterMapping): void;
  onImport(): void;
  onAnother(): void;
}) {
  const { t, count } = useI18n();
  const { preview, mapping } = props.step;
  const hasBadgeId = mapping.includes('badgeId');

  function choose(column: number, value: string) {
    const field = value === '' ? null : RosterField.parse(value);
    // One column per field: choosing a field takes it away from the column that had it.
    props.onMapping(mapping.map((current, i) => (i === column ? field : current === field ? null : current)));
  }

  return (
    <div className="roster-preview">
      <p className="roster-preview__facts">
        <span data-testid="roster-encoding">{t('roster.encoding', { encoding: t(`roster.encoding.${preview.encoding}`) })}</span>
        <span>{t('roster.row_count', { count: count(preview.rowCount) })}</span>
      </p>
      <p className="muted">{t('roster.mapping_help')}</p>
      <div className="table-scroll">
        <table className="table table--compact">
          <caption className="visually-hidden">{t('roster.preview', { count: preview.sample.length })}</caption>
          <thead>
            <tr>
              {preview.headers.map((header, column) => (
                <th key={column} scope="col">
                  <span className="roster-preview__header">{header}</span>
                  <select
                    aria-label={t('roster.column_maps_to', { header })}
                    value={mapping[column] ?? ''}
                    onChange={(e) => choose(column, e.target.value)}
                  >
                    <option value="">{t('roster.ignore')}</option>
                    {RosterField.options.map((field) => (
                      <option key={field} value={field}>
                        {t(`field.${field}`)}
                      </option>
                    ))}
                  </select>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row, r) => (
              <tr key={r}>
                {preview.headers.map((_, column) => (
                  <td key={column}>{row[column]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!hasBadgeId && (
        <p className="notice notice--warning" role="status">
          {t('error.roster.mapping_no_badge_id')}
        </p>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" disabled={!hasBadgeId} onClick={props.onImport}>
          {t('roster.import')}
        </button>
        <button type="button" className="button" onClick={props.onAnother}>
          {t('roster.another')}
        </button>
      </div>
    </div>
  );
}

function ImportOutcome({ result, onClose, onAnother }: { result: RosterImportResult; onClose(): void; onAnother(): void }) {
  const { t, error, count } = useI18n();
  const more = result.rejectedCount - result.rejected.length;
  return (
    <div className="roster-result" data-testid="roster-result">
      <p className="notice notice--success" role="status">
        {t('roster.done')}
      </p>
      <ul className="counts">
        <li className="counts__item counts__item--added">{t('roster.rows_added', { count: count(result.added) })}</li>
        <li className="counts__item">{t('roster.rows_updated', { count: count(result.updated) })}</li>
        <li className={result.rejectedCount > 0 ? 'counts__item counts__item--rejected' : 'counts__item'}>
          {t('roster.rows_rejected', { count: count(result.rejectedCount) })}
        </li>
      </ul>
      {result.rejected.length > 0 && (
        <div className="table-scroll">
          <table className="table table--compact">
            <caption>{t('roster.rejected_title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('roster.rejected_line_header')}</th>
                <th scope="col">{t('roster.rejected_reason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rejected.map((row) => (
                <tr key={`${row.line}-${row.code}`}>
                  <td className="nowrap">{t('roster.rejected_line', { line: row.line })}</td>
                  <td>{error(row.code)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="muted">{t('roster.rejected_more', { count: count(more) })}</p>}
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t('common.close')}
        </button>
        <button type="button" className="button" onClick={onAnother}>
          {t('roster.another')}
        </button>
      </div>
    </div>
  );
}
