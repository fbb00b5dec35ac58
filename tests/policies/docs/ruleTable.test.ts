import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { TABLE_END, TABLE_START, ruleTable, withTable } from "../../../policies/docs/ruleTable";
import { cloudfitPolicies } from "../../../policies/policies";

const README = path.join(__dirname, "../../../README.md");

describe("policies/docs/ruleTable", () => {
  it("matches the table in README.md, so the documentation cannot drift from the pack", () => {
    const readme = fs.readFileSync(README, "utf8");
    assert.equal(readme, withTable(readme, ruleTable(cloudfitPolicies)), "README.md's rule table is out of date: run `npm run policies:table`.");
  });

  it("lists every policy once with its level, severity, benchmark items and settings", () => {
    const table = ruleTable(cloudfitPolicies);
    for (const p of cloudfitPolicies) {
      const rows = table.split("\n").filter((l) => l.startsWith(`| \`${p.name}\` |`));
      assert.equal(rows.length, 1, p.name);
      const cells = rows[0].split(" | ");
      assert.equal(cells[2], p.enforcementLevel);
      assert.equal(cells[3], p.severity);
      for (const item of p.tags ?? []) assert.ok(cells[4].includes(item), `${p.name}: ${item}`);
      for (const key of Object.keys(p.configSchema?.properties ?? {})) assert.ok(cells[5].includes(`\`${key}\``), `${p.name}: ${key}`);
    }
  });

  it("changes the README only between its markers, and refuses a README without them", () => {
    const readme = `intro\n${TABLE_START}\nold table\n${TABLE_END}\noutro\n`;
    assert.equal(withTable(readme, "new table"), `intro\n${TABLE_START}\nnew table\n${TABLE_END}\noutro\n`);
    assert.throws(() => withTable("no markers", "t"), /has no rule-table markers\. To fix:/);
  });
});
