// The stack configuration a program sees: project defaults, stack values, secure values, and what
// is said (or refused) when the stack file or a declared value is missing.

import { strict as assert } from "assert";
import { readProgramConfig, SECRET_PLACEHOLDER, stackFile } from "../../../cli/program/config";
import { readProgramDir } from "../../../cli/programDir";
import { projectFile, scratchProgram } from "./scratch";

describe("program configuration", () => {
  it("namespaces keys, lets the stack file override Pulumi.yaml's defaults, and passes objects as JSON", () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("shop", "config:\n  size:\n    type: string\n    default: small\n  aws:region: us-east-2\n  replicas:\n    type: integer\n    default: 2\n"),
      "Pulumi.dev.yaml": "config:\n  shop:size: large\n  tags:\n    team: web\n  enabled: true\n",
      "index.ts": "",
      "package.json": "{}",
    });
    const cfg = readProgramConfig(readProgramDir(dir), "dev");
    assert.deepEqual(cfg.values, {
      "shop:size": "large",
      "aws:region": "us-east-2",
      "shop:replicas": "2",
      "shop:tags": '{"team":"web"}',
      "shop:enabled": "true",
    });
    assert.deepEqual(cfg.notes, []);
    assert.equal(cfg.exists, true);
  });

  it("gives secure values as a marked secret placeholder and says so once", () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("vault"),
      "Pulumi.prod.yaml": "config:\n  vault:token:\n    secure: v1:abc:def\n  vault:db:\n    host: db.local\n    password:\n      secure: v1:ghi:jkl\n",
      "index.ts": "",
      "package.json": "{}",
    });
    const cfg = readProgramConfig(readProgramDir(dir), "prod");
    assert.equal(cfg.values["vault:token"], SECRET_PLACEHOLDER);
    assert.equal(cfg.values["vault:db"], JSON.stringify({ host: "db.local", password: SECRET_PLACEHOLDER }));
    assert.deepEqual(cfg.secretKeys.sort(), ["vault:db", "vault:token"]);
    assert.deepEqual(cfg.notes, [
      'Secure configuration values cannot be decrypted offline; the program sees "[secret]" (as a secret) for vault:token, vault:db.',
    ]);
  });

  it("runs with empty configuration when the stack file is missing, naming the stacks that have one", () => {
    const dir = scratchProgram({ "Pulumi.yaml": projectFile("web"), "Pulumi.prod.yaml": "config: {}\n", "index.ts": "", "package.json": "{}" });
    const cfg = readProgramConfig(readProgramDir(dir), "staging");
    assert.deepEqual(cfg.values, {});
    assert.equal(cfg.exists, false);
    assert.deepEqual(cfg.notes, [`There is no Pulumi.staging.yaml in ${dir}: the program runs with empty configuration (stacks with settings: prod).`]);
  });

  it("refuses a stack that lacks a value Pulumi.yaml declares without a default, naming the file to add it to", () => {
    const dir = scratchProgram({
      "Pulumi.yaml": projectFile("api", "config:\n  api:domain:\n    type: string\n  api:port:\n    type: integer\n"),
      "Pulumi.dev.yaml": "config:\n  api:port: 8080\n",
      "index.ts": "",
      "package.json": "{}",
    });
    assert.throws(
      () => readProgramConfig(readProgramDir(dir), "dev"),
      (e: Error & { kind?: string }) =>
        e.kind === "config" &&
        e.message ===
          `Stack 'dev' of project 'api' is missing configuration: Pulumi.yaml declares 'api:domain' without a default, and Pulumi.dev.yaml does not set it. ` +
            `To fix: add \`api:domain: <value>\` under \`config:\` in ${dir}/Pulumi.dev.yaml (or run \`pulumi config set domain <value> --stack dev\`).`,
    );
  });

  it("reads Pulumi.<stack>.yml when that is the only stack file", () => {
    const dir = scratchProgram({ "Pulumi.yaml": projectFile("old"), "Pulumi.dev.yml": "config:\n  old:x: 1\n", "index.ts": "", "package.json": "{}" });
    assert.equal(stackFile(dir, "dev"), `${dir}/Pulumi.dev.yml`);
    assert.deepEqual(readProgramConfig(readProgramDir(dir), "dev").values, { "old:x": "1" });
  });
});
