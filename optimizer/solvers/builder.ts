// Incremental construction of a SparseModel: named columns, linear expressions with constants,
// and rows whose constants move to the bounds. Used by the ILP stage; knows nothing of clouds.

import type { SparseModel } from "./types";

/**
 * A linear expression: constant + Σ coef·x[col]. Terms are kept as parallel lists (a column may
 * appear more than once); ModelBuilder.addRow merges them.
 */
export class LinExpr {
  constant = 0;
  readonly cols: number[] = [];
  readonly coefs: number[] = [];

  /** The sum of expressions, as a new expression. */
  static sum(es: Iterable<LinExpr>): LinExpr {
    const out = new LinExpr();
    for (const e of es) out.addExpr(e);
    return out;
  }

  /** Adds coef·x[col] and returns this expression. */
  add(col: number, coef: number): this {
    if (coef !== 0) {
      this.cols.push(col);
      this.coefs.push(coef);
    }
    return this;
  }

  /** Adds a constant and returns this expression. */
  addConstant(c: number): this {
    this.constant += c;
    return this;
  }

  /** Adds factor·other and returns this expression. */
  addExpr(other: LinExpr, factor = 1): this {
    this.constant += factor * other.constant;
    for (let i = 0; i < other.cols.length; i++) this.add(other.cols[i], factor * other.coefs[i]);
    return this;
  }

  /** Whether the expression has no variable terms. */
  get isConstant(): boolean {
    return this.cols.length === 0;
  }

  /** Value of the expression at the given column values. */
  valueAt(values: ArrayLike<number>): number {
    let v = this.constant;
    for (let i = 0; i < this.cols.length; i++) v += this.coefs[i] * values[this.cols[i]];
    return v;
  }
}

/** Accumulates columns, objective and rows, then emits an immutable SparseModel. */
export class ModelBuilder {
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly colNames: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowNames: string[] = [];
  private readonly starts: number[] = [0];
  private readonly index: number[] = [];
  private readonly value: number[] = [];
  // Per column: the last row (numbered from 1) that had it, and its entry's position in that row.
  private seenIn = new Int32Array(1024);
  private entry = new Int32Array(1024);
  /** Constant part of the objective. */
  offset = 0;

  /**
   * `names`: whether to keep column and row names (for reading a model; they cost memory).
   * `omit`: rows (by name) left out of the model, which is then a relaxation of the one with them.
   */
  constructor(
    private readonly names = false,
    private readonly omit?: (rowName: string) => boolean,
  ) {}

  /** Whether a row of this name would be left out (see the constructor's `omit`). */
  omits(name: string): boolean {
    return this.omit?.(name) ?? false;
  }

  /** Number of columns so far. */
  get numCols(): number {
    return this.cost.length;
  }

  /** Number of rows so far. */
  get numRows(): number {
    return this.rowLower.length;
  }

  /** Adds a column and returns its index. */
  addCol(name: string, cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    if (this.names) this.colNames.push(name);
    return this.cost.length - 1;
  }

  /** An upper bound of an expression within its columns' bounds (its largest value when no column repeats). */
  maxOf(e: LinExpr): number {
    let v = e.constant;
    for (let i = 0; i < e.cols.length; i++) v += e.coefs[i] * (e.coefs[i] > 0 ? this.upper[e.cols[i]] : this.lower[e.cols[i]]);
    return v;
  }

  /** Adds to a column's objective coefficient. */
  addCost(col: number, cost: number): void {
    this.cost[col] += cost;
  }

  /** Adds an expression to the objective (its constant goes to the offset). */
  addObjective(e: LinExpr, factor = 1): void {
    this.offset += factor * e.constant;
    for (let i = 0; i < e.cols.length; i++) this.cost[e.cols[i]] += factor * e.coefs[i];
  }

  /**
   * Adds the row lower <= e <= upper (either bound may be infinite); the expression's constant
   * is moved to the bounds and repeated columns are merged, in order of first appearance.
   * Returns its index, or -1 for a row the builder omits.
   */
  addRow(name: string, e: LinExpr, lower: number, upper: number): number {
    if (this.omits(name)) return -1;
    const first = this.index.length;
    const row = this.rowLower.length + 1;
    for (let i = 0; i < e.cols.length; i++) {
      const col = e.cols[i];
      if (col >= this.seenIn.length) this.grow(col);
      if (this.seenIn[col] === row) {
        this.value[this.entry[col]] += e.coefs[i];
      } else {
        this.seenIn[col] = row;
        this.entry[col] = this.index.length;
        this.index.push(col);
        this.value.push(e.coefs[i]);
      }
    }
    // Drop coefficients that cancelled out.
    let w = first;
    for (let k = first; k < this.index.length; k++) {
      if (this.value[k] !== 0) {
        this.index[w] = this.index[k];
        this.value[w] = this.value[k];
        w++;
      }
    }
    this.index.length = w;
    this.value.length = w;
    this.starts.push(w);
    this.rowLower.push(lower - e.constant);
    this.rowUpper.push(upper - e.constant);
    if (this.names) this.rowNames.push(name);
    return this.rowLower.length - 1;
  }

  /** Makes room in the per-column marks for column `col`. */
  private grow(col: number): void {
    const size = Math.max(col + 1, 2 * this.seenIn.length);
    const seenIn = new Int32Array(size);
    seenIn.set(this.seenIn);
    const entry = new Int32Array(size);
    entry.set(this.entry);
    this.seenIn = seenIn;
    this.entry = entry;
  }

  /** Emits the model. */
  build(): SparseModel {
    return {
      numCols: this.cost.length,
      numRows: this.rowLower.length,
      offset: this.offset,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.integer),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStarts: Int32Array.from(this.starts),
      index: Int32Array.from(this.index),
      value: Float64Array.from(this.value),
      colNames: this.colNames,
      rowNames: this.rowNames,
    };
  }
}

/** Objective value of a model at the given column values (offset included). */
export function objectiveAt(model: SparseModel, values: ArrayLike<number>): number {
  let z = model.offset;
  for (let j = 0; j < model.numCols; j++) z += model.colCost[j] * values[j];
  return z;
}
