import { useState } from 'react';
import { Owner } from '../../../../shared/triage/assign';
import { useI18n } from '../../app/i18n';
import { ProblemNotice } from '../../ui/ProblemNotice';
import { SelectField, TextField } from '../../ui/fields';
import type { TriageEditor } from './useTriageEditor';

interface OwnerForm {
  name: string;
  email: string;
  team: string;
}
const blank: OwnerForm = { name: '', email: '', team: '' };

type FormProblems = Partial<Record<keyof OwnerForm, string>>;

/**
 * The people leads go to, saved one at a time (owners.save), and the default owner (part of the
 * rules draft). An owner is never deleted, only made inactive, so old leads keep a name.
 */
export function OwnersSettings({ editor }: { editor: TriageEditor }) {
  const { t } = useI18n();
  const { idOf, draft } = editor;
  const [adding, setAdding] = useState<OwnerForm>(blank);
  const [addProblems, setAddProblems] = useState<FormProblems>({});
  const [addFailure, setAddFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ email: string; form: OwnerForm } | null>(null);
  const [editProblems, setEditProblems] = useState<FormProblems>({});
  const [rowFailure, setRowFailure] = useState<{ email: string; text: string } | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const teams = [...new Set(editor.owners.flatMap((o) => (o.team ? [o.team] : [])))].sort();

  /** The form as an owner, or the problems to show by field (translated, never the schema's English). */
  function parse(form: OwnerForm, active: boolean): { owner: Owner } | { problems: FormProblems } {
    const result = Owner.safeParse({ name: form.name, email: form.email, team: form.team.trim() === '' ? null : form.team, active });
    if (result.success) return { owner: result.data };
    const problems: FormProblems = {};
    for (const issue of result.error.issues) {
      const field = issue.path[0];
      if (field === 'name') problems.name = t('owners.error.name');
      else if (field === 'email') problems.email = t('owners.error.email');
      else if (field === 'team') problems.team = t('owners.error.team');
    }
    return { problems };
  }

  async function add() {
    setAddFailure(null);
    setNote(null);
    const parsed = parse(adding, true);
    if ('problems' in parsed) {
      setAddProblems(parsed.problems);
      const first = (['name', 'email', 'team'] as const).find((f) => parsed.problems[f]);
      if (first) document.getElementById(idOf(`owner.new.${first}`))?.focus();
      return;
    }
    if (editor.owners.some((o) => o.email === parsed.owner.email)) {
      setAddProblems({ email: t('owners.error.exists') });
      document.getElementById(idOf('owner.new.email'))?.focus();
      return;
    }
    setAddProblems({});
    const failure = await editor.saveOwner(parsed.owner);
    if (failure) setAddFailure(failure);
    else {
      setAdding(blank);
      setNote(t('owners.added', { name: parsed.owner.name }));
      document.getElementById(idOf('owner.new.name'))?.focus();
    }
  }

  async function saveEdit(owner: Owner) {
    if (!editing) return;
    const parsed = parse(editing.form, owner.active);
    if ('problems' in parsed) {
      setEditProblems(parsed.problems);
      return;
    }
    const failure = await editor.saveOwner(parsed.owner);
    if (failure) setRowFailure({ email: owner.email, text: failure });
    else {
      setEditing(null);
      setEditProblems({});
      setRowFailure(null);
      setNote(t('owners.saved', { name: parsed.owner.name }));
      editor.focusLater([`owner.${owner.email}.edit`]);
    }
  }

  async function setActive(owner: Owner, active: boolean) {
    setNote(null);
    const failure = await editor.saveOwner({ ...owner, active });
    if (failure) setRowFailure({ email: owner.email, text: failure });
    else {
      setRowFailure(null);
      setNote(t(active ? 'owners.reactivated' : 'owners.deactivated', { name: owner.name }));
      editor.focusLater([`owner.${owner.email}.active`]);
    }
  }

  const ownerLabel = (o: Owner) => (o.team ? t('owners.name_team', { name: o.name, team: o.team }) : o.name);
  const defaultChoices = [
    { value: '', label: t('owners.default_none') },
    ...editor.owners
      .filter((o) => o.active || o.email === draft?.defaultOwner)
      .map((o) => ({ value: o.email, label: o.active ? `${ownerLabel(o)} <${o.email}>` : t('owners.inactive_choice', { name: o.name }) })),
  ];

  return (
    <section className="panel" aria-labelledby={idOf('owners.title')}>
      <h2 id={idOf('owners.title')} className="panel__title">
        {t('owners.title')}
      </h2>
      <p className="muted">{t('owners.help')}</p>
      <datalist id={idOf('owner.teams')}>
        {teams.map((team) => (
          <option key={team} value={team} />
        ))}
      </datalist>
      {editor.owners.length === 0 ? (
        <p className="muted">{t('owners.none')}</p>
      ) : (
        <table className="tset__table" data-testid="owners-table">
          <caption className="visually-hidden">{t('owners.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('owners.name')}</th>
              <th scope="col">{t('owners.email')}</th>
              <th scope="col">{t('owners.team')}</th>
              <th scope="col">{t('owners.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('owners.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {editor.owners.map((o) => {
              const isEditing = editing?.email === o.email;
              const form = isEditing ? editing.form : null;
              return (
                <tr key={o.email} data-testid="owner-row" data-email={o.email} className={o.active ? undefined : 'tset__inactive'}>
                  {form ? (
                    <>
                      <td>
                        <TextField id={idOf(`owner.${o.email}.name`)} label={t('owners.name')} value={form.name} problem={editProblems.name} onChange={(name) => setEditing({ email: o.email, form: { ...form, name } })} />
                      </td>
                      <td className="field__mono">{o.email}</td>
                      <td>
                        <TextField id={idOf(`owner.${o.email}.team`)} label={t('owners.team')} list={idOf('owner.teams')} value={form.team} problem={editProblems.team} onChange={(team) => setEditing({ email: o.email, form: { ...form, team } })} />
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{o.name}</td>
                      <td className="field__mono">{o.email}</td>
                      <td>{o.team ?? <span className="muted">{t('owners.no_team')}</span>}</td>
                    </>
                  )}
                  <td>{o.active ? t('owners.active') : t('assign.inactive')}</td>
                  <td>
                    <div className="actions actions--tight">
                      {form ? (
                        <>
                          <button type="button" className="button button--primary" onClick={() => void saveEdit(o)}>
                            {t('owners.save')}
                          </button>
                          <button
                            type="button"
                            className="button"
                            onClick={() => {
                              setEditing(null);
                              setEditProblems({});
                              editor.focusLater([`owner.${o.email}.edit`]);
                            }}
                          >
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          id={idOf(`owner.${o.email}.edit`)}
                          className="button"
                          aria-label={t('owners.edit_of', { name: o.name })}
                          onClick={() => {
                            setEditing({ email: o.email, form: { name: o.name, email: o.email, team: o.team ?? '' } });
                            setEditProblems({});
                            editor.focusLater([`owner.${o.email}.name`]);
                          }}
                        >
                          {t('owners.edit')}
                        </button>
                      )}
                      <button
                        type="button"
                        id={idOf(`owner.${o.email}.active`)}
                        className="button"
                        aria-label={t(o.active ? 'owners.deactivate_of' : 'owners.reactivate_of', { name: o.name })}
                        onClick={() => void setActive(o, !o.active)}
                      >
                        {t(o.active ? 'owners.deactivate' : 'owners.reactivate')}
                      </button>
                    </div>
                    {rowFailure?.email === o.email && <ProblemNotice problem={rowFailure.text} />}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}

      <form
        className="tset__add-owner"
        aria-labelledby={idOf('owner.new.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <h3 id={idOf('owner.new.title')}>{t('owners.add_title')}</h3>
        <div className="tset__row">
          <TextField id={idOf('owner.new.name')} label={t('owners.name')} value={adding.name} problem={addProblems.name} onChange={(name) => setAdding({ ...adding, name })} />
          <TextField id={idOf('owner.new.email')} label={t('owners.email')} type="email" value={adding.email} problem={addProblems.email} onChange={(email) => setAdding({ ...adding, email })} />
          <TextField id={idOf('owner.new.team')} label={t('owners.team')} list={idOf('owner.teams')} hint={t('owners.team_hint')} value={adding.team} problem={addProblems.team} onChange={(team) => setAdding({ ...adding, team })} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('owners.add')}
          </button>
          {note && (
            <span className="notice notice--success" role="status" data-testid="owner-saved">
              {note}
            </span>
          )}
        </div>
        <ProblemNotice problem={addFailure} />
      </form>

      {draft && (
        <div className="tset__default-owner">
          <SelectField
            id={idOf('defaultOwner')}
            label={t('assign.default_owner')}
            value={draft.defaultOwner}
            problem={editor.problemFor('defaultOwner')}
            options={defaultChoices}
            onChange={(defaultOwner) => editor.change((d) => ({ ...d, defaultOwner }))}
          />
          <p className="muted field__hint">{t('owners.default_help')}</p>
        </div>
      )}
    </section>
  );
}
