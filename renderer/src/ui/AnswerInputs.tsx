import { useId } from 'react';
import type { AnswerValue } from '../../../shared/qualify/answers';
import type { Question } from '../../../shared/qualify/form';
import { useI18n } from '../app/i18n';

/**
 * An event form's questions as ordinary labelled inputs, for correcting answers at a desk:
 * a select for one choice, yes/no and the 1–5 scale, boxes for several choices, a box for a
 * number or a short text. (The capture card has its own keyboard chips for speed at the booth.)
 * A value is handed back as the contract takes it: null when the answer is emptied.
 */
export function AnswerInputs(props: {
  questions: readonly Question[];
  values: Readonly<Record<string, AnswerValue | null | undefined>>;
  onChange(key: string, value: AnswerValue | null): void;
  disabled?: boolean;
}) {
  return (
    <>
      {props.questions.map((question) => (
        <AnswerInput
          key={question.key}
          question={question}
          value={props.values[question.key] ?? null}
          onChange={(value) => props.onChange(question.key, value)}
          disabled={props.disabled === true}
        />
      ))}
    </>
  );
}

function AnswerInput({ question, value, onChange, disabled }: {
  question: Question;
  value: AnswerValue | null;
  onChange(value: AnswerValue | null): void;
  disabled: boolean;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const label = (
    <>
      {question.label[lang]}
      {question.required && <span className="answer-input__required"> {t('leads.answer_required')}</span>}
    </>
  );

  if (question.kind === 'multiple') {
    const picked = Array.isArray(value) ? value : [];
    return (
      <fieldset className="field choice-group answer-input" data-question={question.key} disabled={disabled}>
        <legend className="field__label">{label}</legend>
        {question.options.map((option) => (
          <label key={option.value} className="answer-input__option">
            <input
              type="checkbox"
              name={`${question.key}.${option.value}`}
              checked={picked.includes(option.value)}
              onChange={(e) => {
                const next = e.target.checked ? [...picked, option.value] : picked.filter((v) => v !== option.value);
                onChange(next.length > 0 ? next : null);
              }}
            />
            <span>{option.label[lang]}</span>
          </label>
        ))}
      </fieldset>
    );
  }

  const common = { id, name: question.key, disabled, 'aria-required': question.required, 'data-question': question.key };
  let input;
  switch (question.kind) {
    case 'single':
      input = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">{t('leads.answer_none')}</option>
          {question.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label[lang]}
            </option>
          ))}
        </select>
      );
      break;
    case 'yesno':
      input = (
        <select
          {...common}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
        >
          <option value="">{t('leads.answer_none')}</option>
          <option value="yes">{t('leads.answer_yes')}</option>
          <option value="no">{t('leads.answer_no')}</option>
        </select>
      );
      break;
    case 'scale':
      input = (
        <select {...common} value={typeof value === 'number' ? String(value) : ''} onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">{t('leads.answer_none')}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      input = (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          value={typeof value === 'number' ? String(value) : ''}
          onChange={(e) => onChange(e.target.value === '' || !Number.isFinite(e.target.valueAsNumber) ? null : e.target.valueAsNumber)}
        />
      );
      break;
    case 'text':
      input = <input {...common} type="text" maxLength={2000} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} />;
      break;
  }
  return (
    <div className="field answer-input">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {input}
    </div>
  );
}
