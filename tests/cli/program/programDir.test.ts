// Finding a program's entry file, module format and settings as the Pulumi Node.js host does.

import { strict as assert } from "assert";
import * as path from "path";
import { readProgramDir } from "../../../cli/programDir";
import { projectFile, scratchProgram } from "./scratch";

const kindAndMessage = (kind: string, message: string) => (e: Error & { kind?: string }) => e.kind === kind && e.message === message;

describe("reading a program directory", () => {
  it("takes Pulumi.yaml's main, a file or a folder", () => {
    const file = scratchProgram({ "Pulumi.yaml": projectFile("a", "main: src/app.ts\n"), "src/app.ts": "", "package.json": "{}" });
    assert.equal(readProgramDir(file).main, path.join(file, "src/app.ts"));
    const folder = scratchProgram({ "Pulumi.yaml": projectFile("b", "main: infra\n"), "infra/index.ts": "", "package.json": "{}" });
    assert.equal(readProgramDir(folder).main, path.join(folder, "infra/index.ts"));
  });

  it("falls back to package.json's exports, then main, then the folder's index.js before index.ts", () => {
    const exp = scratchProgram({ "Pulumi.yaml": projectFile("c"), "package.json": '{"exports": {".": {"require": "./lib/main.ts"}}, "main": "other.ts"}', "lib/main.ts": "", "other.ts": "" });
    assert.equal(readProgramDir(exp).main, path.join(exp, "lib/main.ts"));
    const main = scratchProgram({ "Pulumi.yaml": projectFile("d"), "package.json": '{"main": "bin/index.js"}', "bin/index.js": "", "index.ts": "" });
    assert.equal(readProgramDir(main).main, path.join(main, "bin/index.js"));
    const both = scratchProgram({ "Pulumi.yaml": projectFile("e"), "package.json": "{}", "index.js": "", "index.ts": "" });
    assert.equal(readProgramDir(both).main, path.join(both, "index.js"));
  });

  it("says so, as the host warns, when package.json names an entry that does not exist", () => {
    const dir = scratchProgram({ "Pulumi.yaml": projectFile("f"), "package.json": '{"main": "bin/index.js"}', "index.ts": "" });
    const prog = readProgramDir(dir);
    assert.equal(prog.main, path.join(dir, "index.ts"));
    assert.deepEqual(prog.notes, [`Could not find the entry point 'bin/index.js' named in package.json; using ${dir} instead (as the Pulumi CLI does).`]);
  });

  it("runs the program folder's own entry when only a parent folder has a package.json, and says what the CLI would run", () => {
    const parent = scratchProgram({ "package.json": '{"main": "server.js"}', "server.js": "", "infra/Pulumi.yaml": projectFile("g"), "infra/index.ts": "" });
    const prog = readProgramDir(path.join(parent, "infra"));
    assert.equal(prog.main, path.join(parent, "infra/index.ts"));
    assert.equal(prog.packageRoot, parent);
    assert.match(prog.notes[0], /^The Pulumi CLI would run 'server\.js' named by .*\/package\.json \(the nearest package\.json\); cloudfit runs the program folder's own entry instead\./);
  });

  it("runs `\"type\": \"module\"` packages and .mjs/.mts entries as ES modules, others as CommonJS", () => {
    const esm = scratchProgram({ "Pulumi.yaml": projectFile("h"), "package.json": '{"type": "module"}', "index.ts": "" });
    assert.equal(readProgramDir(esm).format, "module");
    const mts = scratchProgram({ "Pulumi.yaml": projectFile("i", "main: index.mts\n"), "package.json": "{}", "index.mts": "" });
    assert.equal(readProgramDir(mts).format, "module");
    const cjs = scratchProgram({ "Pulumi.yaml": projectFile("j"), "package.json": "{}", "index.ts": "" });
    assert.equal(readProgramDir(cjs).format, "commonjs");
  });

  it("reads runtime options, the program's tsconfig and the stack settings folder", () => {
    const dir = scratchProgram({
      "Pulumi.yaml": "name: k\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: index.js\nstackConfigDir: settings\n",
      "package.json": "{}",
      "index.js": "",
      "tsconfig.json": "{}",
    });
    const prog = readProgramDir(dir);
    assert.equal(prog.typescript, false);
    assert.equal(prog.tsconfig, path.join(dir, "tsconfig.json"));
    assert.equal(prog.stackConfigDir, path.join(dir, "settings"));
  });

  it("rejects a folder without Pulumi.yaml, another runtime, a missing main, and a program without an entry", () => {
    const none = scratchProgram({ "index.ts": "" });
    assert.throws(() => readProgramDir(none), kindAndMessage("project", `${none} is not a Pulumi project: it has no Pulumi.yaml. To fix: pass --program a Pulumi project directory (one holding Pulumi.yaml), or create one with \`name:\` and \`runtime: nodejs\`.`));
    const py = scratchProgram({ "Pulumi.yaml": "name: p\nruntime: python\n" });
    assert.throws(() => readProgramDir(py), kindAndMessage("project", `The project in ${py} cannot be previewed: its runtime is "python", and cloudfit runs Node.js programs (TypeScript or JavaScript) only. To fix: set \`runtime: nodejs\` in Pulumi.yaml if the program is TypeScript or JavaScript.`));
    const gone = scratchProgram({ "Pulumi.yaml": projectFile("q", "main: app.ts\n"), "package.json": "{}" });
    assert.throws(() => readProgramDir(gone), kindAndMessage("project", `The entry file of ${gone} does not exist: Pulumi.yaml sets main: app.ts, and ${gone}/app.ts is missing. To fix: correct \`main\` in Pulumi.yaml, or create the file.`));
    const empty = scratchProgram({ "Pulumi.yaml": projectFile("r"), "package.json": "{}" });
    assert.throws(() => readProgramDir(empty), kindAndMessage("project", `The entry file of ${empty} was not found: ${empty} has no index.ts or index.js. To fix: add an index.ts, or set \`main\` in Pulumi.yaml to the program's entry file.`));
  });
});
