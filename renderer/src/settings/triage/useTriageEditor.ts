import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EventSummary } from '../../../../shared/model';
import { DEFAULT_QUESTIONS, type Question } from '../../../../shared/qualify/form';
import type { RulesDocument } from '../../../../shared/triage/api';
import type { Owner } from '../../../../shared/triage/assign';
import { call, errorCode, errorDetails } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { refusal, useProblemFor } from '../../ui/field-problems';
import { useFocusLater } from '../../ui/useFocusLater';
import { questionCatalog, type CatalogQuestion, type TextContext } from './condition-text';
import { SaveInput, checkDraft, draftFrom, problemsFrom, toDocument, type FieldProblem, type RulesDraft } from './rules-draft';

export type TriageTab = 'scoring' | 'owners';

export interface SaveOutcome {
  rescored: number;
  becameMql: number;
}

/**
 * The triage settings being edited, shared by the Settings tabs so switching tabs keeps what
 * was typed: the rules draft (saved together with rules.save, which re-scores every lead), the
 * owners (saved one by one with owners.save), and what conditions may refer to (events, questions).
 */
export function useTriageEditor() {
  const { t, error, lang } = useI18n();
  const base = useId();
  const [loaded, setLoaded] = useState<RulesDocument | null>(null);
  const [draft, setDraft] = useState<RulesDraft | null>(null);
  const [owners, setOwners] = useState<Owner[]>([]);
  const [events, setEvents] = useState<EventSummary[]>([]);
  const [forms, setForms] = useState<Question[][]>([DEFAULT_QUESTIONS]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SaveOutcome | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  /** Rows (rule uids) whose editor is open. */
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  const idOf = useCallback((field: string) => `${base}${field}`, [base]);
  const focusLater = useFocusLater(idOf);

  // Loaded once: switching the language must not reload and drop what is being edited.
  const errorRef = useRef(error);
  errorRef.current = error;
  useEffect(() => {
    let live = true;
    Promise.all([call('rules.get', {}), call('owners.list', {}), call('events.list', {})])
      .then(async ([doc, people, evs]) => {
        if (!live) return;
        setLoaded(doc);
        setDraft(draftFrom(doc));
        setOwners(people);
        setEvents(evs);
        // Answer conditions pick from the events' own questions too; a form that fails to load only narrows the choice.
        const eventForms = await Promise.all(evs.map((e) => call('forms.get', { eventId: e.id }).then((f) => f.questions, () => [] as Question[])));
        if (live) setForms([DEFAULT_QUESTIONS, ...eventForms]);
      })
      .catch((err: unknown) => live && setFailure(errorRef.current(errorCode(err), errorDetails(err))));
    return () => {
      live = false;
    };
  }, []);

  // Closing or reloading the page with unsaved rules asks first (the browser words the question).
  useEffect(() => {
    if (!dirty) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [dirty]);

  // A problem inside a closed rule opens it, so the marked field can be seen.
  useEffect(() => {
    const rows = problems.flatMap((p) => (p.row ? [p.row] : []));
    if (rows.length > 0) setOpen((prev) => (rows.every((r) => prev.has(r)) ? prev : new Set([...prev, ...rows])));
  }, [problems]);

  /** Every edit goes through here; once problems are shown they follow the draft as it is fixed. */
  function change(update: (d: RulesDraft) => RulesDraft) {
    if (!draft) return;
    const next = update(draft);
    setDraft(next);
    if (problems.length > 0) setProblems(checkDraft(next));
    setDirty(true);
    setOutcome(null);
  }

  const toggleOpen = useCallback((row: string, on?: boolean) => {
    setOpen((prev) => {
      const nextSet = new Set(prev);
      if (on ?? !prev.has(row)) nextSet.add(row);
      else nextSet.delete(row);
      return nextSet;
    });
  }, []);

  async function save(): Promise<boolean> {
    if (!draft) return false;
    setFailure(null);
    setOutcome(null);
    const local = checkDraft(draft);
    setProblems(local);
    if (local.length > 0) return false;
    setBusy(true);
    try {
      const saved = await call('rules.save', SaveInput.parse(toDocument(draft)));
      setLoaded(saved.rules);
      setDraft(draftFrom(saved.rules));
      setOpen(new Set());
      setDirty(false);
      setOutcome({ rescored: saved.rescored, becameMql: saved.becameMql });
      return true;
    } catch (err) {
      const refused = refusal(err, (issues) => problemsFrom(issues, draft), error);
      if (refused.problems) setProblems(refused.problems);
      setFailure(refused.failure);
      return false;
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    if (!loaded) return;
    setDraft(draftFrom(loaded));
    setProblems([]);
    setFailure(null);
    setOpen(new Set());
    setDirty(false);
  }

  /** Adds or changes one owner at once; the error text, or null when saved. */
  async function saveOwner(owner: Owner): Promise<string | null> {
    try {
      await call('owners.save', owner);
      setOwners(await call('owners.list', {}));
      return null;
    } catch (err) {
      return error(errorCode(err), errorDetails(err));
    }
  }

  const problemFor = useProblemFor(problems);

  const questions: CatalogQuestion[] = useMemo(() => questionCatalog(forms), [forms]);
  const text: TextContext = useMemo(() => ({ lang, t, questions, events }), [lang, t, questions, events]);

  return {
    draft, owners, events, questions, text, problems, failure, outcome, dirty, busy, open, announce,
    idOf, problemFor, change, toggleOpen, focusLater, setAnnounce, save, discard, saveOwner,
  };
}

export type TriageEditor = ReturnType<typeof useTriageEditor>;

/** The tab a problem's field is on. */
export function tabOf(problem: FieldProblem, draft: RulesDraft): TriageTab {
  if (problem.field === 'defaultOwner' || problem.field === 'assignment') return 'owners';
  return problem.row && draft.assignment.some((r) => r.uid === problem.row) ? 'owners' : 'scoring';
}
