import * as assert from "assert";
import { loadCatalog } from "../../optimizer/catalog";
import { SpecValidationError, formatProblem } from "../../optimizer/errors";
import { validateSpec } from "../../optimizer/validate";

const catalog = loadCatalog();

/** A small valid spec; each test changes one thing. */
function base(): Record<string, any> {
  return {
    services: {
      api: { replicas: 3, vcpu: 2, memoryGiB: 4, ports: [8080, 9090] },
      web: { replicas: 2, vcpu: 1, memoryGiB: 2, publicPorts: [443] },
    },
    buckets: { assets: { storageGiB: 100 } },
    links: [
      { from: "web", to: "api", monthlyGiB: 50 },
      { from: "api", to: "assets", monthlyGiB: 20 },
    ],
  };
}

/** The formatted problems a spec is rejected with. */
function problems(input: unknown): string[] {
  try {
    validateSpec(input, catalog);
  } catch (e) {
    assert.ok(e instanceof SpecValidationError, `expected a SpecValidationError, got ${e}`);
    return e.problems.map(formatProblem);
  }
  return assert.fail("expected the spec to be rejected");
}

/** Asserts that a spec is rejected with exactly these problem lines, in this order. */
function rejects(input: unknown, expected: string[]): void {
  const got = problems(input);
  assert.strictEqual(got.length, expected.length, `got:\n${got.join("\n")}`);
  expected.forEach((line, i) => assert.strictEqual(got[i], line));
}

describe("validateSpec", () => {
  describe("numbers", () => {
    it("suggests the number inside a string with a unit", () => {
      const s = base();
      s.services.api.memoryGiB = "4GB";
      rejects(s, [
        'services.api.memoryGiB: must be a positive number, got "4GB". To fix: write 4.',
      ]);
    });

    it("converts TiB in a string to GiB when suggesting a size", () => {
      const s = base();
      s.buckets.assets.storageGiB = "1 TiB";
      rejects(s, [
        'buckets.assets.storageGiB: must be a number of at least 0, got "1 TiB". To fix: write 1024.',
      ]);
    });

    it("reports a missing required field with what to write", () => {
      const s = base();
      delete s.services.web.vcpu;
      rejects(s, [
        "services.web.vcpu: is required. To fix: write the vCPUs each replica needs, e.g. 2.",
      ]);
    });

    it("rejects a fractional or zero replica count", () => {
      const s = base();
      s.services.api.replicas = 2.5;
      s.services.web.replicas = 0;
      rejects(s, [
        "services.api.replicas: must be a whole number of at least 1, got 2.5. To fix: write how many replicas to run, e.g. 2.",
        "services.web.replicas: must be a whole number of at least 1, got 0. To fix: write how many replicas to run, e.g. 2.",
      ]);
    });

    it("rejects a disk smaller than 1 GiB", () => {
      const s = base();
      s.services.api.diskGiB = 0.5;
      rejects(s, [
        "services.api.diskGiB: must be a number of at least 1, got 0.5. To fix: write the disk size per replica in GiB, e.g. 20.",
      ]);
    });

    it("rejects more spot replicas than replicas", () => {
      const s = base();
      s.services.api.spotReplicas = 4;
      rejects(s, [
        "services.api.spotReplicas: must be a whole number from 0 to replicas (3), got 4. To fix: write a number from 0 to 3.",
      ]);
    });

    it("rejects a negative link volume", () => {
      const s = base();
      s.links[0].monthlyGiB = -5;
      rejects(s, [
        "links[0].monthlyGiB: must be a number of at least 0, got -5. To fix: write the GiB exchanged per month, e.g. 100.",
      ]);
    });
  });

  describe("unknown keys", () => {
    it("names the key most likely meant", () => {
      const s = base();
      s.services.api.memGiB = 4;
      delete s.services.api.memoryGiB;
      rejects(s, [
        "services.api.memGiB: is not a known key. To fix: rename it to memoryGiB.",
        "services.api.memoryGiB: is required. To fix: write the memory each replica needs in GiB, e.g. 4.",
      ]);
    });

    it("says to remove a near-miss key when the intended key is already set", () => {
      const s = base();
      s.services.api.memory = 8;
      rejects(s, [
        "services.api.memory: is not a known key. To fix: remove it; memoryGiB is already set.",
      ]);
    });

    it("lists the known keys when nothing is close", () => {
      const s = base();
      s.buckets.assets.colour = "blue";
      rejects(s, [
        "buckets.assets.colour: is not a known key. " +
          "To fix: remove it; the known keys are storageGiB, internetEgressGiB, residency, clouds, regions.",
      ]);
    });

    it("catches a misspelt top-level key", () => {
      const s = base();
      s.link = s.links;
      delete s.links;
      rejects(s, ["link: is not a known key. To fix: rename it to links."]);
    });
  });

  describe("enumerations and lists", () => {
    it("maps a common alias of an architecture to its name", () => {
      const s = base();
      s.services.api.arch = "amd64";
      rejects(s, [
        'services.api.arch: must be one of x86_64, arm64, any, got "amd64". To fix: write x86_64.',
      ]);
    });

    it("lists the choices when a value matches no name or alias", () => {
      const s = base();
      s.services.api.arch = "constructor";
      rejects(s, [
        'services.api.arch: must be one of x86_64, arm64, any, got "constructor". ' +
          "To fix: write one of x86_64, arm64 or any.",
      ]);
    });

    it("lists valid residency codes for an unknown one", () => {
      const s = base();
      s.services.api.residency = ["EU", "MA"];
      rejects(s, [
        "services.api.residency[1]: must be a continent (AF, AS, EU, NA, OC, SA) or a country with a region in the catalog " +
          "(AE, AT, AU, BE, BR, CA, CH, CL, DE, DK, ES, FI, FR, GB, HK, ID, IE, IL, IN, IT, JP, KR, MX, MY, NL, NO, NZ, PL, QA, " +
          'SE, SG, TH, TW, US, ZA), got "MA". To fix: use one of those codes.',
      ]);
    });

    it("asks for a list when a single residency code is given", () => {
      const s = base();
      s.buckets.assets.residency = "EU";
      rejects(s, ['buckets.assets.residency: must be a list, got "EU". To fix: write ["EU"].']);
    });

    it("maps a vendor name to its cloud", () => {
      const s = base();
      s.services.web.clouds = ["aws", "google"];
      rejects(s, [
        'services.web.clouds[1]: must be one of aws, azure, gcp, got "google". To fix: write gcp.',
      ]);
    });

    it("rejects service clouds that global.clouds excludes entirely", () => {
      const s = base();
      s.global = { clouds: ["gcp"] };
      s.services.web.clouds = ["aws", "azure"];
      rejects(s, [
        "services.web.clouds: allows only aws, azure, which global.clouds (gcp) excludes. " +
          "To fix: add aws to global.clouds, or choose among gcp.",
      ]);
    });

    it("suggests the nearest region id for an unknown region", () => {
      const s = base();
      s.services.api.regions = ["eu-central-2"];
      rejects(s, [
        'services.api.regions[0]: must be a region of the catalog, got "eu-central-2". To fix: write eu-central-1.',
      ]);
    });

    it("rejects a region of a cloud the service may not use", () => {
      const s = base();
      s.services.api.clouds = ["aws"];
      s.services.api.regions = ["eu-west-1", "westeurope"];
      rejects(s, [
        "services.api.regions[1]: westeurope is a region of azure, but services.api may only use aws. " +
          "To fix: add azure to services.api.clouds, or remove westeurope.",
      ]);
    });
  });

  describe("ports", () => {
    it("rejects a port outside 1 to 65535", () => {
      const s = base();
      s.services.api.ports = [8080, 70000];
      rejects(s, [
        "services.api.ports[1]: must be a whole number from 1 to 65535, got 70000. To fix: write a TCP port such as 8080.",
      ]);
    });

    it("refuses to open SSH or RDP to the internet", () => {
      const s = base();
      s.services.web.publicPorts = [443, 22, 3389];
      rejects(s, [
        "services.web.publicPorts[1]: must not open port 22 (SSH) to the internet. " +
          "To fix: remove it, and reach replicas through a bastion or the cloud's remote-access service instead.",
        "services.web.publicPorts[2]: must not open port 3389 (RDP) to the internet. " +
          "To fix: remove it, and reach replicas through a bastion or the cloud's remote-access service instead.",
      ]);
    });

    it("accepts only 80 and 443 as public ports", () => {
      const s = base();
      s.services.web.publicPorts = [8443];
      rejects(s, [
        "services.web.publicPorts[0]: must be 80 or 443, got 8443. To fix: serve the service on 80 (HTTP) or 443 (HTTPS), or remove it.",
      ]);
    });
  });

  describe("availability", () => {
    it("rejects minClouds above the replica count", () => {
      const s = base();
      s.services.web.availability = { minClouds: 3 };
      rejects(s, [
        "services.web.availability.minClouds: must be at most replicas (2), got 3. To fix: lower it to 2, or raise replicas to 3.",
      ]);
    });

    it("rejects minClouds above the clouds the service may use", () => {
      const s = base();
      s.services.api.clouds = ["aws"];
      s.services.api.availability = { minClouds: 2 };
      rejects(s, [
        "services.api.availability.minClouds: must be at most the number of clouds the service may use (1: aws), got 2. " +
          "To fix: lower it to 1, or allow more clouds.",
      ]);
    });

    it("rejects minClouds above global.maxClouds", () => {
      const s = base();
      s.global = { maxClouds: 1 };
      s.services.api.availability = { minClouds: 2 };
      rejects(s, [
        "services.api.availability.minClouds: must be at most global.maxClouds (1), got 2. " +
          "To fix: lower it to 1, or raise global.maxClouds to 2.",
      ]);
    });

    it("rejects minRegions above the regions listed", () => {
      const s = base();
      s.services.api.regions = ["eu-west-1"];
      s.services.api.availability = { minRegions: 2 };
      rejects(s, [
        "services.api.availability.minRegions: must be at most the number of regions in services.api.regions (1), got 2. " +
          "To fix: lower it to 1, or list more regions.",
      ]);
    });

    it("rejects a share outside (0, 1]", () => {
      const s = base();
      s.services.api.availability = { maxSharePerCloud: 0 };
      rejects(s, [
        "services.api.availability.maxSharePerCloud: must be a number above 0 and at most 1, got 0. " +
          "To fix: write a share such as 0.5, or remove it for no limit.",
      ]);
    });

    it("rejects a share that needs more clouds than the service may use", () => {
      const s = base();
      s.services.api.clouds = ["aws", "gcp"];
      s.services.api.availability = { minClouds: 2, maxSharePerCloud: 0.4 };
      rejects(s, [
        "services.api.availability.maxSharePerCloud: allows at most 1 of the 3 replicas in one cloud, so the service " +
          "needs 3 clouds, but it may use only 2 (aws, gcp). To fix: raise it to at least 0.67, or allow more clouds.",
      ]);
    });

    it("rejects a share that rounds down to no replica per cloud", () => {
      const s = base();
      s.services.api.availability = { maxSharePerCloud: 0.2 };
      rejects(s, [
        "services.api.availability.maxSharePerCloud: allows no replica in any one cloud (0.2 x 3 replicas rounds down to 0). " +
          "To fix: raise it to at least 0.34.",
      ]);
    });
  });

  describe("links", () => {
    it("suggests the service most likely meant by an unknown endpoint", () => {
      const s = base();
      s.links[0].from = "wbe";
      rejects(s, ['links[0].from: no service is named "wbe". To fix: write web.']);
    });

    it("rejects a link that starts at a bucket", () => {
      const s = base();
      s.links[1] = { from: "assets", to: "api", monthlyGiB: 1 };
      rejects(s, [
        'links[1].from: "assets" is a bucket, but a link starts at a service. To fix: swap from and to.',
      ]);
    });

    it("lists the workloads when an endpoint matches none", () => {
      const s = base();
      s.links[0].to = "database";
      rejects(s, [
        'links[0].to: no service or bucket is named "database". To fix: use one of api, web, assets.',
      ]);
    });

    it("rejects a link from a service to itself", () => {
      const s = base();
      s.links[0].to = "web";
      rejects(s, [
        'links[0].to: is the same as from ("web"). To fix: link web to another workload, or remove the link.',
      ]);
    });

    it("rejects a port the target service does not listen on", () => {
      const s = base();
      s.links[0].port = 80;
      rejects(s, [
        "links[0].port: must be one of the ports of services.api (8080, 9090), got 80. " +
          "To fix: add 80 to services.api.ports, or write 8080.",
      ]);
    });

    it("requires port 443 for a bucket", () => {
      const s = base();
      s.links[1].port = 80;
      rejects(s, [
        "links[1].port: must be 443 for a bucket, got 80. To fix: write 443, or remove it.",
      ]);
    });

    it("rejects a link to a service that listens on no ports", () => {
      const s = base();
      s.services.api.ports = [];
      rejects(s, [
        "links[0]: links to services.api, which listens on no ports. To fix: add a port to services.api.ports.",
      ]);
    });

    it("rejects the same link twice", () => {
      const s = base();
      s.links.push({ from: "web", to: "api", monthlyGiB: 5, port: 8080 });
      rejects(s, [
        "links[2]: repeats links[0] (web to api on port 8080). To fix: merge the two into one link with the total monthlyGiB.",
      ]);
    });
  });

  describe("global settings", () => {
    it("checks maxClouds, budget and allowBurstable", () => {
      const s = base();
      s.global = { maxClouds: 4, budgetUSD: "$5000", allowBurstable: "yes" };
      rejects(s, [
        "global.maxClouds: must be a whole number from 1 to 3, got 4. To fix: write 1, 2 or 3, or remove it for no limit.",
        'global.budgetUSD: must be a positive number, got "$5000". To fix: write 5000.',
        'global.allowBurstable: must be true or false, got "yes". To fix: write true.',
      ]);
    });

    it("checks quota keys against the catalog and quota values", () => {
      const s = base();
      s.global = {
        quotas: { "us-east-1": 64, "aws:eu-central-2": 32, "gcp:us-east4": -1, "aws:eu-west-1": 96 },
      };
      rejects(s, [
        'global.quotas.us-east-1: is not a cloud-region in the catalog. To fix: write "aws:us-east-1".',
        'global.quotas["aws:eu-central-2"]: is not a cloud-region in the catalog. To fix: write "aws:eu-central-1".',
        'global.quotas["gcp:us-east4"]: must be a whole number of at least 0, got -1. To fix: write the vCPU quota, e.g. 256.',
      ]);
    });
  });

  describe("names", () => {
    it("rejects a name that cannot become a cloud resource name and suggests one", () => {
      const s = base();
      s.services.Web_API = s.services.web;
      delete s.services.web;
      s.links = [];
      rejects(s, [
        "services.Web_API: name must use lowercase letters, digits and hyphens, start with a letter, end with a " +
          "letter or digit and be at most 40 characters long, because it becomes part of cloud resource names. " +
          "To fix: rename it to web-api.",
      ]);
    });

    it("rejects a name longer than 40 characters", () => {
      const s = base();
      const long = "a".repeat(41);
      s.buckets = { [long]: { storageGiB: 1 } };
      s.links = [];
      assert.deepStrictEqual(problems(s), [
        `buckets.${long}: name must use lowercase letters, digits and hyphens, start with a letter, end with a ` +
          "letter or digit and be at most 40 characters long, because it becomes part of cloud resource names. " +
          `To fix: rename it to ${"a".repeat(40)}.`,
      ]);
    });

    it("rejects a bucket named like a service", () => {
      const s = base();
      s.buckets.api = { storageGiB: 1 };
      rejects(s, [
        "buckets.api: name is also used by services.api; names must be unique across services and buckets. " +
          "To fix: rename the bucket or the service, since both become cloud resource names.",
      ]);
    });
  });

  describe("shape", () => {
    it("rejects a spec that is not an object", () => {
      rejects([1, 2], [
        "spec: must be an object with services, buckets, links and global, got a list. " +
          "To fix: write the spec as { services: { api: { replicas: 2, vcpu: 2, memoryGiB: 4 } } }.",
      ]);
    });

    it("requires services", () => {
      rejects({ buckets: {} }, [
        "services: is required. To fix: add services, a map from service name to its spec, " +
          "e.g. { api: { replicas: 2, vcpu: 2, memoryGiB: 4 } }.",
      ]);
    });
  });

  it("reports every problem at once, in document order, with a counted header", () => {
    const s = base();
    s.services.api.memoryGiB = "4GB";
    s.services.api.replicaz = 2;
    s.services.web.publicPorts = [22];
    s.links[0].from = "wbe";
    s.global = { maxClouds: 0 };
    try {
      validateSpec(s, catalog);
      assert.fail("expected the spec to be rejected");
    } catch (e) {
      assert.ok(e instanceof SpecValidationError);
      assert.strictEqual(e.name, "SpecValidationError");
      const lines = e.message.split("\n");
      assert.strictEqual(lines[0], "The workload spec has 5 problems:");
      assert.deepStrictEqual(lines.slice(1), [
        "  services.api.replicaz: is not a known key. To fix: remove it; replicas is already set.",
        '  services.api.memoryGiB: must be a positive number, got "4GB". To fix: write 4.',
        "  services.web.publicPorts[0]: must not open port 22 (SSH) to the internet. " +
          "To fix: remove it, and reach replicas through a bastion or the cloud's remote-access service instead.",
        '  links[0].from: no service is named "wbe". To fix: write web.',
        "  global.maxClouds: must be a whole number from 1 to 3, got 0. To fix: write 1, 2 or 3, or remove it for no limit.",
      ]);
    }
  });

  it("fills every default and upper-cases residency", () => {
    const spec = validateSpec(
      {
        services: { api: { replicas: 2, vcpu: 2, memoryGiB: 4, residency: ["eu", "de"] } },
        buckets: { logs: { storageGiB: 10 } },
        links: [{ from: "api", to: "logs", monthlyGiB: 1 }],
      },
      catalog,
    );
    assert.deepStrictEqual(spec, {
      services: [
        {
          name: "api",
          replicas: 2,
          vcpu: 2,
          memoryGiB: 4,
          arch: "any",
          diskGiB: 20,
          spotReplicas: 0,
          residency: ["EU", "DE"],
          clouds: ["aws", "azure", "gcp"],
          regions: [],
          minClouds: 1,
          minRegions: 1,
          maxSharePerCloud: 1,
          ports: [8080],
          publicPorts: [],
        },
      ],
      buckets: [
        {
          name: "logs",
          storageGiB: 10,
          internetEgressGiB: 0,
          residency: [],
          clouds: ["aws", "azure", "gcp"],
          regions: [],
        },
      ],
      links: [{ from: "api", to: "logs", toKind: "bucket", monthlyGiB: 1, port: 443, latency: { kind: "continent" } }],
      clouds: ["aws", "azure", "gcp"],
      maxClouds: 3,
      quotas: {},
      allowBurstable: false,
      network: { nat: "regional", publicZone: true },
    });
  });

  it("intersects a service's clouds with the global ones and keeps global settings", () => {
    const spec = validateSpec(
      {
        services: { api: { replicas: 2, vcpu: 2, memoryGiB: 4, clouds: ["gcp", "aws"] } },
        global: {
          clouds: ["gcp", "azure"],
          maxClouds: 2,
          quotas: { "gcp:us-east4": 64 },
          budgetUSD: 900,
          allowBurstable: true,
        },
      },
      catalog,
    );
    assert.deepStrictEqual(spec.services[0].clouds, ["gcp"]);
    assert.deepStrictEqual(spec.clouds, ["gcp", "azure"]);
    assert.deepStrictEqual(
      [spec.maxClouds, spec.quotas, spec.budgetUSD, spec.allowBurstable],
      [2, { "gcp:us-east4": 64 }, 900, true],
    );
  });

  it("sorts services and buckets by name and links stably by from and to", () => {
    const spec = validateSpec(
      {
        services: {
          worker: { replicas: 1, vcpu: 1, memoryGiB: 1 },
          api: { replicas: 1, vcpu: 1, memoryGiB: 1, ports: [8080, 9090] },
          cache: { replicas: 1, vcpu: 1, memoryGiB: 1 },
        },
        buckets: { logs: { storageGiB: 1 }, assets: { storageGiB: 1 } },
        links: [
          { from: "worker", to: "api", monthlyGiB: 1 },
          { from: "api", to: "logs", monthlyGiB: 2 },
          { from: "api", to: "cache", monthlyGiB: 3, port: 8080 },
          { from: "worker", to: "api", monthlyGiB: 4, port: 9090 },
          { from: "api", to: "assets", monthlyGiB: 5 },
        ],
      },
      catalog,
    );
    assert.deepStrictEqual(spec.services.map((s) => s.name), ["api", "cache", "worker"]);
    assert.deepStrictEqual(spec.buckets.map((b) => b.name), ["assets", "logs"]);
    assert.deepStrictEqual(
      spec.links.map((l) => `${l.from}>${l.to}:${l.port}:${l.monthlyGiB}`),
      [
        "api>assets:443:5",
        "api>cache:8080:3",
        "api>logs:443:2",
        "worker>api:8080:1",
        "worker>api:9090:4",
      ],
    );
  });
});
