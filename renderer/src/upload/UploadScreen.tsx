import { useEffect, useId, useState } from 'react';
import type { ConnectorStatus, UploadBatch, UploadRun } from '../../../shared/delivery/api';
import { call, errorCode } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { screenHref } from '../app/route';
import { AttentionList } from './AttentionList';
import { connectorState, waiting } from './delivery-state';
import type { SyncProgress, SyncState } from './useSyncStatus';
import { ProblemNotice } from '../ui/ProblemNotice';

const HISTORY_ROWS = 10;

export function UploadScreen({ sync }: { sync: SyncState }) {
  const { t } = useI18n();
  const { statuses, refresh } = sync;
  // Leads queued since the last push (a lead just made MQL, say) count the moment the screen opens.
  useEffect(() => {
    void refresh();
  }, [refresh]);
  if (statuses === null) return <p role="status">{t('app.loading')}</p>;
  const enabled = statuses.filter((s) => s.enabled);

  return (
    <div className="page upload">
      <h1>{t('upload.title')}</h1>
      {enabled.length === 0 ? (
        <div className="panel">
          <p>{t('upload.none_enabled')}</p>
          <p>
            <a className="button" href={screenHref('settings')}>
              {t('upload.go_settings')}
            </a>
          </p>
        </div>
      ) : (
        enabled.map((status) => (
          <ConnectorPanel key={status.connector} status={status} progress={sync.progress[status.connector]} />
        ))
      )}
      <AttentionList statuses={statuses} />
    </div>
  );
}

function ConnectorPanel({ status, progress }: { status: ConnectorStatus; progress: SyncProgress | undefined }) {
  const { t, error, count } = useI18n();
  const titleId = useId();
  const name = t(`connector.${status.connector}`);
  const state = connectorState(status);
  const [calling, setCalling] = useState(false);
  const [run, setRun] = useState<UploadRun | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const running = calling || status.running;

  async function uploadNow() {
    setProblem(null);
    setRun(null);
    setCalling(true);
    try {
      const { runs } = await call('sync.uploadNow', { connector: status.connector });
      setRun(runs.find((r) => r.connector === status.connector) ?? null);
    } catch (err) {
      setProblem(error(errorCode(err)));
    } finally {
      setCalling(false);
    }
  }

  return (
    <section className="panel connector-panel" aria-labelledby={titleId} data-testid={`connector-${status.connector}`}>
      <header className="connector-panel__header">
        <h2 id={titleId} className="panel__title">
          {name}
        </h2>
        <span className={`delivery-state delivery-state--${state}`} data-testid="connector-state">
          <span className="visually-hidden">{t('upload.state_label')}: </span>
          {t(`upload.state.${state}`)}
        </span>
        <button
          type="button"
          className="button button--primary connector-panel__upload"
          onClick={() => void uploadNow()}
          disabled={running || !status.usable}
        >
          {t('upload.now')}
        </button>
      </header>

      <dl className="upload-counts">
        <div className="upload-counts__item">
          <dt>{t('upload.count.pending')}</dt>
          <dd data-testid="count-pending">{count(waiting(status))}</dd>
        </div>
        <div className="upload-counts__item upload-counts__item--done">
          <dt>{t('upload.count.done')}</dt>
          <dd data-testid="count-done">{count(status.counts.done)}</dd>
        </div>
        <div className={status.counts.attention ? 'upload-counts__item upload-counts__item--attention' : 'upload-counts__item'}>
          <dt>{t('upload.count.attention')}</dt>
          <dd data-testid="count-attention">{count(status.counts.attention)}</dd>
        </div>
      </dl>

      <ul className="connector-panel__facts">
        <li>{status.lastUploadAt ? t('upload.last_upload', { time: dateTimeHm(status.lastUploadAt) }) : t('upload.never')}</li>
        <li data-testid="auto-upload">
          {status.autoUploadMinutes > 0 ? t('upload.auto_on', { minutes: count(status.autoUploadMinutes) }) : t('upload.auto_off')}
        </li>
        {status.nextAttemptAt && waiting(status) > 0 && <li>{t('upload.next_attempt', { time: dateTimeHm(status.nextAttemptAt) })}</li>}
        <li data-testid="send-policy">{t('upload.policy', { policy: t(`connector.policy.${status.policy}`) })}</li>
      </ul>

      {status.credentialsRejected && (
        <div className="notice notice--danger" role="alert" data-testid="credentials-rejected">
          <strong>{t('upload.credentials_rejected', { time: dateTimeHm(status.credentialsRejected.at) })}</strong>
          <p>{t(`connector.fix.${status.connector}`)}</p>
          <p>
            <a className="button" href={screenHref('settings')}>
              {t('upload.go_settings')}
            </a>
          </p>
        </div>
      )}

      {status.lastError && (
        <div className="notice notice--warning" data-testid="last-error">
          <strong>{t('upload.last_error', { time: status.lastErrorAt ? dateTimeHm(status.lastErrorAt) : '' })}</strong>
          <p className="message-text">{status.lastError}</p>
        </div>
      )}

      <RunProgress running={running} progress={progress} />
      {run && !running && <RunOutcome run={run} />}
      <ProblemNotice problem={problem} />

      <History status={status} />
    </section>
  );
}

function RunProgress({ running, progress }: { running: boolean; progress: SyncProgress | undefined }) {
  const { t, count } = useI18n();
  if (!running && !progress) return null;
  // Before the first batch answers the total is not known yet: an indeterminate bar.
  const total = progress?.total ?? 0;
  const sent = Math.min(progress?.sent ?? 0, total);
  return (
    <div className="progress-block">
      {running && <p role="status">{t('upload.running', { sent: count(sent), total: count(total) })}</p>}
      <div
        className="progress"
        role="progressbar"
        aria-label={t('upload.progress')}
        aria-valuemin={0}
        aria-valuemax={progress ? total : undefined}
        aria-valuenow={progress ? sent : undefined}
      >
        <div className="progress__bar" style={{ width: `${total ? (100 * sent) / total : 0}%` }} />
      </div>
    </div>
  );
}

function RunOutcome({ run }: { run: UploadRun }) {
  const { t, count } = useI18n();
  return (
    <div className={run.attention || run.stopped ? 'notice notice--warning' : 'notice notice--success'} role="status" data-testid="run-outcome">
      <p>
        {t('upload.run_result', {
          sent: count(run.sent),
          done: count(run.done),
          retrying: count(run.retrying),
          attention: count(run.attention),
        })}
      </p>
      {run.stopped && <p>{t(`upload.stopped.${run.stopped}`)}</p>}
      {run.verdicts && run.verdicts.changed > 0 && (
        <p data-testid="run-verdicts">
          {t('upload.verdicts', { applied: count(run.verdicts.applied), unchanged: count(run.verdicts.unchanged), refused: count(run.verdicts.refused) })}
        </p>
      )}
    </div>
  );
}

function History({ status }: { status: ConnectorStatus }) {
  const { t, count } = useI18n();
  const [rows, setRows] = useState<UploadBatch[] | null>(null);
  const { connector, running, lastUploadAt } = status;

  // A finished batch moves lastUploadAt; a run ending flips running.
  useEffect(() => {
    let live = true;
    call('sync.history', { connector, limit: HISTORY_ROWS })
      .then((history) => live && setRows(history))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [connector, running, lastUploadAt, status.counts.done, status.counts.attention]);

  return (
    <div className="table-scroll">
      <table className="table table--compact" data-testid="upload-history">
        <caption>{t('upload.history_title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('upload.col.time')}</th>
            <th scope="col">{t('upload.col.sent')}</th>
            <th scope="col">{t('upload.col.done')}</th>
            <th scope="col">{t('upload.col.retrying')}</th>
            <th scope="col">{t('upload.col.attention')}</th>
            <th scope="col">{t('upload.col.error')}</th>
          </tr>
        </thead>
        <tbody>
          {rows?.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('upload.history_empty')}
              </td>
            </tr>
          )}
          {rows?.map((batch) => (
            <tr key={batch.id} data-testid="history-row">
              <td className="nowrap">{dateTimeHm(batch.startedAt)}</td>
              <td>{count(batch.sent)}</td>
              <td>{count(batch.done)}</td>
              <td>{count(batch.retrying)}</td>
              <td>{count(batch.attention)}</td>
              <td className="message-text">{batch.error}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
