// The type check beside a run: errors as `pulumi preview` prints them, a result cache that holds
// while nothing the check read has changed, and the cases the Pulumi CLI skips it.

import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startTypeCheck } from "../../../cli/program/typecheck";
import { readProgramDir } from "../../../cli/programDir";
import { projectFile, scratchProgram } from "./scratch";

const ROOT = path.resolve(__dirname, "../../..");

describe("type-checking a program", function () {
  this.timeout(600000);
  let cache: string;
  before(() => (cache = fs.mkdtempSync(path.join(os.tmpdir(), "cloudfit-tc-"))));
  after(() => fs.rmSync(cache, { recursive: true, force: true }));

  it("reports errors in the program's files with file, line and column, and caches only a clean result", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("checked"),
      "package.json": '{ "name": "checked", "main": "index.ts" }',
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "target": "ES2020", "module": "commonjs" } }',
      "lib/size.ts": "export const size = (n: number): string => `${n}GiB`;\n",
      "index.ts": 'import * as gcp from "@pulumi/gcp";\nimport { size } from "./lib/size";\nnew gcp.storage.Bucket("b", { location: "EU", labels: { size: size("10") } });\n',
    });
    const env = { CLOUDFIT_CACHE_DIR: cache };
    const failed = await startTypeCheck(readProgramDir(dir), env, ROOT);
    assert.equal(failed.status, "failed");
    assert.deepEqual(failed.diagnostics, [
      { file: "index.ts", line: 3, column: 68, code: 2345, message: "Argument of type 'string' is not assignable to parameter of type 'number'." },
    ]);
    assert.equal(fs.existsSync(path.join(cache, "typecheck")), false, "a failed check is not cached");

    fs.writeFileSync(path.join(dir, "index.ts"), fs.readFileSync(path.join(dir, "index.ts"), "utf8").replace('size("10")', "size(10)"));
    const clean = await startTypeCheck(readProgramDir(dir), env, ROOT);
    assert.deepEqual([clean.status, clean.cached], ["passed", false]);
    const again = await startTypeCheck(readProgramDir(dir), env, ROOT);
    assert.deepEqual([again.status, again.cached], ["passed", true]);
    assert.ok(again.seconds < clean.seconds, `cached ${again.seconds} s, checked ${clean.seconds} s`);

    // A change in an imported file (not the entry) invalidates the cached result.
    fs.writeFileSync(path.join(dir, "lib/size.ts"), "export const size = (n: number): number => n;\n");
    const changed = await startTypeCheck(readProgramDir(dir), env, ROOT);
    assert.deepEqual([changed.status, changed.cached], ["failed", false]);
    assert.equal(changed.diagnostics[0].message, "Type 'number' is not assignable to type 'Input<string>'.");
  });

  it("is skipped as under the Pulumi CLI: JavaScript, PULUMI_NODEJS_TRANSPILE_ONLY=true, noCheck", async () => {
    const ts = scratchProgram({ "Pulumi.yaml": projectFile("t"), "package.json": '{ "name": "t", "main": "index.ts" }', "index.ts": "const x: number = 'no';\n" });
    const skipped = await startTypeCheck(readProgramDir(ts), { CLOUDFIT_CACHE_DIR: cache, PULUMI_NODEJS_TRANSPILE_ONLY: "true" }, ROOT);
    assert.deepEqual([skipped.status, skipped.reason], ["skipped", "PULUMI_NODEJS_TRANSPILE_ONLY=true, as under the Pulumi CLI"]);
    fs.writeFileSync(path.join(ts, "tsconfig.json"), '{ "compilerOptions": { "noCheck": true } }');
    assert.equal((await startTypeCheck(readProgramDir(ts), { CLOUDFIT_CACHE_DIR: cache }, ROOT)).reason, "tsconfig.json sets noCheck");
    const js = scratchProgram({ "Pulumi.yaml": projectFile("j"), "package.json": '{ "name": "j", "main": "index.js" }', "index.js": "" });
    assert.equal((await startTypeCheck(readProgramDir(js), { CLOUDFIT_CACHE_DIR: cache }, ROOT)).reason, "the program is JavaScript");
  });

  it("falls back to cloudfit's @types/node for a program that has none", async () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("node"),
      "package.json": '{ "name": "node", "main": "index.ts" }',
      "index.ts": 'import * as fs from "fs";\nexport const text: string = fs.readFileSync(__filename, "utf8") + process.cwd();\n',
    });
    const r = await startTypeCheck(readProgramDir(dir), { CLOUDFIT_CACHE_DIR: cache }, ROOT);
    assert.deepEqual([r.status, r.diagnostics], ["passed", []]);
  });
});
