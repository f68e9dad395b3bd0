/**
 * `SimplifyPorts` from libcalico-go's conversion: the fewest port ranges covering the given ports, named ports
 * first in their original order. Ports use the v3 JSON form: number, "min:max" or a name.
 */
import type { Port } from "../model/rule";
import { parsePort } from "../validate/port";

function portValue(min: number, max: number): Port {
  return min === max ? min : `${min}:${max}`;
}

export function simplifyPorts(ports: readonly Port[]): Port[] {
  if (ports.length <= 1) return [...ports];
  const named: Port[] = [];
  const numbers: number[] = [];
  for (const p of ports) {
    const parsed = parsePort(p);
    if (typeof parsed === "string") continue;
    if (parsed.kind === "name") named.push(p);
    else for (let n = parsed.min; n <= parsed.max; n++) numbers.push(n);
  }
  if (numbers.length <= 1) return [...ports];
  numbers.sort((a, b) => a - b);
  const out = [...named];
  let i = 0;
  while (i < numbers.length) {
    const first = numbers[i] ?? 0;
    let last = first;
    i++;
    while (i < numbers.length && (numbers[i] ?? 0) <= last + 1) {
      last = numbers[i] ?? last;
      i++;
    }
    out.push(portValue(first, last));
  }
  return out;
}
