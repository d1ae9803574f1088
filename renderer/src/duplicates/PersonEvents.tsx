import { useEffect, useId, useState } from 'react';
import type { PersonLead } from '../../../shared/dedupe/api';
import { call, errorCode } from '../api/client';
import { dateTimeHm } from '../app/format';
import { useI18n } from '../app/i18n';
import { ProblemNotice } from '../ui/ProblemNotice';

/** The Triage detail panel's "this person at other events": one person (名寄せ), one lead per show. */
export function PersonEvents({ leadId }: { leadId: string }) {
  const { t, error } = useI18n();
  const headingId = useId();
  const [rows, setRows] = useState<PersonLead[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setRows(null);
    call('person.leads', { leadId })
      .then((found) => live && setRows(found))
      .catch((err: unknown) => live && setProblem(error(errorCode(err))));
    return () => {
      live = false;
    };
  }, [leadId, error]);

  return (
    <section className="triage-detail__section" aria-labelledby={headingId} data-testid="person-events">
      <h3 id={headingId}>{t('duplicates.person_events')}</h3>
      <ProblemNotice problem={problem} />
      {rows === null ? null : rows.length === 0 ? (
        <p className="muted">{t('duplicates.person_events_none')}</p>
      ) : (
        <ul className="person-events">
          {rows.map(({ lead, event }) => (
            <li key={lead.id}>
              <strong>{event.name}</strong>{' '}
              <span className="muted">
                {t('duplicates.person_event_line', { at: dateTimeHm(lead.capturedAt), status: t(`status.${lead.status}`), grade: lead.grade })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
