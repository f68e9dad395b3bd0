import { type ButtonHTMLAttributes, type Ref, useId } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set, the action is unavailable and this says why (e.g. missing RBAC verb); shown as tooltip and text. */
  readonly disabledReason?: string | undefined;
  readonly variant?: "primary" | "danger" | "plain";
  /** The page already states the reason once (e.g. a read-only banner): keep it to the tooltip. */
  readonly hideReason?: boolean;
  readonly ref?: Ref<HTMLButtonElement>;
}

/**
 * A button that, when disabled, tells the user why instead of silently greying out. It is never natively disabled,
 * only `aria-disabled` with its click ignored: a natively disabled button drops the keyboard focus to <body> (Apply
 * disables itself while pending), and cannot be reached to read why it is off.
 */
export function ActionButton({
  disabledReason,
  variant = "plain",
  hideReason = false,
  className,
  children,
  disabled: pending,
  onClick,
  ...rest
}: Props) {
  const reasonId = useId();
  const disabled = disabledReason !== undefined || pending === true;
  const showReason = disabledReason !== undefined && !hideReason;
  return (
    <span className="action">
      <button
        type="button"
        {...rest}
        aria-disabled={disabled}
        aria-describedby={showReason ? reasonId : rest["aria-describedby"]}
        onClick={disabled ? undefined : onClick}
        title={disabledReason ?? rest.title}
        className={`btn btn-${variant} ${className ?? ""}`}
      >
        {children}
      </button>
      {showReason && (
        <span id={reasonId} className="disabled-reason">
          {disabledReason}
        </span>
      )}
    </span>
  );
}
