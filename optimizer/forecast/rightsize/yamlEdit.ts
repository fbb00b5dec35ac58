// Writes recommended sizes into a stack file's `cloudfit:workload`. The yaml package's Document
// API finds each value's exact source range, and only those characters are replaced, so
// comments, key order, flow style, spacing and blank lines stay byte for byte. Pure.

import { isMap, isScalar, parseDocument } from "yaml";
import type { ServiceSize } from "./recommend";

/** A stack file whose workload cannot be edited in place. */
export class StackEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackEditError";
  }
}

/** The stack file's text with each service's replicas, vcpu and memoryGiB replaced. */
export function applySizes(text: string, file: string, sizes: Readonly<Record<string, ServiceSize>>): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new StackEditError(`${file} is not valid YAML (${doc.errors[0].message.split("\n")[0]}). To fix: correct it, then run rightsize again.`);
  }
  if (!isMap(doc.getIn(["config", "cloudfit:workload"], true))) {
    throw new StackEditError(
      `${file}: config.cloudfit:workload is not a YAML mapping (a JSON string or missing), so it cannot be edited in place. ` +
        "To fix: write the workload as a YAML mapping under config:, or apply the recommended sizes by hand.",
    );
  }
  const edits: { start: number; end: number; text: string }[] = [];
  for (const [svc, size] of Object.entries(sizes)) {
    const path = ["config", "cloudfit:workload", "services", svc];
    if (!isMap(doc.getIn(path, true))) {
      throw new StackEditError(`${file}: services.${svc} is not in cloudfit:workload. To fix: add the service, or remove its usage files.`);
    }
    for (const key of ["replicas", "vcpu", "memoryGiB"] as const) {
      const node = doc.getIn([...path, key], true);
      if (!isScalar(node) || !node.range) {
        throw new StackEditError(`${file}: services.${svc}.${key} is not a plain number. To fix: write it as a number, e.g. ${key}: ${size[key]}.`);
      }
      if (node.value !== size[key]) edits.push({ start: node.range[0], end: node.range[1], text: String(size[key]) });
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
