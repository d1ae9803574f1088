import type { Output } from '../../shared/api';
import type { Lead } from '../../shared/model';
import { answerText } from '../../shared/qualify/answers';
import type { Form } from '../../shared/qualify/form';
import type { Call } from './export';

type Write = (line: string) => void;

/** A lead's photos (their details; the bytes are `photos.get`'s). */
const photosOf = async (call: Call, leadId: string) => (await call('photos.list', { leadId })) as Output<'photos.list'>;

/** A lead as the CLI prints it: the API's lead plus consent as one value and its photos. */
async function withQualification(call: Call, lead: Lead) {
  return {
    ...lead,
    consent: lead.consentVersion === null ? null : { version: lead.consentVersion, at: lead.consentAt },
    photos: await photosOf(call, lead.id),
  };
}

const name = (lead: Lead) => lead.fullName ?? lead.email ?? lead.badgeId ?? '(no name)';

/** `leadbooth leads list --event ID [--json]` */
export async function leadsList(call: Call, eventId: string, json: boolean, out: Write) {
  const all: Lead[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await call('leads.list', { eventId, offset, limit: 1000 })) as Output<'leads.list'>;
    all.push(...page.rows);
    if (page.rows.length < 1000) break;
  }
  if (json) {
    const rows = [];
    for (const lead of all) rows.push(await withQualification(call, lead));
    out(JSON.stringify(rows));
    return;
  }
  for (const lead of all) {
    out([lead.id, lead.fullName ?? '', lead.company ?? '', lead.rating ?? '', lead.status, lead.grade, lead.score, lead.owner ?? ''].join('\t'));
  }
}

/** `leadbooth leads show ID [--json]`: the lead, its answers, consent, photos and touches. */
export async function leadsShow(call: Call, id: string, json: boolean, out: Write) {
  const { lead, touches } = (await call('leads.get', { id })) as Output<'leads.get'>;
  const shown = { ...(await withQualification(call, lead)), touches };
  if (json) {
    out(JSON.stringify(shown));
    return;
  }
  const line = (label: string, value: string | null | undefined) => {
    if (value) out(`${label.padEnd(9)} ${value}`);
  };
  line('id', lead.id);
  line('name', lead.fullName);
  line('company', lead.company);
  line('email', lead.email);
  line('phone', lead.phone);
  line('badge', lead.badgeId);
  line('rating', lead.rating);
  line('status', lead.rejectionReason ? `${lead.status} (${lead.rejectionReason})` : lead.status);
  line('grade', `${lead.grade}, score ${lead.score}`);
  line('owner', lead.owner);
  line('followup', lead.followUpDue ? `due ${lead.followUpDue}` : null);
  line('notes', lead.notes);
  for (const [key, answer] of Object.entries(lead.answers)) line(key, `${answerText(answer, 'en')}  (${answer.label.en})`);
  line('consent', shown.consent ? `version ${shown.consent.version}, ${shown.consent.at}` : 'none recorded');
  line('photos', String(shown.photos.length));
  line('captured', `${lead.capturedAt}${lead.capturedBy ? ` by ${lead.capturedBy}` : ''}`);
  line('deleted', lead.deletedAt ? `${lead.deletedAt} (undo: leadbooth leads restore ${lead.id})` : null);
  line('touches', String(touches.length));
}

/** `leadbooth leads delete ID` / `leads restore ID`: soft, and each undoes the other. */
export async function leadsDeleteOrRestore(call: Call, action: 'delete' | 'restore', id: string, staff: string | undefined, json: boolean, out: Write) {
  const lead = (await call(action === 'delete' ? 'leads.delete' : 'leads.restore', { id, staff })) as Lead;
  if (json) out(JSON.stringify(await withQualification(call, lead)));
  else if (action === 'delete') out(`Deleted ${lead.id} (${name(lead)}); undo: leadbooth leads restore ${lead.id}`);
  else out(`Restored ${lead.id} (${name(lead)})`);
}

/** `leadbooth forms show --event ID [--json]` */
export async function formsShow(call: Call, eventId: string, json: boolean, out: Write) {
  const form = (await call('forms.get', { eventId })) as Form;
  if (json) {
    out(JSON.stringify(form));
    return;
  }
  out(`Form version ${form.version} (${form.questions.length} questions)`);
  for (const q of form.questions) {
    out(`${q.key}\t${q.kind}${q.required ? ', required' : ''}\t${q.label.ja} / ${q.label.en}`);
    for (const o of q.options) out(`  ${o.value}\t${o.label.ja} / ${o.label.en}`);
  }
}

/** `leadbooth leads merge SURVIVOR OTHER`: OTHER folds into SURVIVOR (one event); undo with `leads unmerge`. */
export async function leadsMerge(call: Call, survivorId: string, otherId: string, staff: string | undefined, json: boolean, out: Write) {
  const result = (await call('leads.merge', { survivorId, otherId, staff })) as Output<'leads.merge'>;
  if (json) out(JSON.stringify(result));
  else out(`Merged ${otherId} into ${survivorId} (${name(result.survivor)}); undo: leadbooth leads unmerge ${result.mergeId}`);
}

/** `leadbooth leads unmerge MERGE_ID`: both leads as they were, each with its own history. */
export async function leadsUnmerge(call: Call, mergeId: string, staff: string | undefined, json: boolean, out: Write) {
  const result = (await call('leads.unmerge', { mergeId, staff })) as Output<'leads.unmerge'>;
  if (json) out(JSON.stringify(result));
  else out(`Unmerged ${result.restored.id} (${name(result.restored)}) from ${result.survivor.id}`);
}
