import type { PersonFields } from '../../../shared/model';
import { useI18n } from '../app/i18n';

type Field = keyof PersonFields;

const INPUT: Partial<Record<Field, { type: string; autoComplete: string }>> = {
  familyName: { type: 'text', autoComplete: 'family-name' },
  givenName: { type: 'text', autoComplete: 'given-name' },
  company: { type: 'text', autoComplete: 'organization' },
  title: { type: 'text', autoComplete: 'organization-title' },
  email: { type: 'email', autoComplete: 'email' },
  phone: { type: 'tel', autoComplete: 'tel' },
  url: { type: 'url', autoComplete: 'url' },
};

/**
 * A person's fields as labelled inputs, in the order given: entering someone without a badge
 * and correcting a lead a CRM refused look and behave the same.
 */
export function PersonInputs<F extends Field>(props: {
  fields: readonly F[];
  values: Partial<Record<F, string>>;
  onChange(field: F, value: string): void;
  autoFocusFirst?: boolean;
  /** A word shown on a field's label to ask for a second look (a business card's unsure reading). */
  marks?: Partial<Record<F, string>>;
}) {
  const { t } = useI18n();
  return (
    <>
      {props.fields.map((name, i) => (
        <label key={name} className={props.marks?.[name] ? 'field field--check' : 'field'}>
          <span className="field__label">
            {t(`field.${name}`)}
            {props.marks?.[name] && <span className="field__mark">{props.marks[name]}</span>}
          </span>
          <input
            type={INPUT[name]?.type ?? 'text'}
            name={name}
            autoComplete={INPUT[name]?.autoComplete ?? 'off'}
            autoFocus={props.autoFocusFirst === true && i === 0}
            maxLength={name === 'url' ? 2000 : 500}
            value={props.values[name] ?? ''}
            onChange={(e) => props.onChange(name, e.target.value)}
          />
        </label>
      ))}
    </>
  );
}
