import * as assert from "assert";
import { LinExpr, ModelBuilder } from "../../optimizer/solvers/builder";

describe("model builder (optimizer/solvers/builder.ts)", () => {
  it("merges a row's repeated columns in order of first appearance, drops those that cancel and moves the constant to the bounds", () => {
    const b = new ModelBuilder();
    const [x, y, z] = ["x", "y", "z"].map((n) => b.addCol(n, 1, 0, Infinity, false));
    b.addRow("r0", new LinExpr().add(z, 2).add(x, 1).add(z, 3).add(y, 4).add(y, -4).addConstant(5), 0, 10);
    // The same columns in the next rows are that row's own, not merged with the previous one's.
    b.addRow("r1", new LinExpr().add(z, 1), -Infinity, 1);
    b.addRow("r2", new LinExpr().add(x, 1).add(x, 1).add(z, 1), 2, 2);
    const m = b.build();
    assert.deepStrictEqual([...m.rowStarts], [0, 2, 3, 5]);
    assert.deepStrictEqual([...m.index], [z, x, z, x, z]);
    assert.deepStrictEqual([...m.value], [5, 1, 1, 2, 1]);
    assert.deepStrictEqual([...m.rowLower], [-5, -Infinity, 2]);
    assert.deepStrictEqual([...m.rowUpper], [5, 1, 2]);
  });

  it("bounds an expression by its columns' bounds, not by its coefficients alone", () => {
    const b = new ModelBuilder();
    const n = b.addCol("n", 0, 0, 3, true);
    const f = b.addCol("f", 0, -2, 1, false);
    assert.strictEqual(b.maxOf(new LinExpr().add(n, 1 / 3).addConstant(0.1)), 1.1);
    assert.strictEqual(b.maxOf(new LinExpr().add(f, -1).add(n, 2)), 8);
    assert.strictEqual(b.maxOf(new LinExpr().addConstant(4)), 4);
  });

  it("sums expressions into a new one, leaving them as they were, and leaves out (and tells) the rows it is told to omit", () => {
    const b = new ModelBuilder(true, (name) => name.startsWith("skip"));
    const x = b.addCol("x", 0, 0, 1, true);
    const y = b.addCol("y", 0, 0, 1, true);
    const e1 = new LinExpr().add(x, 1).addConstant(2);
    const e2 = new LinExpr().add(y, 3).add(x, 1);
    const sum = LinExpr.sum([e1, e2]);
    assert.deepStrictEqual([sum.constant, sum.cols, sum.coefs], [2, [x, y, x], [1, 3, 1]]);
    assert.deepStrictEqual([e1.cols, e2.cols], [[x], [y, x]]);
    assert.deepStrictEqual([b.omits("skip[b]"), b.omits("keep[b]"), new ModelBuilder().omits("skip[b]")], [true, false, false]);
    assert.strictEqual(b.addRow("skip[a]", sum, 0, 1), -1);
    assert.strictEqual(b.addRow("keep[a]", sum, 0, 10), 0);
    const m = b.build();
    assert.deepStrictEqual([m.numRows, m.rowNames], [1, ["keep[a]"]]);
  });

  it("merges columns past the first thousands, whenever they were added", () => {
    const b = new ModelBuilder();
    const cols = Array.from({ length: 5000 }, (_, i) => b.addCol(`c${i}`, 0, 0, 1, true));
    for (let r = 0; r < 3; r++) {
      const e = new LinExpr();
      for (const c of cols) e.add(c, 1);
      for (const c of cols) if (c % 1000 === 999) e.add(c, 1);
      b.addRow(`r${r}`, e, 0, 1);
      b.addCol(`late${r}`, 0, 0, 1, false);
    }
    b.addRow("late", new LinExpr().add(5001, 1).add(4999, 1).add(5001, 1), 0, 1);
    const m = b.build();
    assert.deepStrictEqual([...m.rowStarts], [0, 5000, 10000, 15000, 15002]);
    for (let r = 0; r < 3; r++) {
      const v = m.value.subarray(r * 5000, (r + 1) * 5000);
      assert.strictEqual(v.reduce((a, x) => a + x, 0), 5005, `row ${r}`);
      assert.strictEqual(v[4999], 2);
    }
    assert.deepStrictEqual([...m.index.subarray(15000)], [5001, 4999]);
    assert.deepStrictEqual([...m.value.subarray(15000)], [2, 1]);
  });
});
