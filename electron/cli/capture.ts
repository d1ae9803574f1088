import { z } from 'zod';
import { api, type Input, type Output } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { checkAnswer, type AnswersInput, type AnswerValue } from '../../shared/qualify/answers';
import type { Form, Question } from '../../shared/qualify/form';
import type { Call } from './export';

export interface CaptureArgs {
  eventId: string;
  payload: string;
  staff?: string | undefined;
  rating?: string | undefined;
  note?: string | undefined;
  /** Each `--answer KEY=VALUE` as typed. */
  answers?: string[] | undefined;
  consent?: string | undefined;
}

const YES = new Set(['yes', 'y', 'true', 'はい']);
const NO = new Set(['no', 'n', 'false', 'いいえ']);

/** A typed value as the question's kind reads it; undefined when it cannot be one. */
function typedValue(question: Question, text: string): AnswerValue | undefined {
  switch (question.kind) {
    case 'multiple':
      return text.split('|').map((v) => v.trim()).filter((v) => v !== '');
    case 'yesno': {
      const word = text.trim().toLowerCase();
      return YES.has(word) ? true : NO.has(word) ? false : undefined;
    }
    case 'scale':
    case 'number': {
      const n = text.trim() === '' ? Number.NaN : Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    default:
      return text.trim();
  }
}

/**
 * `--answer KEY=VALUE` flags checked against the event's form, so a wrong key or value is
 * refused before anything is stored (the handler checks again, inside its transaction).
 */
export function parseAnswerFlags(form: Form, flags: readonly string[]): AnswersInput {
  const byKey = new Map(form.questions.map((q) => [q.key, q]));
  const answers: AnswersInput = {};
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    const key = (eq < 0 ? flag : flag.slice(0, eq)).trim();
    const question = byKey.get(key);
    if (!question) {
      const known = form.questions.map((q) => q.key).join(', ');
      throw new AppError('answer.unknown_question', `The form has no question "${key}" (it has: ${known})`, { key });
    }
    const text = eq < 0 ? '' : flag.slice(eq + 1);
    const typed = typedValue(question, text);
    const previous = answers[key];
    // `--answer follow_up=demo --answer follow_up=quote` adds picks, like `demo|quote`; any
    // other question answered twice is refused rather than silently keeping one of the two.
    const combined = previous === undefined ? typed : Array.isArray(previous) && Array.isArray(typed) ? [...previous, ...typed] : undefined;
    const value = combined === undefined ? undefined : checkAnswer(question, combined);
    if (value === undefined) {
      const expected = question.options.length > 0 ? `one of ${question.options.map((o) => o.value).join(', ')}` : expectedFor(question);
      const again = previous === undefined ? '' : ' (answered twice)';
      throw new AppError('answer.invalid_value', `"${text}" is not a valid answer to ${key}${again}: expected ${expected}`, { key, value: text });
    }
    answers[key] = value;
  }
  return answers;
}

function expectedFor(question: Question): string {
  switch (question.kind) {
    case 'yesno': return 'yes or no';
    case 'scale': return 'a whole number from 1 to 5';
    case 'number': return 'a number';
    default: return 'some text';
  }
}

/** Rating, note and consent checked with the contract's own schema, before the capture. */
const Qualification = api['leads.update'].input.pick({ rating: true, notes: true, consent: true });

/**
 * `leadbooth capture PAYLOAD --event ID [--rating R] [--note T] [--answer K=V]... [--consent V]`:
 * every flag is checked first, then the scan is stored and qualified in a second write. A
 * failure between the two is said plainly, with the lead's id, so the lead is not mistaken
 * for qualified.
 */
export async function captureCommand(call: Call, args: CaptureArgs, warn: (line: string) => void) {
  const checked = Qualification.safeParse({
    ...(args.rating !== undefined ? { rating: args.rating } : {}),
    ...(args.note !== undefined ? { notes: args.note } : {}),
    ...(args.consent !== undefined ? { consent: { version: args.consent } } : {}),
  });
  if (!checked.success) throw new AppError('api.invalid_input', z.prettifyError(checked.error), checked.error.issues);
  const update: Omit<Input<'leads.update'>, 'id'> = { ...checked.data };
  if (args.answers && args.answers.length > 0) {
    const form = (await call('forms.get', { eventId: args.eventId })) as Output<'forms.get'>;
    update.answers = parseAnswerFlags(form, args.answers);
  }
  if (update.consent) {
    const { versions } = (await call('consent.get', { eventId: args.eventId })) as Output<'consent.get'>;
    const version = update.consent.version;
    if (!versions.some((v) => v.version === version)) {
      const known = versions.map((v) => v.version).join(', ') || 'none yet';
      throw new AppError('consent.unknown_version', `This event has no consent text version ${version} (it has: ${known})`);
    }
  }

  const scanned = (await call('capture.scan', {
    eventId: args.eventId,
    payload: args.payload,
    staff: args.staff,
    source: 'cli',
  })) as Output<'capture.scan'>;
  if (Object.keys(update).length === 0) return { ...scanned.lead, merged: scanned.merged };
  try {
    const lead = (await call('leads.update', { id: scanned.lead.id, ...update, staff: args.staff })) as Output<'leads.update'>;
    return { ...lead, merged: scanned.merged };
  } catch (err) {
    warn(`Lead ${scanned.lead.id} was captured, but its rating, note, answers or consent were NOT saved; run the same capture again (a rescan is the same lead)`);
    throw err;
  }
}
