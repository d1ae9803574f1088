import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { SavedView, TriageFilter, TriageSort } from '../../../shared/triage/api';
import { call, errorCode, errorDetails } from '../api/client';
import { useI18n } from '../app/i18n';
import { overdueFollowUps, todaysUnownedAMqls, viewKey } from './triage-filter';

type Apply = (view: { filter: TriageFilter; sort: TriageSort }) => void;

/**
 * Saved views: the current filter and sort under a name, picked again in one step. Two quick
 * views are built in and computed when picked, so "today" is always today.
 */
export function SavedViews(props: { filter: TriageFilter; sort: TriageSort; onApply: Apply; onProblem(problem: string | null): void }) {
  const { t, error } = useI18n();
  const pickId = useId();
  const nameId = useId();
  const [views, setViews] = useState<SavedView[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const { filter, sort, onApply, onProblem } = props;
  const fail = useCallback((err: unknown) => onProblem(error(errorCode(err), errorDetails(err))), [error, onProblem]);

  useEffect(() => {
    call('triage.views.list', {}).then(setViews).catch(fail);
  }, [fail]);

  const shown = viewKey(filter, sort);
  const current = views.find((v) => viewKey(v.filter, v.sort) === shown) ?? null;

  async function save(e: FormEvent) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    try {
      // The same name again replaces that view rather than making a second one.
      const same = views.find((v) => v.name === trimmed);
      const saved = await call('triage.views.save', { ...(same ? { id: same.id } : {}), name: trimmed, filter, sort });
      setViews((vs) => [...vs.filter((v) => v.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setNaming(false);
      setName('');
      onProblem(null);
    } catch (err) {
      fail(err);
    }
  }

  async function remove(view: SavedView) {
    try {
      await call('triage.views.delete', { id: view.id });
      setViews((vs) => vs.filter((v) => v.id !== view.id));
    } catch (err) {
      fail(err);
    }
  }

  return (
    <div className="triage-views">
      <button type="button" className="button button--quiet" onClick={() => onApply(todaysUnownedAMqls(new Date()))}>
        {t('triage.view.todays_a_mql')}
      </button>
      <button type="button" className="button button--quiet" onClick={() => onApply(overdueFollowUps())}>
        {t('triage.view.overdue')}
      </button>
      <div className="field field--inline">
        <label htmlFor={pickId} className="field__label">
          {t('triage.view.label')}
        </label>
        <select
          id={pickId}
          value={current?.id ?? ''}
          onChange={(e) => {
            const view = views.find((v) => v.id === e.target.value);
            if (view) onApply({ filter: view.filter, sort: view.sort });
          }}
        >
          <option value="">{views.length === 0 ? t('triage.view.none_saved') : t('triage.view.choose')}</option>
          {views.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
            </option>
          ))}
        </select>
      </div>
      {current && (
        <button type="button" className="button button--quiet" onClick={() => void remove(current)}>
          {t('triage.view.delete', { name: current.name })}
        </button>
      )}
      {naming ? (
        <form className="triage-views__save" onSubmit={(e) => void save(e)}>
          <label htmlFor={nameId} className="visually-hidden">
            {t('triage.view.name')}
          </label>
          <input id={nameId} value={name} maxLength={100} placeholder={t('triage.view.name')} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button button--primary" disabled={!name.trim()}>
            {t('common.save')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setNaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setNaming(true)}>
          {t('triage.view.save')}
        </button>
      )}
    </div>
  );
}
