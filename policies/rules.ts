// Every rule of the pack except the cost policies, in a stable order: AWS, Azure, Google Cloud,
// DNS, then the cross-cloud compliance rules. Rules that need the whole stack (a resource and the
// separate resources that configure it) are listed apart.

import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { blockAmiPublicLaunch } from "./aws/blockAmiPublicLaunch";
import { blockEcrRepositoryPolicyPublic } from "./aws/blockEcrRepositoryPolicyPublic";
import { blockIamAdminPolicies } from "./aws/blockIamAdminPolicies";
import { blockIamPrivilegeEscalation } from "./aws/blockIamPrivilegeEscalation";
import { blockIamRoleTrustPublic } from "./aws/blockIamRoleTrustPublic";
import { blockIamUserAccessKeys } from "./aws/blockIamUserAccessKeys";
import { blockInstancePublicIp } from "./aws/blockInstancePublicIp";
import { blockKmsKeyPolicyPublic } from "./aws/blockKmsKeyPolicyPublic";
import { blockLambdaEnvironmentSecrets } from "./aws/blockLambdaEnvironmentSecrets";
import { blockLambdaPublicInvoke } from "./aws/blockLambdaPublicInvoke";
import { blockRdsPublicAccess } from "./aws/blockRdsPublicAccess";
import { blockS3BucketPolicyPublic } from "./aws/blockS3BucketPolicyPublic";
import { blockS3PublicAccessBlockWeakened } from "./aws/blockS3PublicAccessBlockWeakened";
import { blockS3PublicAcl } from "./aws/blockS3PublicAcl";
import { blockSnsTopicPolicyPublic } from "./aws/blockSnsTopicPolicyPublic";
import { blockSqsQueuePolicyPublic } from "./aws/blockSqsQueuePolicyPublic";
import { blockSubnetAutoPublicIp } from "./aws/blockSubnetAutoPublicIp";
import { blockUserDataSecrets } from "./aws/blockUserDataSecrets";
import { requireCloudTrailKms } from "./aws/requireCloudTrailKms";
import { requireCloudTrailLogValidation } from "./aws/requireCloudTrailLogValidation";
import { requireCloudTrailMultiRegion } from "./aws/requireCloudTrailMultiRegion";
import { requireDynamoDbRecovery } from "./aws/requireDynamoDbRecovery";
import { requireEbsEncryption } from "./aws/requireEbsEncryption";
import { requireEcrImageScanning } from "./aws/requireEcrImageScanning";
import { requireEfsEncryption } from "./aws/requireEfsEncryption";
import { requireElastiCacheEncryption } from "./aws/requireElastiCacheEncryption";
import { requireIamPasswordPolicy } from "./aws/requireIamPasswordPolicy";
import { requireImdsV2 } from "./aws/requireImdsV2";
import { requireInstanceDiskEncryption } from "./aws/requireInstanceDiskEncryption";
import { requireKmsKeyRotation } from "./aws/requireKmsKeyRotation";
import { requireLaunchTemplateEncryption } from "./aws/requireLaunchTemplateEncryption";
import { requireLoadBalancerHttps } from "./aws/requireLoadBalancerHttps";
import { requireLoadBalancerTls12 } from "./aws/requireLoadBalancerTls12";
import { requireRdsBackupRetention } from "./aws/requireRdsBackupRetention";
import { requireRdsDeletionProtection } from "./aws/requireRdsDeletionProtection";
import { requireRdsEncryption } from "./aws/requireRdsEncryption";
import { requireRdsEngineVersion } from "./aws/requireRdsEngineVersion";
import { requireRdsLogExports } from "./aws/requireRdsLogExports";
import { requireRdsMinorUpgrades } from "./aws/requireRdsMinorUpgrades";
import { requireRdsTls } from "./aws/requireRdsTls";
import { requireRoute53FailoverHealthCheck } from "./aws/requireRoute53FailoverHealthCheck";
import { requireS3AccessLogging } from "./aws/requireS3AccessLogging";
import { requireS3Encryption } from "./aws/requireS3Encryption";
import { requireS3PublicAccessBlock } from "./aws/requireS3PublicAccessBlock";
import { requireS3Versioning } from "./aws/requireS3Versioning";
import { requireSnsEncryption } from "./aws/requireSnsEncryption";
import { requireSqsEncryption } from "./aws/requireSqsEncryption";
import { requireVpcFlowLogs } from "./aws/requireVpcFlowLogs";
import { requireVpnStrongIke } from "./aws/requireVpnStrongIke";
import { restrictDefaultSecurityGroup } from "./aws/restrictDefaultSecurityGroup";
import { restrictEksPublicEndpoint } from "./aws/restrictEksPublicEndpoint";
import { restrictIamUserPolicies } from "./aws/restrictIamUserPolicies";
import { restrictLoadBalancerAdminPorts } from "./aws/restrictLoadBalancerAdminPorts";
import { restrictNetworkAclAdminPorts } from "./aws/restrictNetworkAclAdminPorts";
import { restrictSecurityGroupAdminPorts } from "./aws/restrictSecurityGroupAdminPorts";
import { restrictSecurityGroupPublicIngress } from "./aws/restrictSecurityGroupPublicIngress";
import { blockAppServiceFtp } from "./azure/blockAppServiceFtp";
import { blockAppServiceRemoteDebugging } from "./azure/blockAppServiceRemoteDebugging";
import { blockDatabaseFirewallWorld } from "./azure/blockDatabaseFirewallWorld";
import { blockFlexibleServerPublicAccess } from "./azure/blockFlexibleServerPublicAccess";
import { blockFunctionAppPublic } from "./azure/blockFunctionAppPublic";
import { blockNicIpForwarding } from "./azure/blockNicIpForwarding";
import { blockNicPublicIp } from "./azure/blockNicPublicIp";
import { blockSqlServerPublicAccess } from "./azure/blockSqlServerPublicAccess";
import { blockStorageBlobPublicAccess } from "./azure/blockStorageBlobPublicAccess";
import { blockVmCustomDataSecrets } from "./azure/blockVmCustomDataSecrets";
import { requireAppGatewayHttpsTls12 } from "./azure/requireAppGatewayHttpsTls12";
import { requireAppServiceHttps } from "./azure/requireAppServiceHttps";
import { requireAppServiceTls12 } from "./azure/requireAppServiceTls12";
import { requireFlexibleServerBackups } from "./azure/requireFlexibleServerBackups";
import { requireFlexibleServerLogging } from "./azure/requireFlexibleServerLogging";
import { requireFlexibleServerTls } from "./azure/requireFlexibleServerTls";
import { requireFlexibleServerVersion } from "./azure/requireFlexibleServerVersion";
import { requireKeyVaultKeyRotation } from "./azure/requireKeyVaultKeyRotation";
import { requireKeyVaultNetworkDeny } from "./azure/requireKeyVaultNetworkDeny";
import { requireKeyVaultPurgeProtection } from "./azure/requireKeyVaultPurgeProtection";
import { requireKeyVaultRbac } from "./azure/requireKeyVaultRbac";
import { requireKeyVaultSecretExpiry } from "./azure/requireKeyVaultSecretExpiry";
import { requireKeyVaultSoftDelete } from "./azure/requireKeyVaultSoftDelete";
import { requirePublicNicNsg } from "./azure/requirePublicNicNsg";
import { requireRedisTls } from "./azure/requireRedisTls";
import { requireScaleSetDiskEncryption } from "./azure/requireScaleSetDiskEncryption";
import { requireSqlDatabaseTde } from "./azure/requireSqlDatabaseTde";
import { requireSqlServerAuditing } from "./azure/requireSqlServerAuditing";
import { requireSqlServerEntraAdmin } from "./azure/requireSqlServerEntraAdmin";
import { requireSqlServerTls12 } from "./azure/requireSqlServerTls12";
import { requireStorageEncryptionKeys } from "./azure/requireStorageEncryptionKeys";
import { requireStorageHttps } from "./azure/requireStorageHttps";
import { requireStorageNetworkDeny } from "./azure/requireStorageNetworkDeny";
import { requireStorageSharedKeyDisabled } from "./azure/requireStorageSharedKeyDisabled";
import { requireStorageTls12 } from "./azure/requireStorageTls12";
import { requireSubnetNsg } from "./azure/requireSubnetNsg";
import { requireVmDiskEncryption } from "./azure/requireVmDiskEncryption";
import { requireVmSshKeys } from "./azure/requireVmSshKeys";
import { requireVpnConnectionStrongIke } from "./azure/requireVpnConnectionStrongIke";
import { restrictContainerRegistryAccess } from "./azure/restrictContainerRegistryAccess";
import { restrictDiskNetworkAccess } from "./azure/restrictDiskNetworkAccess";
import { restrictLbNatAdminPorts } from "./azure/restrictLbNatAdminPorts";
import { restrictNsgAdminPorts } from "./azure/restrictNsgAdminPorts";
import { restrictNsgPublicIngress } from "./azure/restrictNsgPublicIngress";
import { requireTags } from "./compliance/requireTags";
import { restrictInstanceTypes } from "./compliance/restrictInstanceTypes";
import { restrictRegions } from "./compliance/restrictRegions";
import { requireCloudflarePoolMonitor } from "./dns/requireCloudflarePoolMonitor";
import { blockBigQueryDatasetPublic } from "./gcp/blockBigQueryDatasetPublic";
import { blockBucketPublicIam } from "./gcp/blockBucketPublicIam";
import { blockCloudFunctionPublic } from "./gcp/blockCloudFunctionPublic";
import { blockCloudRunPublic } from "./gcp/blockCloudRunPublic";
import { blockComputePublicIp } from "./gcp/blockComputePublicIp";
import { blockDefaultServiceAccount } from "./gcp/blockDefaultServiceAccount";
import { blockIamPublicMembers } from "./gcp/blockIamPublicMembers";
import { blockIpForwarding } from "./gcp/blockIpForwarding";
import { blockKmsKeyPublicIam } from "./gcp/blockKmsKeyPublicIam";
import { blockSerialPortAccess } from "./gcp/blockSerialPortAccess";
import { blockServerlessEnvironmentSecrets } from "./gcp/blockServerlessEnvironmentSecrets";
import { blockServiceAccountKeys } from "./gcp/blockServiceAccountKeys";
import { blockSqlWorldNetworks } from "./gcp/blockSqlWorldNetworks";
import { blockStartupScriptSecrets } from "./gcp/blockStartupScriptSecrets";
import { requireBlockProjectSshKeys } from "./gcp/requireBlockProjectSshKeys";
import { requireBootDiskCmek } from "./gcp/requireBootDiskCmek";
import { requireBucketCmek } from "./gcp/requireBucketCmek";
import { requireBucketLogging } from "./gcp/requireBucketLogging";
import { requireBucketPublicAccessPrevention } from "./gcp/requireBucketPublicAccessPrevention";
import { requireBucketUniformAccess } from "./gcp/requireBucketUniformAccess";
import { requireBucketVersioning } from "./gcp/requireBucketVersioning";
import { requireCryptoKeyRotation } from "./gcp/requireCryptoKeyRotation";
import { requireDnsSec } from "./gcp/requireDnsSec";
import { requireHttpProxyRedirect } from "./gcp/requireHttpProxyRedirect";
import { requireNetworkCustomSubnets } from "./gcp/requireNetworkCustomSubnets";
import { requireOsLogin } from "./gcp/requireOsLogin";
import { requireProxySslPolicy } from "./gcp/requireProxySslPolicy";
import { requireShieldedVm } from "./gcp/requireShieldedVm";
import { requireSqlBackups } from "./gcp/requireSqlBackups";
import { requireSqlDeletionProtection } from "./gcp/requireSqlDeletionProtection";
import { requireSqlLogging } from "./gcp/requireSqlLogging";
import { requireSqlPrivateIp } from "./gcp/requireSqlPrivateIp";
import { requireSqlSsl } from "./gcp/requireSqlSsl";
import { requireSqlVersion } from "./gcp/requireSqlVersion";
import { requireSslPolicyTls12 } from "./gcp/requireSslPolicyTls12";
import { requireSubnetFlowLogs } from "./gcp/requireSubnetFlowLogs";
import { requireVpnTunnelIkev2 } from "./gcp/requireVpnTunnelIkev2";
import { restrictFirewallAdminPorts } from "./gcp/restrictFirewallAdminPorts";
import { restrictFirewallPublicIngress } from "./gcp/restrictFirewallPublicIngress";
import { restrictForwardingRuleAdminPorts } from "./gcp/restrictForwardingRuleAdminPorts";
import { restrictProjectServiceAccountUser } from "./gcp/restrictProjectServiceAccountUser";
import { restrictServiceAccountAdminRoles } from "./gcp/restrictServiceAccountAdminRoles";

/** Every rule that checks one resource at a time, in the order the pack serves them. */
export const resourcePolicies: ResourceValidationPolicy[] = [
  blockAmiPublicLaunch,
  blockEcrRepositoryPolicyPublic,
  blockIamAdminPolicies,
  blockIamPrivilegeEscalation,
  blockIamRoleTrustPublic,
  blockIamUserAccessKeys,
  blockInstancePublicIp,
  blockKmsKeyPolicyPublic,
  blockLambdaEnvironmentSecrets,
  blockLambdaPublicInvoke,
  blockRdsPublicAccess,
  blockS3BucketPolicyPublic,
  blockS3PublicAccessBlockWeakened,
  blockS3PublicAcl,
  blockSnsTopicPolicyPublic,
  blockSqsQueuePolicyPublic,
  blockSubnetAutoPublicIp,
  blockUserDataSecrets,
  requireCloudTrailKms,
  requireCloudTrailLogValidation,
  requireCloudTrailMultiRegion,
  requireDynamoDbRecovery,
  requireEbsEncryption,
  requireEcrImageScanning,
  requireEfsEncryption,
  requireElastiCacheEncryption,
  requireIamPasswordPolicy,
  requireImdsV2,
  requireInstanceDiskEncryption,
  requireKmsKeyRotation,
  requireLaunchTemplateEncryption,
  requireLoadBalancerHttps,
  requireLoadBalancerTls12,
  requireRdsBackupRetention,
  requireRdsDeletionProtection,
  requireRdsEncryption,
  requireRdsEngineVersion,
  requireRdsLogExports,
  requireRdsMinorUpgrades,
  requireRdsTls,
  requireRoute53FailoverHealthCheck,
  requireSnsEncryption,
  requireSqsEncryption,
  requireVpnStrongIke,
  restrictDefaultSecurityGroup,
  restrictEksPublicEndpoint,
  restrictIamUserPolicies,
  restrictLoadBalancerAdminPorts,
  restrictNetworkAclAdminPorts,
  restrictSecurityGroupAdminPorts,
  restrictSecurityGroupPublicIngress,
  blockAppServiceFtp,
  blockAppServiceRemoteDebugging,
  blockDatabaseFirewallWorld,
  blockFlexibleServerPublicAccess,
  blockFunctionAppPublic,
  blockNicIpForwarding,
  blockNicPublicIp,
  blockSqlServerPublicAccess,
  blockStorageBlobPublicAccess,
  blockVmCustomDataSecrets,
  requireAppGatewayHttpsTls12,
  requireAppServiceHttps,
  requireAppServiceTls12,
  requireFlexibleServerBackups,
  requireFlexibleServerLogging,
  requireFlexibleServerTls,
  requireFlexibleServerVersion,
  requireKeyVaultKeyRotation,
  requireKeyVaultNetworkDeny,
  requireKeyVaultPurgeProtection,
  requireKeyVaultRbac,
  requireKeyVaultSecretExpiry,
  requireKeyVaultSoftDelete,
  requireRedisTls,
  requireScaleSetDiskEncryption,
  requireSqlDatabaseTde,
  requireSqlServerTls12,
  requireStorageEncryptionKeys,
  requireStorageHttps,
  requireStorageNetworkDeny,
  requireStorageSharedKeyDisabled,
  requireStorageTls12,
  requireSubnetNsg,
  requireVmDiskEncryption,
  requireVmSshKeys,
  requireVpnConnectionStrongIke,
  restrictContainerRegistryAccess,
  restrictDiskNetworkAccess,
  restrictLbNatAdminPorts,
  restrictNsgAdminPorts,
  restrictNsgPublicIngress,
  blockBigQueryDatasetPublic,
  blockBucketPublicIam,
  blockCloudFunctionPublic,
  blockCloudRunPublic,
  blockComputePublicIp,
  blockDefaultServiceAccount,
  blockIamPublicMembers,
  blockIpForwarding,
  blockKmsKeyPublicIam,
  blockSerialPortAccess,
  blockServerlessEnvironmentSecrets,
  blockServiceAccountKeys,
  blockSqlWorldNetworks,
  blockStartupScriptSecrets,
  requireBlockProjectSshKeys,
  requireBootDiskCmek,
  requireBucketCmek,
  requireBucketLogging,
  requireBucketPublicAccessPrevention,
  requireBucketUniformAccess,
  requireBucketVersioning,
  requireCryptoKeyRotation,
  requireDnsSec,
  requireNetworkCustomSubnets,
  requireOsLogin,
  requireProxySslPolicy,
  requireShieldedVm,
  requireSqlBackups,
  requireSqlDeletionProtection,
  requireSqlLogging,
  requireSqlPrivateIp,
  requireSqlSsl,
  requireSqlVersion,
  requireSslPolicyTls12,
  requireSubnetFlowLogs,
  requireVpnTunnelIkev2,
  restrictFirewallAdminPorts,
  restrictFirewallPublicIngress,
  restrictForwardingRuleAdminPorts,
  restrictProjectServiceAccountUser,
  restrictServiceAccountAdminRoles,
  requireCloudflarePoolMonitor,
  requireTags,
  restrictInstanceTypes,
  restrictRegions,
];

/** Every rule that needs the whole stack to decide, in the order the pack serves them. */
export const stackRules: StackValidationPolicy[] = [
  requireS3AccessLogging,
  requireS3Encryption,
  requireS3PublicAccessBlock,
  requireS3Versioning,
  requireVpcFlowLogs,
  requirePublicNicNsg,
  requireSqlServerAuditing,
  requireSqlServerEntraAdmin,
  requireHttpProxyRedirect,
];
