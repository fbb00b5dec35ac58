import * as assert from "assert";
import { sourcesFromMapping, sourcesFromNames, UsageMappingError } from "../../../../optimizer/forecast";

const services = ["api", "web", "worker"];

describe("usage mapping", () => {
  it("maps file names to services and resources", () => {
    const r = sourcesFromNames(["api.cpu.csv", "web-memory.json", "worker.json", "notes.txt", "db.cpu.csv"], services);
    assert.deepStrictEqual(r.sources, [
      { service: "api", resource: "cpu", file: "api.cpu.csv" },
      { service: "web", resource: "memory", file: "web-memory.json" },
      { service: "worker", resource: "cpu", file: "worker.json", optional: true },
      { service: "worker", resource: "memory", file: "worker.json", optional: true },
    ]);
    assert.deepStrictEqual(r.unmatched, ["db.cpu.csv"]);
  });

  it("reads a mapping file with series, unit and interval", () => {
    const doc = { services: { api: { cpu: { file: "cw.json" }, memory: { file: "g.csv", series: "avg_mem", unit: "ratio", interval: "5m" } }, web: { cpu: "w.csv" } } };
    assert.deepStrictEqual(sourcesFromMapping(doc, "m.yaml", services), [
      { service: "api", resource: "cpu", file: "cw.json" },
      { service: "api", resource: "memory", file: "g.csv", series: "avg_mem", unit: "ratio", intervalSec: 300 },
      { service: "web", resource: "cpu", file: "w.csv" },
    ]);
  });

  it("rejects unknown services, resources, keys and durations with a fix", () => {
    const bad = (doc: unknown, re: RegExp) => assert.throws(() => sourcesFromMapping(doc, "m.yaml", services), (e: unknown) => e instanceof UsageMappingError && re.test(e.message));
    bad({ services: { db: { cpu: "x.csv" } } }, /services\.db is not a service of the stack\. To fix: use one of api, web, worker/);
    bad({ services: { api: { disk: "x.csv" } } }, /services\.api\.disk is not a resource cloudfit sizes/);
    bad({ services: { api: { cpu: { file: "x.csv", colum: "a" } } } }, /services\.api\.cpu\.colum is not a known key/);
    bad({ services: { api: { cpu: { file: "x.csv", interval: "soon" } } } }, /interval "soon" is not a duration/);
    bad({ services: { api: { cpu: {} } } }, /needs a file/);
    bad([], /has no services: mapping/);
  });
});
