import { useEffect, useId, useState } from 'react';
import type { AccountDetail, AccountKey, AccountSummary } from '../../../shared/accounts/api';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { openInTriage } from '../triage/triage-link';
import { Dialog } from '../ui/Dialog';
import { ProblemNotice } from '../ui/ProblemNotice';
import { TargetBadge } from './TargetBadge';

/** What a person is about to do, shown back for confirmation before it is done. */
type Pending = { kind: 'merge'; into: AccountSummary } | { kind: 'split'; key: AccountKey };

/**
 * One account: its people across events, its keys (the names and domains that lead to it),
 * and the two corrections a person makes: merge it into another account, or split one key off
 * to an account of its own. Both are confirmed first, and remembered by the core.
 */
export function AccountDialog(props: {
  id: string | null;
  /** Accounts it can be merged into (the list on screen). */
  others: AccountSummary[];
  onOpen(id: string): void;
  onClose(): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  return (
    <Dialog open={props.id !== null} wide title={title || t('accounts.detail_title')} onClose={props.onClose}>
      {props.id && <AccountView key={props.id} {...props} id={props.id} onTitle={setTitle} />}
    </Dialog>
  );
}

function AccountView(props: {
  id: string;
  others: AccountSummary[];
  onOpen(id: string): void;
  onChanged(): void;
  onTitle(title: string): void;
}) {
  const { t, count, error } = useI18n();
  const mergeId = useId();
  const [detail, setDetail] = useState<AccountDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [mergeInto, setMergeInto] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { onTitle } = props;

  useEffect(() => {
    let live = true;
    call('accounts.get', { id: props.id })
      .then((d) => {
        if (!live) return;
        setDetail(d);
        onTitle(d.account.name);
      })
      .catch((err: unknown) => live && setProblem(error(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, [props.id, error, onTitle]);

  if (!detail) return problem ? <ProblemNotice problem={problem} /> : <p role="status">{t('app.loading')}</p>;
  const { account, keys, people } = detail;
  const candidates = props.others.filter((a) => a.id !== account.id);

  async function confirm(action: Pending) {
    setBusy(true);
    setProblem(null);
    try {
      if (action.kind === 'merge') {
        const result = await call('accounts.merge', { from: account.id, into: action.into.id });
        props.onChanged();
        props.onOpen(result.accountId);
      } else {
        const result = await call('accounts.split', { id: account.id, key: action.key.key });
        setDone(t('accounts.split_done', { value: action.key.value, moved: count(result.moved) }));
        setDetail(await call('accounts.get', { id: account.id }));
        props.onChanged();
      }
      setPending(null);
    } catch (err) {
      setProblem(error(errorCode(err), errorDetails(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="account" data-testid="account-detail">
      <dl className="account__facts">
        <dt>{t('accounts.col.domain')}</dt>
        <dd>{account.domain ?? '–'}</dd>
        <dt>{t('accounts.col.target')}</dt>
        <dd>{account.target ? <TargetBadge tier={account.tier} /> : t('accounts.not_target')}</dd>
        <dt>{t('accounts.col.leadCount')}</dt>
        <dd>{t('accounts.people_in_events', { people: count(account.leadCount), events: count(account.eventCount) })}</dd>
        <dt>{t('accounts.col.bestGrade')}</dt>
        <dd>{account.bestGrade ?? '–'}</dd>
        <dt>{t('accounts.col.bestScore')}</dt>
        <dd>{t('accounts.scores', { best: account.bestScore, total: count(account.totalScore) })}</dd>
      </dl>

      <p>
        <button type="button" className="button" onClick={() => openInTriage({ accountIds: [account.id] })}>
          {t('accounts.show_in_triage')}
        </button>
      </p>

      <ProblemNotice problem={problem} />
      {done && <p className="notice notice--success" role="status">{done}</p>}

      <h3>{t('accounts.people')}</h3>
      <div className="table-scroll">
        <table className="table table--compact" data-testid="account-people">
          <thead>
            <tr>
              <th scope="col">{t('accounts.person.name')}</th>
              <th scope="col">{t('accounts.person.event')}</th>
              <th scope="col">{t('accounts.person.company')}</th>
              <th scope="col">{t('accounts.person.title')}</th>
              <th scope="col">{t('accounts.person.email')}</th>
              <th scope="col">{t('accounts.col.bestGrade')}</th>
              <th scope="col">{t('accounts.person.score')}</th>
              <th scope="col">{t('accounts.person.status')}</th>
              <th scope="col">{t('accounts.person.captured')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.leadId}>
                <td>{p.name ?? p.email ?? '–'}</td>
                <td>{p.eventName}</td>
                <td>{p.company ?? '–'}</td>
                <td>{p.title ?? '–'}</td>
                <td>{p.email ?? '–'}</td>
                <td>{p.grade}</td>
                <td>{p.score}</td>
                <td>{t(`status.${p.status}`)}</td>
                <td>{dateTimeHm(p.capturedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>{t('accounts.keys')}</h3>
      <p className="account__hint">{t('accounts.keys_hint')}</p>
      <ul className="account__keys">
        {keys.map((key) => (
          <li key={key.key}>
            <span>{t(key.kind === 'domain' ? 'accounts.key_domain' : 'accounts.key_name', { value: key.value })}</span>
            {key.manual && <span className="account__manual">{t('accounts.key_manual')}</span>}
            <button type="button" className="button button--quiet" disabled={keys.length < 2 || busy} onClick={() => setPending({ kind: 'split', key })}>
              {t('accounts.split')}
            </button>
          </li>
        ))}
      </ul>

      <h3>{t('accounts.merge')}</h3>
      <div className="account__merge">
        <label htmlFor={mergeId} className="field__label">{t('accounts.merge_into')}</label>
        <select id={mergeId} value={mergeInto} onChange={(e) => setMergeInto(e.target.value)}>
          <option value="">{t('accounts.merge_choose')}</option>
          {candidates.map((a) => (
            <option key={a.id} value={a.id}>{a.domain ? `${a.name} (${a.domain})` : a.name}</option>
          ))}
        </select>
        <button
          type="button"
          className="button"
          disabled={!mergeInto || busy}
          onClick={() => {
            const into = candidates.find((a) => a.id === mergeInto);
            if (into) setPending({ kind: 'merge', into });
          }}
        >
          {t('accounts.merge_button')}
        </button>
      </div>

      {pending && (
        <div className="notice notice--warning account__confirm" role="alertdialog" aria-label={t('accounts.confirm_title')}>
          <p>
            {pending.kind === 'merge'
              ? t('accounts.merge_confirm', { from: account.name, into: pending.into.name })
              : t('accounts.split_confirm', { value: pending.key.value, from: account.name })}
          </p>
          <button type="button" className="button button--primary" disabled={busy} onClick={() => void confirm(pending)}>
            {pending.kind === 'merge' ? t('accounts.merge_button') : t('accounts.split')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setPending(null)}>{t('common.cancel')}</button>
        </div>
      )}
    </div>
  );
}
