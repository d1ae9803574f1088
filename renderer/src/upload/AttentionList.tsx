import { useCallback, useEffect, useState } from 'react';
import type { AttentionItem, ConnectorStatus } from '../../../shared/delivery/api';
import { call, errorCode } from '../api/client';
import { displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { FixLeadDialog } from './FixLeadDialog';
import { ProblemNotice } from '../ui/ProblemNotice';

/**
 * The leads a CRM refused, each with the CRM's own words. Nothing here is ever dropped: a
 * row leaves the list only when a re-send is accepted.
 */
export function AttentionList({ statuses }: { statuses: ConnectorStatus[] }) {
  const { t, error } = useI18n();
  const [items, setItems] = useState<AttentionItem[] | null>(null);
  const [fixing, setFixing] = useState<AttentionItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The list changes when a batch finishes: counts move.
  const signature = statuses.map((s) => `${s.connector}:${s.counts.attention}:${s.counts.done}:${s.running}`).join();

  const load = useCallback(async () => {
    try {
      setItems(await call('sync.attention', {}));
    } catch (err) {
      setProblem(error(errorCode(err)));
    }
  }, [error]);

  useEffect(() => {
    void load();
  }, [load, signature]);

  /** Requeues the lead for that connector and sends it at once. */
  const resend = useCallback(
    async (item: AttentionItem) => {
      setProblem(null);
      setBusy(item.lead.id);
      try {
        await call('sync.retry', { connector: item.connector, leadIds: [item.lead.id] });
        await call('sync.uploadNow', { connector: item.connector });
      } catch (err) {
        setProblem(error(errorCode(err)));
      } finally {
        setBusy(null);
        void load();
      }
    },
    [error, load],
  );

  return (
    <section className="panel" aria-labelledby="attention-title">
      <h2 id="attention-title" className="panel__title">
        {t('upload.attention_title')}
      </h2>
      <p className="muted">{t('upload.attention_help')}</p>
      <ProblemNotice problem={problem} />
      {items?.length === 0 ? (
        <p data-testid="attention-empty">{t('upload.attention_empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-labelledby="attention-title">
            <thead>
              <tr>
                <th scope="col">{t('upload.col.lead')}</th>
                <th scope="col">{t('upload.col.connector')}</th>
                <th scope="col">{t('upload.col.message')}</th>
                <th scope="col">{t('upload.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items?.map((item) => {
                const name = displayName(item.lead) ?? t('card.unnamed');
                return (
                  <tr key={`${item.connector}:${item.lead.id}`} data-testid="attention-row">
                    <th scope="row" className="attention__lead">
                      <span>{name}</span>
                      {item.lead.email && <span className="muted">{item.lead.email}</span>}
                      {item.lead.company && <span className="muted">{item.lead.company}</span>}
                    </th>
                    <td>{t(`connector.${item.connector}`)}</td>
                    <td className="message-text">{item.message}</td>
                    <td>
                      <div className="actions actions--tight">
                        <button type="button" className="button button--primary" onClick={() => setFixing(item)} aria-label={`${t('upload.fix')}: ${name}`}>
                          {t('upload.fix')}
                        </button>
                        <button
                          type="button"
                          className="button"
                          onClick={() => void resend(item)}
                          disabled={busy === item.lead.id}
                          aria-label={`${t('upload.resend')}: ${name}`}
                        >
                          {busy === item.lead.id ? t('upload.working') : t('upload.resend')}
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <FixLeadDialog
        item={fixing}
        onClose={() => setFixing(null)}
        onSaved={async (item) => {
          setFixing(null);
          await resend(item);
        }}
      />
    </section>
  );
}
