import type { ReactNode } from 'react';
import './fields.css';

/**
 * The small labelled inputs the editors of rows are made of (form questions, triage settings):
 * each shows its own problem, tied to it with aria-describedby, so a screen reader reads the
 * fault with the field.
 */

export function TextField(props: {
  id: string;
  label: string;
  /** A fuller name where the visible label repeats per row ("Points: Title: executive"). */
  ariaLabel?: string;
  value: string;
  onChange(value: string): void;
  problem?: string | undefined;
  hint?: ReactNode;
  readOnly?: boolean;
  lang?: string;
  mono?: boolean;
  /** Numbers are typed as text so a half-typed or wrong value is kept and named, never blanked. */
  numeric?: boolean;
  placeholder?: string;
  list?: string;
  type?: string;
  className?: string;
}) {
  const hintId = `${props.id}.hint`;
  const problemId = `${props.id}.problem`;
  const describedBy = [props.problem ? problemId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${props.className ? ` ${props.className}` : ''}`}>
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        value={props.value}
        readOnly={props.readOnly}
        lang={props.lang}
        list={props.list}
        placeholder={props.placeholder}
        inputMode={props.numeric ? 'numeric' : undefined}
        aria-label={props.ariaLabel}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={describedBy}
        maxLength={200}
        className={props.numeric ? 'field__number' : props.mono ? 'field__mono' : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <FieldProblem id={problemId} problem={props.problem} />
      {props.hint && (
        <span id={hintId} className="muted field__hint">
          {props.hint}
        </span>
      )}
    </div>
  );
}

export function SelectField(props: {
  id: string;
  label: string;
  ariaLabel?: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange(value: string): void;
  problem?: string | undefined;
}) {
  const problemId = `${props.id}.problem`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        value={props.value}
        aria-label={props.ariaLabel}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={props.problem ? problemId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldProblem id={problemId} problem={props.problem} />
    </div>
  );
}

export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  if (!problem) return null;
  return (
    <span id={id} className="notice notice--danger field__problem">
      {problem}
    </span>
  );
}

/** Up and down for one row of an ordered list; the ids let the focus come back after the row moved. */
export function MoveButtons(props: { idUp: string; idDown: string; labelUp: string; labelDown: string; first: boolean; last: boolean; onMove(by: -1 | 1): void }) {
  return (
    <>
      <button type="button" id={props.idUp} className="button" aria-label={props.labelUp} title={props.labelUp} disabled={props.first} onClick={() => props.onMove(-1)}>
        ↑
      </button>
      <button type="button" id={props.idDown} className="button" aria-label={props.labelDown} title={props.labelDown} disabled={props.last} onClick={() => props.onMove(1)}>
        ↓
      </button>
    </>
  );
}
