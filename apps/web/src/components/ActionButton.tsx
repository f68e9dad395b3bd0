import type { ButtonHTMLAttributes } from "react";

interface Props extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** When set, the action is unavailable and this says why (e.g. missing RBAC verb); shown as tooltip and text. */
  readonly disabledReason?: string | undefined;
  readonly variant?: "primary" | "danger" | "plain";
  /** The page already states the reason once (e.g. a read-only banner): keep it to the tooltip. */
  readonly hideReason?: boolean;
}

/** A button that, when disabled, tells the user why instead of silently greying out. */
export function ActionButton({
  disabledReason,
  variant = "plain",
  hideReason = false,
  className,
  children,
  ...rest
}: Props) {
  const disabled = disabledReason !== undefined || rest.disabled === true;
  return (
    <span className="action">
      <button
        type="button"
        {...rest}
        disabled={disabled}
        aria-disabled={disabled}
        title={disabledReason ?? rest.title}
        className={`btn btn-${variant} ${className ?? ""}`}
      >
        {children}
      </button>
      {disabledReason !== undefined && !hideReason && <span className="disabled-reason">{disabledReason}</span>}
    </span>
  );
}
