// Wording shared by violation messages: how a resource is named, lists, quoting.

/** Human names for the resource types the rules talk about, keyed by type token. */
const KINDS: Readonly<Record<string, string>> = {
  "aws:s3/bucket:Bucket": "S3 bucket",
  "aws:s3/bucketV2:BucketV2": "S3 bucket",
  "aws:ebs/volume:Volume": "EBS volume",
  "aws:ec2/instance:Instance": "EC2 instance",
  "aws:ec2/launchTemplate:LaunchTemplate": "Launch template",
  "aws:autoscaling/group:Group": "Auto Scaling group",
  "aws:rds/instance:Instance": "RDS instance",
  "aws:rds/cluster:Cluster": "RDS cluster",
  "aws:rds/clusterInstance:ClusterInstance": "RDS cluster instance",
  "aws:ec2/securityGroup:SecurityGroup": "Security group",
  "aws:ec2/securityGroupRule:SecurityGroupRule": "Security group rule",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": "Security group ingress rule",
  "aws:kms/key:Key": "KMS key",
  "azure-native:storage:StorageAccount": "Storage account",
  "azure-native:compute:VirtualMachine": "Virtual machine",
  "azure-native:compute:VirtualMachineScaleSet": "Scale set",
  "azure-native:network:NetworkSecurityGroup": "Network security group",
  "azure-native:network:SecurityRule": "Security rule",
  "gcp:storage/bucket:Bucket": "GCS bucket",
  "gcp:compute/instance:Instance": "Compute instance",
  "gcp:compute/instanceTemplate:InstanceTemplate": "Instance template",
  "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate": "Regional instance template",
  "gcp:compute/firewall:Firewall": "Firewall",
  "aws:elb/loadBalancer:LoadBalancer": "Classic load balancer",
  "aws:ec2/eip:Eip": "Elastic IP",
  "azure-native:compute:Disk": "Managed disk",
  "azure-native:redis:Redis": "Azure Cache for Redis",
  "azure-native:dbforpostgresql:Configuration": "PostgreSQL server parameter",
  "azure-native:dbformysql:Configuration": "MySQL server parameter",
  "azure-native:network:NetworkInterface": "Network interface",
  "gcp:compute/vPNTunnel:VPNTunnel": "VPN tunnel",
  "gcp:compute/uRLMap:URLMap": "URL map",
  "gcp:compute/sSLPolicy:SSLPolicy": "SSL policy",
  "gcp:compute/targetSSLProxy:TargetSSLProxy": "Target SSL proxy",
  "gcp:serviceaccount/key:Key": "Service account key",
  "cloudflare:index/loadBalancerPool:LoadBalancerPool": "Cloudflare load balancer pool",
};

/** What messages call the resources of a provider module, before the type's own words. */
const MODULE_NAMES: Readonly<Record<string, string>> = {
  "aws:s3": "S3",
  "aws:iam": "IAM",
  "aws:kms": "KMS",
  "aws:rds": "RDS",
  "aws:lambda": "Lambda",
  "aws:ecr": "ECR",
  "aws:sns": "SNS",
  "aws:sqs": "SQS",
  "aws:cloudtrail": "CloudTrail",
  "aws:dynamodb": "DynamoDB",
  "aws:elasticache": "ElastiCache",
  "aws:efs": "EFS",
  "aws:eks": "EKS",
  "aws:route53": "Route 53",
  "aws:lb": "Load balancer",
  "aws:alb": "Load balancer",
  "azure-native:sql": "Azure SQL",
  "azure-native:dbforpostgresql": "PostgreSQL flexible",
  "azure-native:dbformysql": "MySQL flexible",
  "azure-native:keyvault": "Key Vault",
  "azure-native:web": "App Service",
  "azure-native:containerregistry": "Container",
  "gcp:storage": "GCS",
  "gcp:kms": "Cloud KMS",
  "gcp:sql": "Cloud SQL",
  "gcp:cloudfunctions": "Cloud Function",
  "gcp:cloudfunctionsv2": "Cloud Function",
  "gcp:cloudrun": "Cloud Run",
  "gcp:cloudrunv2": "Cloud Run",
  "gcp:bigquery": "BigQuery",
  "gcp:pubsub": "Pub/Sub",
  "gcp:secretmanager": "Secret Manager",
  "gcp:artifactregistry": "Artifact Registry",
  "gcp:projects": "Project",
  "gcp:folder": "Folder",
  "gcp:organizations": "Organization",
  "gcp:serviceaccount": "Service account",
  "gcp:dns": "Cloud DNS",
  "gcp:redis": "Memorystore Redis",
};

/** Words written in capitals in messages. */
const ACRONYMS: Readonly<Record<string, string>> = {
  acl: "ACL", ad: "AD", ami: "AMI", azure: "Azure", dns: "DNS", http: "HTTP", https: "HTTPS", iam: "IAM", ip: "IP",
  ipaddress: "IP address", kms: "KMS", nat: "NAT", ssl: "SSL", url: "URL", vpc: "VPC", vpn: "VPN",
};

/** "RolePolicy" → "role policy", "IAMMember" → "IAM member", "SSLPolicy" → "SSL policy". */
function classWords(cls: string): string[] {
  // Deprecated aliases ("BucketV2") read like the resource they alias.
  const words = cls.replace(/V\d+$/, "").match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+/g) ?? [cls];
  return words.map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
}

/** A name for a provider type the table above lacks, from its module and class names. */
function derivedKind(type: string): string | undefined {
  const [pkg, mod, cls] = type.split(":");
  if (!cls || !["aws", "azure-native", "gcp"].includes(pkg)) return undefined;
  const prefix = MODULE_NAMES[`${pkg}:${mod.split("/")[0]}`] ?? "";
  const words = classWords(cls);
  // "Cloud Function" + "function IAM member" reads "Cloud Function IAM member", and "Load
  // balancer" + "load balancer" reads "Load balancer".
  const head = prefix.toLowerCase().split(" ");
  const lower = words.map((w) => w.toLowerCase());
  if (prefix && head.every((w, i) => lower[i] === w)) words.splice(0, head.length);
  else if (prefix && lower[0] === head[head.length - 1]) words.shift();
  const text = [prefix, ...words].filter((w) => w !== "").join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The human name of a resource type, or undefined when the rules have none for it. */
export function kindOf(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(KINDS, type) ? KINDS[type] : derivedKind(type);
}

/**
 * How a message names a resource: "S3 bucket 'logs'" for known types, otherwise
 * "Resource 'logs' (cloudflare:index/record:Record)".
 */
export function describeResource(type: string, name: string): string {
  const kind = kindOf(type);
  return kind ? `${kind} '${name}'` : `Resource '${name}' (${type})`;
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "a", "a or b", "a, b or c". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** A value as it should appear quoted in a message: strings in double quotes, others as JSON. */
export function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}
