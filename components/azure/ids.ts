// Resource ids of Azure sub-resources that a resource's own definition refers to (a gateway's
// listeners name its frontend ports, certificates and pools by id before the gateway exists).

import * as pulumi from "@pulumi/pulumi";
import { getClientConfigOutput } from "@pulumi/azure-native/authorization";

/** The subscription id: config azure-native:subscriptionId, else the provider's credentials. */
export function subscriptionId(
  opts: pulumi.InvokeOptions = {},
): pulumi.Output<string> {
  const configured = new pulumi.Config("azure-native").get("subscriptionId");
  return configured ? pulumi.output(configured) : getClientConfigOutput(opts).subscriptionId;
}

/** The id of a network resource named `name` of `type` (e.g. applicationGateways) in a resource group. */
export function networkResourceId(
  subscription: pulumi.Input<string>,
  resourceGroupName: pulumi.Input<string>,
  type: string,
  name: string,
): pulumi.Output<string> {
  return pulumi.interpolate`/subscriptions/${subscription}/resourceGroups/${resourceGroupName}/providers/Microsoft.Network/${type}/${name}`;
}
