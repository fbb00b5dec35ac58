// The optimizer's public surface: spec and plan types, validation, the catalog, and the
// placement run with its solvers, verification, stability and explanations.

export * from "./spec";
export * from "./plan";
export * from "./result";
export * from "./errors";
export { loadCatalog, Catalog, HOURS_PER_MONTH } from "./catalog";
export { validateSpec } from "./validate";
export { parseNetworkOptions, NetworkOptionsError } from "./network/options";
export { buildCandidates } from "./candidates";
export { evaluatePlan } from "./evaluate";
export { buildPlacementModel } from "./ilp";
export { verifyPlan } from "./verify";
export { reportMoves, DEFAULT_MIGRATION } from "./stability";
export type { MigrationSettings } from "./stability";
export { explainPlan, describePlacement } from "./explain";
export { optimize, createSolver } from "./optimize";
export type { OptimizeOptions } from "./optimize";
export { HighsSolver } from "./solvers/highs";
export { JsLpSolver } from "./solvers/jslp";
export type { PlacementSolver, SparseModel, SolverOutcome, SolverStatus } from "./solvers/types";
