import { z } from 'zod';
import { Id, Lead, StaffName } from '../model';
import { proc } from '../proc';
import { Form, FormQuestions } from './form';

export const ConsentVersion = z.string().trim().min(1).max(50);

/** Consent wording, in both languages, as it was when a person agreed to it. */
export const ConsentText = z.object({
  eventId: Id,
  version: z.string(),
  textJa: z.string(),
  textEn: z.string(),
  createdAt: z.iso.datetime(),
  /** How many leads agreed to this version: once any has, the wording is fixed. */
  agreed: z.number().int(),
});
export type ConsentText = z.infer<typeof ConsentText>;

const consentWording = z.string().trim().min(1).max(5000);
const byLead = z.object({ id: Id, staff: StaffName.optional() });

export const qualifyApi = {
  /** The event's form as it reads now; an event without one starts from the default form. */
  'forms.get': proc(z.object({ eventId: Id }), Form),
  /** Saves the questions as a new version (unchanged questions keep the current version). */
  'forms.save': proc(z.object({ eventId: Id, questions: FormQuestions }), Form),

  /** The consent text in force (the newest version) and every earlier one. */
  'consent.get': proc(z.object({ eventId: Id }), z.object({ current: ConsentText.nullable(), versions: z.array(ConsentText) })),
  /**
   * A new version of the wording. A version nobody agreed to yet may be reworded under its own
   * name; one a lead agreed to never changes (consent.version_agreed).
   */
  'consent.save': proc(
    z.object({ eventId: Id, version: ConsentVersion.optional(), textJa: consentWording, textEn: consentWording }),
    ConsentText,
  ),

  /** Soft delete: the lead leaves lists, exports and delivery; leads.restore brings it back. */
  'leads.delete': proc(byLead, Lead),
  'leads.restore': proc(byLead, Lead),
};
