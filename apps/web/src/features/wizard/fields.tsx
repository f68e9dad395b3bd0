import type { ServiceSummary } from "@palisade/contract";
import { useId } from "react";
import type { AllowlistForm, DenyNodePortsForm, Errors, LogForm, TierForm } from "./params";
import { pickedService, serviceAddresses, serviceOptionLabel, withService } from "./services";

type Iface = "public" | "private";

/**
 * A field's error, read out as the field's description (`aria-describedby`). The element stays while empty, so an
 * error that appears as the user types is announced (a live region must exist before its text changes).
 */
function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return (
    <span id={id} className={error === undefined ? undefined : "field-error"} aria-live="polite">
      {error}
    </span>
  );
}

function InterfacePicker({
  value,
  error,
  onChange,
}: {
  value: readonly Iface[];
  error?: string | undefined;
  onChange: (v: Iface[]) => void;
}) {
  const errorId = useId();
  const toggle = (i: Iface, on: boolean) =>
    onChange((["public", "private"] as const).filter((x) => (x === i ? on : value.includes(x))));
  return (
    <fieldset className="field checkboxes" aria-describedby={error === undefined ? undefined : errorId}>
      <legend>Interfaces</legend>
      {(["public", "private"] as const).map((i) => (
        <label key={i}>
          <input type="checkbox" checked={value.includes(i)} onChange={(e) => toggle(i, e.target.checked)} /> {i}{" "}
          (ibm.role == 'worker_{i}')
        </label>
      ))}
      <FieldError id={errorId} error={error} />
    </fieldset>
  );
}

function Text({
  label,
  value,
  error,
  placeholder,
  multiline,
  onChange,
}: {
  label: string;
  value: string;
  error?: string | undefined;
  placeholder?: string;
  multiline?: boolean;
  onChange: (v: string) => void;
}) {
  const id = useId();
  const errorId = useId();
  const invalid = {
    "aria-invalid": error !== undefined,
    "aria-describedby": error === undefined ? undefined : errorId,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline === true ? (
        <textarea
          id={id}
          rows={3}
          value={value}
          placeholder={placeholder}
          {...invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          id={id}
          value={value}
          placeholder={placeholder}
          {...invalid}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      <FieldError id={errorId} error={error} />
    </div>
  );
}

/** The cluster's LoadBalancer Services as destinations; "type an IP" leaves the fields to the user. */
function ServicePicker({
  form,
  services,
  onChange,
}: {
  form: AllowlistForm;
  services: LoadBalancers;
  onChange: (f: AllowlistForm) => void;
}) {
  const id = useId();
  const items = services.items ?? [];
  const picked = pickedService(form, items) ?? "";
  const hint =
    services.error !== undefined
      ? `Could not list LoadBalancer services: ${services.error}`
      : services.items === undefined
        ? "Loading LoadBalancer services…"
        : items.length === 0
          ? "No LoadBalancer service in this cluster: type the IP"
          : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>LoadBalancer service</label>
      <select
        id={id}
        value={picked}
        disabled={items.length === 0}
        onChange={(e) => {
          const s = items.find((svc) => `${svc.namespace}/${svc.name}` === e.target.value);
          if (s !== undefined) onChange(withService(form, s));
        }}
      >
        <option value="">Type an IP below</option>
        {items.map((s) => (
          <option
            key={`${s.namespace}/${s.name}`}
            value={`${s.namespace}/${s.name}`}
            disabled={serviceAddresses(s).length === 0}
          >
            {serviceOptionLabel(s)}
          </option>
        ))}
      </select>
      {hint !== undefined && <span className="muted small">{hint}</span>}
    </div>
  );
}

/** The LoadBalancer Services to pick from: `items` once listed, `error` if listing failed. */
export interface LoadBalancers {
  readonly items: readonly ServiceSummary[] | undefined;
  readonly error: string | undefined;
}

export function AllowlistFields({
  form,
  errors,
  services,
  onChange,
}: {
  form: AllowlistForm;
  errors: Errors<AllowlistForm>;
  services: LoadBalancers;
  onChange: (f: AllowlistForm) => void;
}) {
  const protocolId = useId();
  return (
    <div className="form-grid">
      <ServicePicker form={form} services={services} onChange={onChange} />
      <Text
        label="Load balancer IPs"
        value={form.destinationIps}
        error={errors.destinationIps}
        placeholder="169.46.7.238"
        onChange={(v) => onChange({ ...form, destinationIps: v })}
      />
      <Text
        label="Client CIDRs allowed"
        value={form.sourceCidrs}
        error={errors.sourceCidrs}
        placeholder={"203.0.113.0/24\n192.0.2.10/32"}
        multiline
        onChange={(v) => onChange({ ...form, sourceCidrs: v })}
      />
      <Text
        label="Ports"
        value={form.ports}
        error={errors.ports}
        placeholder="80, 443"
        onChange={(v) => onChange({ ...form, ports: v })}
      />
      <div className="field">
        <label htmlFor={protocolId}>Protocol</label>
        <select
          id={protocolId}
          value={form.protocol}
          onChange={(e) =>
            onChange({
              ...form,
              protocol: e.target.value === "UDP" ? "UDP" : e.target.value === "SCTP" ? "SCTP" : "TCP",
            })
          }
        >
          <option>TCP</option>
          <option>UDP</option>
          <option>SCTP</option>
        </select>
      </div>
      <InterfacePicker
        value={form.interfaces}
        error={errors.interfaces}
        onChange={(v) => onChange({ ...form, interfaces: v })}
      />
      <Text
        label="Order (default 500)"
        value={form.order}
        error={errors.order}
        placeholder="500"
        onChange={(v) => onChange({ ...form, order: v })}
      />
      <Text
        label="Name (optional)"
        value={form.name}
        error={errors.name}
        placeholder="generated from the IPs"
        onChange={(v) => onChange({ ...form, name: v })}
      />
    </div>
  );
}

export function DenyNodePortsFields({
  form,
  errors,
  onChange,
}: {
  form: DenyNodePortsForm;
  errors: Errors<DenyNodePortsForm>;
  onChange: (f: DenyNodePortsForm) => void;
}) {
  return (
    <div className="form-grid">
      <Text
        label="NodePort ranges"
        value={form.ports}
        error={errors.ports}
        placeholder="30000:32767"
        onChange={(v) => onChange({ ...form, ports: v })}
      />
      <InterfacePicker
        value={form.interfaces}
        error={errors.interfaces}
        onChange={(v) => onChange({ ...form, interfaces: v })}
      />
      <Text
        label="Order (default 1100)"
        value={form.order}
        error={errors.order}
        placeholder="1100"
        onChange={(v) => onChange({ ...form, order: v })}
      />
      <Text
        label="Name (optional)"
        value={form.name}
        error={errors.name}
        placeholder="deny-nodeports"
        onChange={(v) => onChange({ ...form, name: v })}
      />
    </div>
  );
}

/** The log policy's own name and order; its namespace is the policy's, shown and explained, not chosen. */
export function LogFields({
  form,
  errors,
  orderHint,
  namespace,
  onChange,
}: {
  form: LogForm;
  errors: Errors<LogForm>;
  /** The order the generator picks when the field is empty (after the policy). */
  orderHint: string;
  /** The policy's namespace; undefined for a GlobalNetworkPolicy. */
  namespace: string | undefined;
  onChange: (f: LogForm) => void;
}) {
  const namespaceId = useId();
  return (
    <div className="form-grid">
      <Text
        label="Name (optional)"
        value={form.name}
        error={errors.name}
        placeholder="log-denied-packets"
        onChange={(v) => onChange({ ...form, name: v })}
      />
      <Text
        label="Order (optional)"
        value={form.order}
        error={errors.order}
        placeholder={orderHint}
        onChange={(v) => onChange({ ...form, order: v })}
      />
      <div className="field">
        <label htmlFor={namespaceId}>Namespace</label>
        <input
          id={namespaceId}
          value={namespace ?? "(cluster-wide)"}
          readOnly
          aria-describedby={`${namespaceId}-why`}
        />
        <span id={`${namespaceId}-why`} className="muted small">
          {namespace === undefined
            ? "A GlobalNetworkPolicy: the log policy is global too, with the same selector."
            : "The policy's own: a NetworkPolicy's selector only reaches pods in its namespace, so the log policy must live there to see the same packets."}
        </span>
      </div>
    </div>
  );
}

/**
 * A tier's name (fixed once it exists: a rename is a new tier), its order and its default action: what traffic no
 * policy in the tier decided meets (docs/calico-semantics.md §2).
 */
export function TierFields({
  form,
  errors,
  editing,
  onChange,
}: {
  form: TierForm;
  errors: Errors<TierForm>;
  /** Editing an existing tier: its name is not asked. */
  editing: boolean;
  onChange: (f: TierForm) => void;
}) {
  const actionError = useId();
  return (
    <div className="form-grid">
      {editing ? (
        <div className="field">
          <span>Name</span>
          <code>{form.name}</code>
        </div>
      ) : (
        <Text
          label="Name"
          value={form.name}
          error={errors.name}
          placeholder="security"
          onChange={(v) => onChange({ ...form, name: v })}
        />
      )}
      <Text
        label="Order (optional: without one the tier runs after every ordered tier)"
        value={form.order}
        error={errors.order}
        placeholder="100"
        onChange={(v) => onChange({ ...form, order: v })}
      />
      <fieldset
        className="field checkboxes"
        aria-describedby={errors.defaultAction === undefined ? undefined : actionError}
      >
        <legend>Default action (traffic no policy in the tier decided)</legend>
        {(["Deny", "Pass"] as const).map((a) => (
          <label key={a}>
            <input
              type="radio"
              name="tier-default-action"
              checked={form.defaultAction === a}
              onChange={() => onChange({ ...form, defaultAction: a })}
            />{" "}
            {a === "Deny" ? "Deny: drop it" : "Pass: hand it to the next tier"}
          </label>
        ))}
        <FieldError id={actionError} error={errors.defaultAction} />
      </fieldset>
    </div>
  );
}
