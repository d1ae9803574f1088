import { useCallback, useEffect, useId, useState } from 'react';
import type { DuplicatePair, MergeResult } from '../../../shared/dedupe/api';
import type { EventSummary } from '../../../shared/model';
import { call, errorCode, errorDetails } from '../api/client';
import { dateTimeHm, displayName } from '../app/format';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';
import { UndoToast } from '../ui/UndoToast';
import { pairFields } from './pair-fields';
import './duplicates.css';

const PAGE = 50;

/**
 * 名寄せ for a person: the pairs the rules suggested (same name and company, or same name and
 * phone), side by side with what differs highlighted; merge them (choosing the lead that lives
 * on) or say "not the same person", which is remembered. A merge can be undone from the toast.
 */
export function DuplicatesScreen({ event, staff }: { event: EventSummary | null; staff: string | null }) {
  const { t, error, count } = useI18n();
  const [everywhere, setEverywhere] = useState(false);
  const [pairs, setPairs] = useState<DuplicatePair[] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [undo, setUndo] = useState<{ merge: MergeResult; problem: string | null } | null>(null);
  const eventId = everywhere ? undefined : event?.id;
  const fail = useCallback((err: unknown) => setProblem(error(errorCode(err), errorDetails(err))), [error]);

  // Keyed by the event's id, not its summary: the event list is read again after every capture
  // at any booth, and a reload on each fresh copy blanked the pairs under a person's click.
  const load = useCallback(async () => {
    if (!everywhere && eventId === undefined) return;
    try {
      const page = await call('duplicates.list', { ...(eventId ? { eventId } : {}), state: 'open', limit: PAGE });
      setPairs(page.rows);
      setTotal(page.total);
    } catch (err) {
      fail(err);
    }
  }, [everywhere, eventId, fail]);

  useEffect(() => {
    setPairs(null);
    void load();
  }, [load]);

  const who = staff ? { staff } : {};

  async function scan() {
    setProblem(null);
    try {
      const found = await call('duplicates.scan', eventId ? { eventId } : {});
      setNotice(t('duplicates.scanned', { merged: count(found.merged), suggested: count(found.suggested), linked: count(found.linked) }));
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function merge(pair: DuplicatePair, survivorId: string) {
    setProblem(null);
    setNotice(null);
    try {
      const merged = await call('duplicates.merge', { a: pair.a.id, b: pair.b.id, survivorId, ...who });
      if (merged.mergeId) setUndo({ merge: merged, problem: null });
      else setNotice(t('duplicates.linked', { name: displayName(merged.survivor) ?? t('card.unnamed') }));
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function dismiss(pair: DuplicatePair) {
    setProblem(null);
    setNotice(null);
    try {
      await call('duplicates.dismiss', { a: pair.a.id, b: pair.b.id, ...who });
      setNotice(t('duplicates.dismissed'));
      await load();
    } catch (err) {
      fail(err);
    }
  }

  async function undoMerge() {
    if (!undo?.merge.mergeId) return;
    try {
      await call('leads.unmerge', { mergeId: undo.merge.mergeId, ...who });
      setUndo(null);
      setNotice(t('duplicates.undone'));
      await load();
    } catch (err) {
      setUndo({ ...undo, problem: error(errorCode(err), errorDetails(err)) });
    }
  }

  if (!everywhere && !event) {
    return <p className="notice">{t('duplicates.no_event')}</p>;
  }

  return (
    <section className="duplicates" aria-labelledby="duplicates-title">
      <header className="duplicates__header">
        <h1 id="duplicates-title">{t('duplicates.title')}</h1>
        <label className="duplicates__scope">
          <input type="checkbox" checked={everywhere} onChange={(e) => setEverywhere(e.target.checked)} />
          {t('duplicates.all_events')}
        </label>
        <button type="button" className="button" onClick={() => void scan()}>
          {t('duplicates.scan')}
        </button>
      </header>
      <p className="muted">{t('duplicates.help')}</p>
      <ProblemNotice problem={problem} />
      {notice && (
        <p className="notice notice--success" role="status">
          {notice}
        </p>
      )}
      {pairs === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : pairs.length === 0 ? (
        <p data-testid="duplicates-empty">{t('duplicates.empty')}</p>
      ) : (
        <>
          <p role="status">{t('duplicates.count', { count: count(total) })}</p>
          <ol className="duplicates__list">
            {pairs.map((pair) => (
              <li key={`${pair.a.id}:${pair.b.id}`}>
                <PairCard pair={pair} onMerge={(survivor) => void merge(pair, survivor)} onDismiss={() => void dismiss(pair)} />
              </li>
            ))}
          </ol>
        </>
      )}
      {undo && (
        <UndoToast
          message={t('duplicates.merged', { name: displayName(undo.merge.survivor) ?? t('card.unnamed') })}
          problem={undo.problem}
          onUndo={undoMerge}
          onDismiss={() => setUndo(null)}
        />
      )}
    </section>
  );
}

function PairCard({ pair, onMerge, onDismiss }: { pair: DuplicatePair; onMerge(survivorId: string): void; onDismiss(): void }) {
  const { t } = useI18n();
  const titleId = useId();
  // The lead met first lives on unless the person picks the other.
  const [survivor, setSurvivor] = useState(pair.a.capturedAt <= pair.b.capturedAt ? pair.a.id : pair.b.id);
  const fields = pairFields(pair.a, pair.b);
  const sides = [pair.a, pair.b] as const;
  const across = pair.scope === 'person';
  return (
    <article className="dup-pair" aria-labelledby={titleId} data-testid="duplicate-pair">
      <h2 id={titleId} className="dup-pair__title">
        {t(`duplicates.rule.${pair.rule}`)}
        {pair.state === 'undone' && <span className="dup-pair__tag">{t('duplicates.state.undone')}</span>}
        {across && <span className="dup-pair__tag">{t('duplicates.scope.person')}</span>}
      </h2>
      <table className="table dup-pair__table">
        <thead>
          <tr>
            <th scope="col">{t('duplicates.field.field')}</th>
            {sides.map((lead, i) => (
              <th scope="col" key={lead.id}>
                <label className="dup-pair__keep">
                  <input
                    type="radio"
                    name={`keep-${titleId}`}
                    checked={survivor === lead.id}
                    onChange={() => setSurvivor(lead.id)}
                    aria-label={t('duplicates.keep', { side: t(i === 0 ? 'duplicates.side.a' : 'duplicates.side.b') })}
                  />
                  {t(across ? 'duplicates.keep_person' : 'duplicates.keep_short')}
                </label>
                <span className="muted dup-pair__captured">{dateTimeHm(lead.capturedAt)}{lead.capturedBy ? ` · ${lead.capturedBy}` : ''}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.key} className={f.differs ? 'dup-pair__row dup-pair__row--differs' : 'dup-pair__row'} data-differs={f.differs}>
              <th scope="row">{t(f.label)}</th>
              <td>{f.a || '—'}</td>
              <td>{f.b || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" className="button button--primary" onClick={() => onMerge(survivor)}>
          {t(across ? 'duplicates.link' : 'duplicates.merge')}
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          {t('duplicates.not_same')}
        </button>
      </div>
    </article>
  );
}
