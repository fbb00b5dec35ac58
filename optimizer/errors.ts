// Typed errors of the optimizer. Each message says what failed, why, and "To fix: ...".

/** One problem found in a workload spec. */
export interface SpecProblem {
  /** Path of the offending value, e.g. "services.api.memoryGiB". */
  readonly path: string;
  /** What is wrong, e.g. 'must be a positive number, got "4GB"'. */
  readonly message: string;
  /** How to fix it, e.g. "write 4". */
  readonly fix: string;
}

/** Formats one problem as "path: message. To fix: fix." */
export function formatProblem(p: SpecProblem): string {
  return `${p.path}: ${p.message}. To fix: ${p.fix}.`;
}

/** The workload spec is invalid; `problems` lists every problem found, not only the first. */
export class SpecValidationError extends Error {
  constructor(readonly problems: readonly SpecProblem[]) {
    super(
      `The workload spec has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => "  " + formatProblem(p)).join("\n"),
    );
    this.name = "SpecValidationError";
  }
}

/** A set of requirements that cannot all hold, and the relaxations that would make it feasible. */
export interface Conflict {
  /** Workloads involved (empty for global-only conflicts). */
  readonly workloads: readonly string[];
  /** The requirements that conflict, in words, e.g. "residency DE", "96 vCPU per replica". */
  readonly requirements: readonly string[];
  /** One full sentence describing the conflict. */
  readonly explanation: string;
  /** Ways out, each a full sentence, e.g. "Relax residency to EU or lower vCPU per replica." */
  readonly fixes: readonly string[];
  /** Held workloads whose release from the hold (placed again) leaves a plan; set only when the hold is what breaks the spec. */
  readonly release?: readonly string[];
}

/** No placement satisfies the spec; `conflicts` names the requirements that clash. */
export class PlacementInfeasibleError extends Error {
  constructor(readonly conflicts: readonly Conflict[]) {
    super(
      conflicts.length === 0
        ? "No placement satisfies the workload spec, and no single relaxed requirement explains why. " +
            "To fix: relax residency, availability or quotas and try again."
        : conflicts.map((c) => `${c.explanation} To fix: ${c.fixes.join(" Or: ")}`).join("\n"),
    );
    this.name = "PlacementInfeasibleError";
  }
}

/** The solver failed or its answer broke a constraint; the message says which. */
export class SolverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SolverError";
  }
}

/** A plan passed to the optimizer (previous or held) names a region or type the catalog lacks. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanInputError";
  }
}
