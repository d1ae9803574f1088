import type { CardReading } from '../../../shared/card/api';
import { isLow } from '../../../shared/card/reading';
import { cardToPerson, type CardNoteLabels } from '../../../shared/card/to-person';
import type { PersonFields } from '../../../shared/model';

/** A card's reading as a person reviews it: the lead's fields, the note, and the fields to check. */
export interface CardReview {
  fields: PersonFields;
  notes: string;
  /** The person fields the reader was unsure of: marked in the form. */
  check: (keyof PersonFields)[];
}

/** A card read on the Capture screen, waiting in the manual-entry form for a person to check and save. */
export interface CardDraft extends CardReview {
  photo: { base64: string; mime: string; url: string };
}

/** The reading as the form's starting values: the lead's fields, the rest in the note, the unsure fields marked. */
export function reviewOf(reading: CardReading, labels: CardNoteLabels): CardReview {
  const { fields, notes } = cardToPerson(reading.fields, labels);
  const person = Object.keys(fields) as (keyof PersonFields)[];
  const check = person.filter((name) => {
    // The lead's phone is the office number, else the mobile: it is unsure if the one used is.
    const source = name === 'phone' && !reading.fields.phone ? reading.fields.mobile : reading.fields[name as keyof CardReading['fields']];
    return isLow(source);
  });
  return { fields, notes, check };
}

/** The review with the card's photo, for the manual-entry form. */
export function draftOf(reading: CardReading, labels: CardNoteLabels, photo: CardDraft['photo']): CardDraft {
  return { ...reviewOf(reading, labels), photo };
}
