// Offline answers to the AWS data sources programs call before creating resources. Account data is
// the documentation placeholder account 123456789012; ids are derived from the call (values.ts);
// region facts come from the tables below, each with its source.

import { digits, filterValue, fromPattern, hexId, Inputs, OfflineInvoke } from "./values";

/** The AWS documentation's example account id, used for every account-scoped answer. */
export const OFFLINE_ACCOUNT = "123456789012";

// Zones per region where an account does not see exactly a, b and c. Source: AWS, "AWS Availability
// Zones" (docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html).
const ZONE_LETTERS: Readonly<Record<string, string>> = {
  "us-east-1": "abcdef",
  "us-west-1": "ab",
  "us-west-2": "abcd",
  "ap-northeast-1": "acd",
  "ap-northeast-2": "abcd",
};

// Region names as the EC2 console shows them. Source: AWS, "Regions, Availability Zones, and Local
// Zones" (docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html).
const REGION_NAMES: Readonly<Record<string, string>> = {
  "us-east-1": "US East (N. Virginia)",
  "us-east-2": "US East (Ohio)",
  "us-west-1": "US West (N. California)",
  "us-west-2": "US West (Oregon)",
  "ca-central-1": "Canada (Central)",
  "sa-east-1": "South America (Sao Paulo)",
  "eu-west-1": "Europe (Ireland)",
  "eu-west-2": "Europe (London)",
  "eu-west-3": "Europe (Paris)",
  "eu-central-1": "Europe (Frankfurt)",
  "eu-north-1": "Europe (Stockholm)",
  "ap-south-1": "Asia Pacific (Mumbai)",
  "ap-northeast-1": "Asia Pacific (Tokyo)",
  "ap-northeast-2": "Asia Pacific (Seoul)",
  "ap-southeast-1": "Asia Pacific (Singapore)",
  "ap-southeast-2": "Asia Pacific (Sydney)",
};

// Elastic Load Balancing's log-delivery account per region. Source: AWS, "Enable access logs for
// your Application Load Balancer" (docs.aws.amazon.com/elasticloadbalancing/latest/application/
// enable-access-logging.html), the table of Elastic Load Balancing account ids.
const ELB_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021",
  "us-east-2": "033677994240",
  "us-west-1": "027434742980",
  "us-west-2": "797873946194",
  "ca-central-1": "985666609251",
  "eu-central-1": "054676820928",
  "eu-west-1": "156460612806",
  "eu-west-2": "652711504416",
  "eu-west-3": "009996457667",
  "eu-north-1": "897822967062",
  "ap-northeast-1": "582318560864",
  "ap-northeast-2": "600734575887",
  "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266",
  "ap-south-1": "718504428378",
  "sa-east-1": "507241528517",
};

// Owner aliases of public AMIs. Sources: AWS, "Find an AMI" (Amazon's own images, owner alias
// "amazon"); Canonical, "Find Ubuntu images on AWS" (owner 099720109477).
const AMI_OWNERS: Readonly<Record<string, string>> = {
  amazon: "137112412989",
  canonical: "099720109477",
  "aws-marketplace": "679593333241",
};

/** The AWS region of a call: its own `region` input, its provider's, or us-east-1. */
export function awsRegion(inputs: Inputs, setting: (k: string) => string | undefined): string {
  return (typeof inputs.region === "string" && inputs.region) || setting("region") || "us-east-1";
}

function partitionOf(region: string): { partition: string; dnsSuffix: string; reverseDnsPrefix: string } {
  if (region.startsWith("cn-")) return { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn", reverseDnsPrefix: "cn.com.amazonaws" };
  if (region.startsWith("us-gov-")) return { partition: "aws-us-gov", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
  return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" };
}

/** The zone id prefix AWS uses for a region: us-east-1 → use1, ap-southeast-2 → apse2. */
export function zoneIdPrefix(region: string): string {
  const [area, direction, n] = region.split("-");
  const d = direction.replace(/central/, "c").replace(/north/, "n").replace(/south/, "s").replace(/east/, "e").replace(/west/, "w");
  return `${area}${d}${n ?? ""}`;
}

function zones(region: string): { names: string[]; zoneIds: string[] } {
  const letters = ZONE_LETTERS[region] ?? "abc";
  return {
    names: [...letters].map((l) => `${region}${l}`),
    zoneIds: [...letters].map((_, i) => `${zoneIdPrefix(region)}-az${i + 1}`),
  };
}

const arn = (region: string, service: string, rest: string, account = OFFLINE_ACCOUNT) => `arn:${partitionOf(region).partition}:${service}:${region}:${account}:${rest}`;

/** An IAM policy document as the provider renders getPolicyDocument's statements. */
function policyJson(inputs: Inputs): Record<string, unknown> {
  const one = (v: unknown) => (Array.isArray(v) && v.length === 1 ? v[0] : v);
  const statements = (Array.isArray(inputs.statements) ? inputs.statements : []).map((s: Inputs) => {
    const out: Record<string, unknown> = {};
    if (s.sid) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    if (s.actions) out.Action = one(s.actions);
    if (s.notActions) out.NotAction = one(s.notActions);
    if (s.resources) out.Resource = one(s.resources);
    if (s.notResources) out.NotResource = one(s.notResources);
    for (const [key, field] of [["principals", "Principal"], ["notPrincipals", "NotPrincipal"]] as const) {
      if (!Array.isArray(s[key])) continue;
      const p: Record<string, unknown> = {};
      for (const { type, identifiers } of s[key] as { type: string; identifiers: string[] }[]) p[type] = one(identifiers);
      out[field] = Object.keys(p).length === 1 && p["*"] === "*" ? "*" : p;
    }
    if (Array.isArray(s.conditions)) {
      const c: Record<string, Record<string, unknown>> = {};
      for (const { test, variable, values } of s.conditions as { test: string; variable: string; values: string[] }[]) {
        (c[test] ??= {})[variable] = one(values);
      }
      out.Condition = c;
    }
    return out;
  });
  return { Version: inputs.version ?? "2012-10-17", ...(inputs.policyId ? { Id: inputs.policyId } : {}), Statement: statements };
}

/** AWS data sources answered offline. */
export const AWS_INVOKES: readonly OfflineInvoke[] = [
  {
    token: "aws:index/getAvailabilityZones:getAvailabilityZones",
    returns: "The region's zones (`us-east-1a`…, three unless the region has more or fewer) and zone ids (`use1-az1`…), minus `excludeNames`/`excludeZoneIds`.",
    answer(inputs, ctx) {
      const { names, zoneIds } = zones(ctx.region);
      const keep = names.map((n, i) => !(inputs.excludeNames ?? []).includes(n) && !(inputs.excludeZoneIds ?? []).includes(zoneIds[i]));
      return { ...inputs, id: ctx.region, region: ctx.region, names: names.filter((_, i) => keep[i]), zoneIds: zoneIds.filter((_, i) => keep[i]), groupNames: [ctx.region] };
    },
  },
  {
    token: "aws:ec2/getAmi:getAmi",
    returns: "An `ami-` id derived from the filters and region; name from the `name` filter's pattern, architecture from the filter (or arm64 when the name says so), owner from `owners`.",
    answer(inputs, ctx) {
      const name = fromPattern(filterValue(inputs, "name") ?? inputs.nameRegex ?? "image");
      const architecture = filterValue(inputs, "architecture") ?? (/arm64|aarch64/.test(name) ? "arm64" : "x86_64");
      const owner = (inputs.owners ?? [])[0] as string | undefined;
      const id = hexId("ami-", 17, ctx.region, inputs.owners, inputs.filters, inputs.nameRegex);
      return {
        ...inputs, id, imageId: id, name, architecture, region: ctx.region, arn: `arn:${partitionOf(ctx.region).partition}:ec2:${ctx.region}::image/${id}`,
        ownerId: owner === undefined ? AMI_OWNERS.amazon : (AMI_OWNERS[owner] ?? (owner === "self" ? OFFLINE_ACCOUNT : owner)),
        state: "available", public: true, imageType: "machine", hypervisor: "xen", virtualizationType: "hvm", rootDeviceType: "ebs",
        rootDeviceName: "/dev/xvda", platformDetails: "Linux/UNIX", bootMode: "uefi-preferred", enaSupport: true,
        creationDate: "2025-01-15T00:00:00.000Z", description: `${name} (looked up offline)`,
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volume_size: "8", volume_type: "gp3", encrypted: "false" } }],
      };
    },
  },
  {
    token: "aws:ec2/getAmiIds:getAmiIds",
    returns: "Two `ami-` ids derived from the filters and region.",
    answer: (inputs, ctx) => ({ ...inputs, id: ctx.region, ids: [0, 1].map((i) => hexId("ami-", 17, ctx.region, inputs.owners, inputs.filters, i)) }),
  },
  {
    token: "aws:index/getCallerIdentity:getCallerIdentity",
    returns: "Account `123456789012` (the AWS documentation's placeholder), a user ARN in it.",
    answer: (_inputs, ctx) => ({
      id: OFFLINE_ACCOUNT, accountId: OFFLINE_ACCOUNT, userId: "AIDACLOUDFITOFFLINE",
      arn: `arn:${partitionOf(ctx.region).partition}:iam::${OFFLINE_ACCOUNT}:user/cloudfit-offline`,
    }),
  },
  {
    token: "aws:index/getRegion:getRegion",
    returns: "The provider's region (or the one asked for) with its console name and EC2 endpoint.",
    answer(inputs, ctx) {
      const r = (inputs.name as string | undefined) ?? ctx.region;
      return { ...inputs, id: r, name: r, region: r, description: REGION_NAMES[r] ?? r, endpoint: `ec2.${r}.${partitionOf(r).dnsSuffix}` };
    },
  },
  {
    token: "aws:index/getPartition:getPartition",
    returns: "`aws` (`aws-cn`, `aws-us-gov` for those regions) with its DNS suffix.",
    answer: (_inputs, ctx) => ({ id: partitionOf(ctx.region).partition, ...partitionOf(ctx.region) }),
  },
  {
    token: "aws:ec2/getVpc:getVpc",
    returns: "A `vpc-` id (the asked-for id when given); CIDR 172.31.0.0/16 for the default VPC, 10.0.0.0/16 otherwise.",
    answer(inputs, ctx) {
      const id = (inputs.id as string | undefined) ?? hexId("vpc-", 17, ctx.region, inputs.default, inputs.filters, inputs.tags);
      const isDefault = inputs.default === true;
      return {
        ...inputs, id, region: ctx.region, default: isDefault, cidrBlock: isDefault ? "172.31.0.0/16" : "10.0.0.0/16", state: "available",
        arn: arn(ctx.region, "ec2", `vpc/${id}`), ownerId: OFFLINE_ACCOUNT, instanceTenancy: "default", enableDnsSupport: true,
        enableDnsHostnames: isDefault, mainRouteTableId: hexId("rtb-", 17, id), dhcpOptionsId: hexId("dopt-", 17, id),
        cidrBlockAssociations: [], ipv6CidrBlockAssociations: [], tags: inputs.tags ?? {},
      };
    },
  },
  {
    token: "aws:ec2/getSubnets:getSubnets",
    returns: "One `subnet-` id per zone of the region, derived from the filters.",
    answer: (inputs, ctx) => ({ ...inputs, id: ctx.region, region: ctx.region, ids: zones(ctx.region).names.map((z) => hexId("subnet-", 17, z, inputs.filters, inputs.tags)), tags: inputs.tags ?? {} }),
  },
  {
    token: "aws:ec2/getSubnet:getSubnet",
    returns: "A `subnet-` id (the asked-for id when given) in the region's first zone, CIDR 172.31.0.0/20.",
    answer(inputs, ctx) {
      const zone = (inputs.availabilityZone as string | undefined) ?? zones(ctx.region).names[0];
      const id = (inputs.id as string | undefined) ?? hexId("subnet-", 17, zone, inputs.filters, inputs.tags);
      return {
        ...inputs, id, region: ctx.region, availabilityZone: zone, availabilityZoneId: `${zoneIdPrefix(ctx.region)}-az1`,
        cidrBlock: inputs.cidrBlock ?? "172.31.0.0/20", vpcId: inputs.vpcId ?? hexId("vpc-", 17, ctx.region, filterValue(inputs, "vpc-id")),
        arn: arn(ctx.region, "ec2", `subnet/${id}`), ownerId: OFFLINE_ACCOUNT, state: "available", mapPublicIpOnLaunch: false, tags: inputs.tags ?? {},
      };
    },
  },
  {
    token: "aws:ec2/getSecurityGroup:getSecurityGroup",
    returns: "An `sg-` id (the asked-for id when given), named as asked or `default`.",
    answer(inputs, ctx) {
      const id = (inputs.id as string | undefined) ?? hexId("sg-", 17, ctx.region, inputs.name, inputs.vpcId, inputs.filters);
      return { ...inputs, id, name: inputs.name ?? "default", vpcId: inputs.vpcId ?? hexId("vpc-", 17, ctx.region), arn: arn(ctx.region, "ec2", `security-group/${id}`), description: "looked up offline", tags: inputs.tags ?? {} };
    },
  },
  {
    token: "aws:iam/getPolicyDocument:getPolicyDocument",
    returns: "`json` and `minifiedJson` rendered from the statements, as the provider renders them.",
    answer(inputs) {
      const doc = policyJson(inputs);
      return { ...inputs, id: hexId("", 10, doc), json: JSON.stringify(doc, null, 2), minifiedJson: JSON.stringify(doc) };
    },
  },
  {
    token: "aws:iam/getRole:getRole",
    returns: "The role's ARN in the placeholder account and a derived unique id.",
    answer: (inputs) => ({ ...inputs, id: inputs.name, arn: `arn:aws:iam::${OFFLINE_ACCOUNT}:role/${inputs.name}`, uniqueId: `AROA${hexId("", 17, inputs.name).toUpperCase()}`, path: "/", maxSessionDuration: 3600, assumeRolePolicy: "{}" }),
  },
  {
    token: "aws:ssm/getParameter:getParameter",
    returns: "For public AMI parameters (`/aws/service/…ami…`) an `ami-` id; otherwise `offline:<name>`.",
    answer(inputs, ctx) {
      const name = String(inputs.name);
      const value = /^\/aws\/service\/.*ami/.test(name) ? hexId("ami-", 17, ctx.region, name) : `offline:${name}`;
      return { ...inputs, id: name, name, value, insecureValue: value, type: "String", version: 1, arn: arn(ctx.region, "ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`), region: ctx.region };
    },
  },
  {
    token: "aws:elb/getServiceAccount:getServiceAccount",
    returns: "Elastic Load Balancing's log-delivery account of the region (AWS's published table).",
    answer(inputs, ctx) {
      const account = ELB_ACCOUNTS[ctx.region] ?? ELB_ACCOUNTS["us-east-1"];
      return { ...inputs, id: account, region: ctx.region, arn: `arn:${partitionOf(ctx.region).partition}:iam::${account}:root` };
    },
  },
  {
    token: "aws:ecr/getAuthorizationToken:getAuthorizationToken",
    returns: "User `AWS`, an offline token, and the registry endpoint of the placeholder account.",
    answer(inputs, ctx) {
      const password = `offline-${hexId("", 24, ctx.region)}`;
      return {
        ...inputs, id: ctx.region, region: ctx.region, userName: "AWS", password, expiresAt: "2030-01-01T00:00:00Z",
        authorizationToken: Buffer.from(`AWS:${password}`).toString("base64"), proxyEndpoint: `https://${OFFLINE_ACCOUNT}.dkr.ecr.${ctx.region}.${partitionOf(ctx.region).dnsSuffix}`,
      };
    },
  },
  {
    token: "aws:route53/getZone:getZone",
    returns: "A hosted zone id `Z…` derived from the name, with four awsdns name servers.",
    answer(inputs) {
      const name = String(inputs.name ?? inputs.zoneId ?? "example.com").replace(/\.$/, "");
      const zoneId = (inputs.zoneId as string | undefined) ?? `Z${hexId("", 20, name).toUpperCase()}`;
      const n = Number(digits(3, name)) % 2048;
      return {
        ...inputs, id: zoneId, zoneId, name, privateZone: inputs.privateZone ?? false, arn: `arn:aws:route53:::hostedzone/${zoneId}`, resourceRecordSetCount: 2,
        nameServers: [`ns-${n}.awsdns-${n % 64}.com`, `ns-${n + 1}.awsdns-${(n + 1) % 64}.net`, `ns-${n + 2}.awsdns-${(n + 2) % 64}.org`, `ns-${n + 3}.awsdns-${(n + 3) % 64}.co.uk`],
      };
    },
  },
  {
    token: "aws:acm/getCertificate:getCertificate",
    returns: "An issued certificate's ARN in the region, for the asked-for domain.",
    answer: (inputs, ctx) => ({ ...inputs, id: inputs.domain, arn: arn(ctx.region, "acm", `certificate/${hexId("", 32, inputs.domain).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-")}`), status: "ISSUED", region: ctx.region }),
  },
  {
    token: "aws:kms/getKey:getKey",
    returns: "The key's ARN and id in the region (aliases resolve to a derived key id).",
    answer(inputs, ctx) {
      const keyId = String(inputs.keyId).startsWith("arn:") ? String(inputs.keyId).split("/").pop()! : /^alias\//.test(String(inputs.keyId)) ? hexId("", 32, inputs.keyId) : String(inputs.keyId);
      return { ...inputs, id: keyId, arn: arn(ctx.region, "kms", `key/${keyId}`), awsAccountId: OFFLINE_ACCOUNT, enabled: true, keyState: "Enabled", keyUsage: "ENCRYPT_DECRYPT", keyManager: "CUSTOMER", region: ctx.region };
    },
  },
  {
    token: "aws:eks/getClusterAuth:getClusterAuth",
    returns: "An offline bearer token for the cluster.",
    answer: (inputs) => ({ ...inputs, id: inputs.name, token: `k8s-aws-v1.offline-${hexId("", 16, inputs.name)}` }),
  },
];
