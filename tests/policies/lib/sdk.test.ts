import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TAG_SITES } from "../../../policies/lib/tags";
import { ruleSourceFiles, ruleTypeTokens } from "../harness";

const ROOT = path.join(__dirname, "..", "..", "..");

/**
 * The module file of a resource type in its installed SDK, without loading the SDK. File names
 * follow the token's module part except for case ("gcp:projects/iAMMember" lives in
 * projects/iammember.js), so the directory is searched without regard to case.
 */
function sdkFile(token: string, ext: "js" | "d.ts"): string {
  const [pkg, mod, typeName] = token.split(":");
  const dir = path.join(ROOT, "node_modules", "@pulumi", pkg, pkg === "azure-native" ? mod : mod.split("/")[0]);
  const file = pkg === "azure-native" ? typeName[0].toLowerCase() + typeName.slice(1) : mod.split("/")[1];
  const exact = path.join(dir, `${file}.${ext}`);
  if (fs.existsSync(exact)) return exact;
  const found = fs.existsSync(dir) ? fs.readdirSync(dir).find((f) => f.toLowerCase() === `${file}.${ext}`.toLowerCase()) : undefined;
  return found ? path.join(dir, found) : exact;
}

describe("policies and the installed provider SDKs", () => {
  it("name only type tokens that the installed SDKs register", () => {
    const tokens = ruleTypeTokens();
    assert.ok(tokens.length > 150, `${tokens.length} tokens`);
    for (const token of tokens) {
      const file = sdkFile(token, "js");
      assert.ok(fs.existsSync(file), `${token}: no ${file}`);
      assert.ok(fs.readFileSync(file, "utf8").includes(`__pulumiType = '${token}'`), `${token} is not registered in ${file}`);
    }
  });

  it("read tags and labels from properties the SDKs' argument types declare", () => {
    for (const [token, site] of Object.entries(TAG_SITES)) {
      const text = fs.readFileSync(sdkFile(token, "d.ts"), "utf8");
      const typeName = token.split(":")[2];
      const start = text.indexOf(`export interface ${typeName}Args {`);
      assert.ok(start >= 0, `${token}: no ${typeName}Args`);
      const block = text.slice(start, text.indexOf("\n}", start));
      assert.match(block, new RegExp(`\\n\\s+${site.property}\\??:`), `${token} has no ${site.property}`);
    }
  });

  it("import the provider SDKs for their types only", () => {
    for (const file of ruleSourceFiles()) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/^import\s+(type\s+)?[^;]*?from\s+"(@pulumi\/(?:aws|azure-native|gcp)[^"]*)"/gm)) {
        assert.ok(m[1], `${path.relative(ROOT, file)} imports ${m[2]} at run time`);
      }
      assert.doesNotMatch(text, /require\(\s*"@pulumi\/(aws|azure-native|gcp)/, path.relative(ROOT, file));
    }
  });

  it("load no provider SDK module when the rules are loaded", function () {
    this.timeout(60_000);
    const script = [
      "require('ts-node').register({ transpileOnly: true });",
      "require('./policies/rules');",
      "const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/]@pulumi[\\\\/](aws|azure-native|gcp)[\\\\/]/.test(k));",
      "process.stdout.write(JSON.stringify(loaded));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    assert.deepStrictEqual(JSON.parse(out), []);
  });
});
