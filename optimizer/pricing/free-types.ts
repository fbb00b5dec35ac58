// Resource types that cost nothing by themselves, as data: each entry matches type tokens and
// says why, with the source of that fact. Anything of AWS, Azure or Google Cloud that is neither
// priced by a rule nor listed here is reported as unpriced, never counted as zero.

/** One family of free resource types. */
export interface FreeTypeEntry {
  /** Type tokens this entry covers (a regular expression over the whole token). */
  readonly match: RegExp;
  /** Why resources of these types cost nothing by themselves. */
  readonly why: string;
  /** Where that fact comes from. */
  readonly source: string;
}

const AWS_VPC = "aws.amazon.com/vpc/pricing: VPCs, subnets, route tables, gateways to the internet, security groups and network ACLs have no charge";
const AWS_IAM = "aws.amazon.com/iam/faqs: IAM is offered at no additional charge";
const AWS_S3 = "aws.amazon.com/s3/pricing: storage, requests and transfer are billed; bucket configuration is not";
const AZ_VNET = "azure.microsoft.com/pricing/details/virtual-network: virtual networks, subnets and network security groups are free";
const AZ_RG = "learn.microsoft.com/azure/azure-resource-manager/management/overview: resource groups and role assignments have no charge";
const GCP_VPC = "cloud.google.com/vpc/pricing: VPC networks, subnets, routes and firewall rules have no charge";
const GCP_IAM = "cloud.google.com/iam/pricing: IAM is offered at no additional charge";

/** Every free-type family, by cloud. */
export const FREE_TYPES: readonly FreeTypeEntry[] = [
  { match: /^aws:iam\/.*/, why: "identity and access management", source: AWS_IAM },
  { match: /^aws:vpc\/.*/, why: "VPC security group rules and network settings", source: AWS_VPC },
  {
    match: /^aws:ec2\/(vpc|subnet|securityGroup|securityGroupRule|routeTable|routeTableAssociation|route|mainRouteTableAssociation|internetGateway|internetGatewayAttachment|egressOnlyInternetGateway|networkAcl|networkAclRule|networkAclAssociation|defaultSecurityGroup|defaultVpc|defaultSubnet|defaultRouteTable|defaultNetworkAcl|vpcDhcpOptions|vpcDhcpOptionsAssociation|vpcIpv4CidrBlockAssociation|vpcPeeringConnection|vpcPeeringConnectionAccepter|flowLog|networkInterface|networkInterfaceAttachment|networkInterfaceSecurityGroupAttachment|eipAssociation|customerGateway|vpnGateway|vpnGatewayAttachment|vpnGatewayRoutePropagation|vpnConnectionRoute|vpcEndpointRouteTableAssociation):.*/,
    why: "VPC networking construct",
    source: AWS_VPC,
  },
  {
    match: /^aws:ec2\/(keyPair|placementGroup|tag|volumeAttachment|launchConfiguration|instanceMetadataDefaults|serialConsoleAccess|ebsEncryptionByDefault|ebsDefaultKmsKey|amiLaunchPermission):.*/,
    why: "EC2 configuration (instances and volumes are billed themselves)",
    source: "aws.amazon.com/ec2/pricing: instances, volumes and addresses are billed; key pairs, placement groups and settings are not",
  },
  { match: /^aws:s3\/(?!bucket:Bucket$|bucketV2:BucketV2$).*/, why: "S3 bucket configuration (the bucket is billed for its data)", source: AWS_S3 },
  {
    match: /^aws:autoscaling\/(policy|attachment|lifecycleHook|notification|schedule|tag|trafficSourceAttachment):.*/,
    why: "Auto Scaling configuration",
    source: "aws.amazon.com/autoscaling/pricing: no additional fees for EC2 Auto Scaling; the instances are billed",
  },
  { match: /^aws:ebs\/(defaultKmsKey|encryptionByDefault|snapshotCreateVolumePermission|snapshotBlockPublicAccess):.*/, why: "EBS account setting", source: "aws.amazon.com/ebs/pricing: volumes and snapshots are billed; account settings are not" },
  { match: /^aws:kms\/(alias|grant|keyPolicy):.*/, why: "KMS key configuration (the key is billed)", source: "aws.amazon.com/kms/pricing: keys and requests are billed" },
  { match: /^aws:(lb|alb)\/(listener|listenerRule|listenerCertificate|targetGroup|targetGroupAttachment):.*/, why: "load balancer configuration (the load balancer is billed)", source: "aws.amazon.com/elasticloadbalancing/pricing: load balancer hours and capacity units are billed" },
  { match: /^aws:route53\/(zoneAssociation|vpcAssociationAuthorization|resolverRuleAssociation):.*/, why: "Route 53 association", source: "aws.amazon.com/route53/pricing: zones, queries, health checks and Resolver endpoints are billed" },
  { match: /^aws:lambda\/(permission|alias|eventSourceMapping|functionUrl):.*/, why: "Lambda configuration (invocations are billed on the function)", source: "aws.amazon.com/lambda/pricing: requests and duration are billed" },
  { match: /^aws:(cloudwatch\/(logStream|logSubscriptionFilter|eventRule|eventTarget|logResourcePolicy)|sns\/topicSubscription|sqs\/queuePolicy|sns\/topicPolicy):.*/, why: "routing or policy configuration", source: "aws.amazon.com/cloudwatch/pricing and aws.amazon.com/sns/pricing: data, requests and deliveries are billed, not their configuration" },
  { match: /^aws:(ecs\/cluster|ecs\/clusterCapacityProviders|eks\/addon|eks\/accessEntry|eks\/podIdentityAssociation|ecr\/lifecyclePolicy|ecr\/repositoryPolicy):.*/, why: "container platform configuration", source: "aws.amazon.com/ecs/pricing: no charge for ECS itself; aws.amazon.com/eks/pricing: clusters and nodes are billed" },
  { match: /^aws:(acm\/certificate|acm\/certificateValidation|secretsmanager\/secretVersion|ssm\/parameter):.*/, why: "public certificate, secret version or standard parameter", source: "aws.amazon.com/certificate-manager/pricing: public certificates are free; Parameter Store standard parameters are free" },
  { match: /^aws:(rds\/(subnetGroup|parameterGroup|clusterParameterGroup|optionGroup)|elasticache\/(subnetGroup|parameterGroup)|dynamodb\/tableItem):.*/, why: "database configuration (instances and tables are billed)", source: "aws.amazon.com/rds/pricing: instances, storage and I/O are billed" },

  { match: /^azure-native:(resources|authorization|managedidentity):.*/, why: "resource group, role or managed identity", source: AZ_RG },
  {
    match: /^azure-native:network:(VirtualNetwork|Subnet|NetworkSecurityGroup|SecurityRule|NetworkInterface|RouteTable|Route|ApplicationSecurityGroup|VirtualNetworkPeering|VirtualNetworkGatewayConnection|LocalNetworkGateway|PrivateDnsZoneGroup)$/,
    why: "virtual network construct",
    source: AZ_VNET,
  },
  {
    match: /^azure-native:storage:(BlobContainer|BlobServiceProperties|FileShare|FileServiceProperties|Queue|QueueServiceProperties|Table|TableServiceProperties|ManagementPolicy|EncryptionScope|BlobContainerImmutabilityPolicy|BlobInventoryPolicy|ObjectReplicationPolicy)$/,
    why: "storage account sub-resource (the account is billed for its data)",
    source: "azure.microsoft.com/pricing/details/storage/blobs: capacity and operations are billed on the account",
  },
  { match: /^azure-native:compute:(DiskEncryptionSet|AvailabilitySet|ProximityPlacementGroup|VirtualMachineExtension|VirtualMachineScaleSetExtension|SshPublicKey)$/, why: "compute configuration", source: "azure.microsoft.com/pricing/details/virtual-machines: availability sets and extensions have no charge; VMs are billed" },
  { match: /^azure-native:(keyvault:(Secret|AccessPolicy)|web:(WebAppApplicationSettings|WebAppSiteExtension)|sql:(Server|FirewallRule)|dbforpostgresql:(Database|Configuration|FirewallRule)|dbformysql:(Database|Configuration|FirewallRule))$/, why: "configuration of a billed resource", source: "azure.microsoft.com/pricing: servers, vaults and apps are billed by their databases, operations or plans" },
  { match: /^azure-native:privatedns:(VirtualNetworkLink|PrivateRecordSet)$/, why: "private DNS link or record", source: "azure.microsoft.com/pricing/details/dns: private zones and queries are billed, links and records are not" },

  {
    match: /^gcp:servicenetworking\/connection:Connection$/,
    why: "private services access peering (Cloud SQL private IP)",
    source: "cloud.google.com/vpc/docs/private-services-access: the peering connection has no charge; traffic over it is billed as VPC traffic",
  },
  { match: /^gcp:(projects|organizations|serviceaccount|folder)\/.*/, why: "project, organization or service account", source: GCP_IAM },
  { match: /^gcp:storage\/(?!bucket:Bucket$).*/, why: "Cloud Storage configuration (the bucket is billed for its data)", source: "cloud.google.com/storage/pricing: storage, operations and transfer are billed" },
  {
    match: /^gcp:compute\/(network|subnetwork|firewall|firewallPolicy|firewallPolicyRule|firewallPolicyAssociation|route|router|autoscaler|regionAutoscaler|healthCheck|regionHealthCheck|httpHealthCheck|httpsHealthCheck|instanceGroup|attachedDisk|resourcePolicy|diskResourcePolicyAttachment|projectMetadata|projectMetadataItem|sharedVPCHostProject|sharedVPCServiceProject|networkPeering|backendService|regionBackendService|backendBucket|urlMap|uRLMap|regionUrlMap|targetHttpProxy|targetHttpsProxy|targetTcpProxy|targetSslProxy|regionTargetHttpProxy|regionTargetHttpsProxy|regionTargetTcpProxy|sSLPolicy|regionSslPolicy|regionSslCertificate|targetPool|sslCertificate|managedSslCertificate|routerInterface|routerPeer|externalVpnGateway):.*/,
    why: "VPC or load balancer configuration (forwarding rules, tunnels and data are billed)",
    source: GCP_VPC,
  },
  {
    match: /^azure-native:storage:(Blob|StorageAccountStaticWebsite)$/,
    why: "object or setting inside a storage account (the account is billed for what it stores and serves)",
    source: "azure.microsoft.com/pricing/details/storage/blobs: capacity, operations and transfer are billed per account",
  },
  { match: /^aws:cloudfront\/(originAccessIdentity|originAccessControl|cachePolicy|originRequestPolicy|responseHeadersPolicy):.*/, why: "CloudFront access identity or policy (the distribution is billed)", source: "aws.amazon.com/cloudfront/pricing: requests and data transfer of distributions are billed" },
  {
    match: /^azure-native:sql:(ServerBlobAuditingPolicy|ExtendedServerBlobAuditingPolicy|DatabaseBlobAuditingPolicy|TransparentDataEncryption|FirewallRule|ServerAzureADAdministrator|ServerAzureADOnlyAuthentication|ServerSecurityAlertPolicy)$/,
    why: "Azure SQL setting (the server's databases are billed; audit logs are billed by the storage they go to)",
    source: "azure.microsoft.com/pricing/details/azure-sql-database: databases and elastic pools are billed; server settings, firewall rules and transparent data encryption with service-managed keys are not",
  },
  {
    match: /^gcp:bigquery\/(dataset|datasetIamMember|datasetIamBinding|datasetIamPolicy|datasetAccess):.*/,
    why: "BigQuery dataset or its access (storage is billed per table, queries per bytes scanned)",
    source: "cloud.google.com/bigquery/pricing: storage and analysis are billed; datasets themselves are not",
  },
  {
    match: /^gcp:certificatemanager\/(certificate|dnsAuthorization|certificateMap|certificateMapEntry):.*/,
    why: "Google-managed certificate or its DNS authorization (the first 100 certificates of a project cost nothing)",
    source: "cloud.google.com/certificate-manager/pricing: certificates beyond 100 per project are billed; DNS authorizations and maps are not",
  },
  { match: /^gcp:kms\/(keyRing|keyRingIAM\w*|cryptoKeyIAM\w*):.*/, why: "key ring or key access policy", source: "cloud.google.com/kms/pricing: key versions and operations are billed; key rings are free" },
  { match: /^gcp:(secretmanager\/(secretVersion|secretIamMember)|pubsub\/(subscription|topicIAM\w*)|cloudrun\/iamMember|cloudrunv2\/serviceIamMember|serviceaccount\/iamMember):.*/, why: "version, subscription or access binding", source: "cloud.google.com/secret-manager/pricing and cloud.google.com/pubsub/pricing: versions, access and throughput are billed on the secret and topic" },
  { match: /^gcp:(container\/(?!cluster:Cluster$|nodePool:NodePool$)|dns\/policy|logging\/(projectExclusion|metric)):.*/, why: "configuration of a billed service", source: "cloud.google.com/kubernetes-engine/pricing and cloud.google.com/logging/pricing: clusters, nodes and ingested logs are billed" },

  { match: /.*(IamMember|IamBinding|IamPolicy|IAMMember|IAMBinding|IAMPolicy)$/, why: "access binding or policy", source: `${AWS_IAM}; ${GCP_IAM}` },
];

/** Packages outside the three clouds whose resources never bill (generated values, local files, commands). */
export const FREE_PACKAGES: Readonly<Record<string, string>> = {
  random: "random values generated by the Pulumi random provider; nothing is deployed",
  tls: "keys and certificates generated locally by the Pulumi tls provider",
  command: "commands run by the Pulumi command provider",
  time: "timestamps and delays of the Pulumi time provider",
  local: "local files",
  null: "placeholder resources",
  pulumi: "Pulumi engine resources (stacks, stack references)",
};

/** The free-type entry that covers a type token, if any. */
export function freeTypeOf(type: string): FreeTypeEntry | undefined {
  return FREE_TYPES.find((e) => e.match.test(type));
}
