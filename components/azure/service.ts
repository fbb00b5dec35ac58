// Azure emitter of a service: per region a network security group on the scale sets' network
// interfaces admitting only the listed sources on the service's ports (never the internet), and per replica group a Virtual
// Machine Scale Set (encryption at host, managed OS disk, no public IP), plus a separate Spot
// scale set for the replicas placed on spot.

import * as pulumi from "@pulumi/pulumi";
import { VirtualMachineScaleSet } from "@pulumi/azure-native/compute";
import { NetworkSecurityGroup, SecurityRule } from "@pulumi/azure-native/network";
import type { ReplicaGroup } from "../../optimizer/plan";
import { cidrSlot, cidrSlug } from "../addressing";
import { AZURE_PROBE_SOURCE } from "../../optimizer/network/topology";
import { azureImageReference, MachineArch } from "../images";
import type { Network } from "../network";
import { azureTags, computerNamePrefix, typeSlug } from "../tags";
import type { AzurePools, IngressRule } from "../service";

/** The admin user of the scale sets' Linux VMs. */
export const ADMIN_USER = "cloudfit";

/**
 * Public half of an RSA key pair whose private half was destroyed when it was made: with it as
 * the only authorized key and passwords disabled, nobody can log in over SSH. Set
 * cloudfit:adminSshPublicKey to a key you hold to allow break-glass access.
 */
export const LOCKED_SSH_PUBLIC_KEY =
  "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQCxjmymUSREaiHPjusI7HgAu1RH1fbdhIBsHN0ZKG8lEi2ZMspqDDa4rKLundqhNrOrvAI1hUioW9rJi/fO7Zn+QB031QqvBot/eK3natzglwF2kd5KeMDkIB8bPdSeuZ950Zb9BiD/mCi8NxvhvEwCoUGduYKLPucbAntoO0AeLpCh9RumFvLr0enSp4o7dh3oJslxh0vimi7wjnSWiprb/Dl8iDz/38hL4nHJ3IjtilRAsQjmhDfb4NILXzWTWcrdq16nq9NooxPOnnqnupsnLVszm8bdrUEuuvwlQS8av6rguulOyqpufojt9vPniZvFyF68E2/AsTftu+SNTu27vvqxFi37vOLW/NuvsJ8p0glpgzHrRD2H37tq/18BGLUW+SPa9b3jWXjZntiF/Pqotpz1qqI8R/1EjSW4dUnLZAAnaST8Ms8SwjPztEYXy4c9aodaYVLGmsl6guDguGW7J1I70NxldbVElgjuQe1UHxNECFKFo+bWOYQzwt9zBV0= cloudfit-locked";

/**
 * Priority of the rule admitting `port` (the i-th of the service's ports) from a source: a network
 * of the address plan gets 200 + 16 x slot + i, the Azure probe address 110 + i and an Application
 * Gateway subnet (10.N.34.0/24) 130 + i; unique per source and port and stable as services come
 * and go (Azure priorities run from 100 to 4096 and must be unique within an NSG).
 */
export function ingressRulePriority(cidr: string, portIndex: number): number | undefined {
  if (portIndex < 0 || portIndex > 15) return undefined;
  if (cidr === AZURE_PROBE_SOURCE) return 110 + portIndex;
  if (/^10\.\d+\.34\.0\/24$/.test(cidr)) return 130 + portIndex;
  const slot = cidrSlot(cidr);
  return slot === undefined ? undefined : 200 + 16 * slot + portIndex;
}

/** Priority of the final rule denying all other inbound traffic. */
export const DENY_OTHER_PRIORITY = 4096;

/** Creates the service's NSG and its rules in one Azure region; returns the NSG id. */
export function azureServiceFirewall(
  name: string,
  network: Network,
  ports: readonly number[],
  ingress: readonly IngressRule[],
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): pulumi.Output<string> {
  const region = network.region;
  const resourceGroupName = network.resourceGroupName!;
  const nsg = new NetworkSecurityGroup(
    `${name}-nsg-${region}`,
    { resourceGroupName, location: region, tags: azureTags(tags) },
    opts,
  );
  const rule = (
    slug: string,
    priority: number,
    access: "Allow" | "Deny",
    source: string,
    port: string,
    description: string,
  ) =>
    new SecurityRule(
      `${name}-rule-${region}-${slug}`,
      {
        resourceGroupName,
        networkSecurityGroupName: nsg.name,
        priority,
        direction: "Inbound",
        access,
        protocol: access === "Allow" ? "Tcp" : "*",
        sourceAddressPrefix: source,
        sourcePortRange: "*",
        destinationAddressPrefix: "*",
        destinationPortRange: port,
        description,
      },
      opts,
    );
  for (const r of ingress) {
    const priority = ingressRulePriority(r.cidr, ports.indexOf(r.port))!;
    rule(
      `${r.port}-${cidrSlug(r.cidr)}`,
      priority,
      "Allow",
      r.cidr,
      String(r.port),
      `Port ${r.port} from ${r.from ?? r.cidr}`,
    );
  }
  // Without this, Azure's default AllowVnetInBound would open every port to the virtual network.
  rule("deny-other", DENY_OTHER_PRIORITY, "Deny", "*", "*", "Everything not admitted above");
  return nsg.id;
}

/** Creates the scale set(s) of one Azure replica group: on-demand and, when spot > 0, Spot. */
export function azureReplicaGroup(
  name: string,
  service: string,
  group: ReplicaGroup,
  arch: MachineArch,
  image: string,
  diskGiB: number,
  sshPublicKey: string,
  network: Network,
  nsgId: pulumi.Output<string>,
  pools: AzurePools,
  tags: Readonly<Record<string, string>>,
  opts: pulumi.CustomResourceOptions,
): VirtualMachineScaleSet[] {
  const imageReference = azureImageReference(image)!;
  const role = `${group.region}-${typeSlug(group.instanceType)}`;
  const subnetId = network.subnetIds.apply((ids) => ids[0]);
  const scaleSet = (logical: string, capacity: number, spot: boolean) =>
    new VirtualMachineScaleSet(
      logical,
      {
        resourceGroupName: network.resourceGroupName!,
        location: group.region,
        sku: { name: group.instanceType, tier: "Standard", capacity },
        orchestrationMode: "Uniform",
        overprovision: false,
        upgradePolicy: { mode: "Manual" },
        virtualMachineProfile: {
          storageProfile: {
            imageReference,
            osDisk: {
              createOption: "FromImage",
              caching: "ReadWrite",
              diskSizeGB: diskGiB,
              managedDisk: { storageAccountType: "StandardSSD_LRS" },
            },
          },
          osProfile: {
            computerNamePrefix: computerNamePrefix(service),
            adminUsername: ADMIN_USER,
            linuxConfiguration: {
              disablePasswordAuthentication: true,
              ssh: {
                publicKeys: [
                  { path: `/home/${ADMIN_USER}/.ssh/authorized_keys`, keyData: sshPublicKey },
                ],
              },
            },
          },
          networkProfile: {
            networkInterfaceConfigurations: [
              {
                name: "nic",
                primary: true,
                networkSecurityGroup: { id: nsgId },
                // No publicIPAddressConfiguration: the VMs get private addresses only.
                ipConfigurations: [
                  {
                    name: "ipconfig",
                    primary: true,
                    subnet: { id: subnetId },
                    ...(pools.applicationGateway?.length
                      ? { applicationGatewayBackendAddressPools: pools.applicationGateway.map((id) => ({ id })) }
                      : {}),
                    ...(pools.loadBalancer?.length
                      ? { loadBalancerBackendAddressPools: pools.loadBalancer.map((id) => ({ id })) }
                      : {}),
                  },
                ],
              },
            ],
          },
          // Trusted launch (secure boot, vTPM) is for x86_64 Gen2 images; Arm64 sizes do not offer it.
          securityProfile:
            arch === "x86_64"
              ? {
                  encryptionAtHost: true,
                  securityType: "TrustedLaunch",
                  uefiSettings: { secureBootEnabled: true, vTpmEnabled: true },
                }
              : { encryptionAtHost: true },
          ...(spot
            ? { priority: "Spot", evictionPolicy: "Delete", billingProfile: { maxPrice: -1 } }
            : {}),
        },
        tags: azureTags(tags),
      },
      opts,
    );
  const out: VirtualMachineScaleSet[] = [];
  if (group.count > group.spot)
    out.push(scaleSet(`${name}-vmss-${role}`, group.count - group.spot, false));
  if (group.spot > 0) out.push(scaleSet(`${name}-spot-vmss-${role}`, group.spot, true));
  return out;
}
