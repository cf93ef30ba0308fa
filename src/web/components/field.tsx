import { cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { HelpTip } from './help-tip';

/** A labelled form row: label, optional "?" help, the control, and the validation error right under it. */
export function Field({ id, label, help, error, hint, children }: {
  /** Id of the control, for the label. */
  id: string;
  label: string;
  help?: string;
  error?: string;
  /** A short line under the control (the default value, a unit). */
  hint?: string;
  children: ReactNode;
}) {
  // A plain control (not a component) is tied to its hint and error for screen readers.
  const control =
    isValidElement(children) && typeof children.type === 'string'
      ? cloneElement(children as ReactElement<Record<string, unknown>>, {
          'aria-invalid': error ? true : undefined,
          'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
        })
      : children;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        {help && <HelpTip label={label} help={help} />}
      </div>
      <div className="field-control">
        {control}
        {hint && <div className="field-hint" id={`${id}-hint`}>{hint}</div>}
        {error && (
          <div className="field-error" id={`${id}-error`} role="alert">
            {error}
          </div>
        )}
      </div>
    </div>
  );
}
