// Offline answers to the Azure Native functions programs call before creating resources: the
// client's identity, resource groups, and the list* functions whose keys and connection strings
// programs pass on to other resources. GUIDs and keys are derived from the project and the call.

import { base64Key, guid, OfflineInvoke } from "./values";

/** The subscription an Azure call runs in: its provider's `subscriptionId`, or one derived from the project. */
function subscription(ctx: { setting(k: string): string | undefined; project: string }): string {
  return ctx.setting("subscriptionId") ?? guid("subscription", ctx.project);
}

const resourceGroupId = (sub: string, group: string) => `/subscriptions/${sub}/resourceGroups/${group}`;

/** Azure Native functions answered offline. */
export const AZURE_INVOKES: readonly OfflineInvoke[] = [
  {
    token: "azure-native:authorization:getClientConfig",
    returns: "The provider's subscription, tenant and client ids when set, else GUIDs derived from the project; a derived object id.",
    answer: (_inputs, ctx) => ({
      subscriptionId: subscription(ctx),
      tenantId: ctx.setting("tenantId") ?? guid("tenant", ctx.project),
      clientId: ctx.setting("clientId") ?? guid("client", ctx.project),
      objectId: guid("object", ctx.project),
    }),
  },
  {
    token: "azure-native:resources:getResourceGroup",
    returns: "The group's id in the subscription, in the provider's `location` (eastus when unset).",
    answer: (inputs, ctx) => ({
      ...inputs, id: resourceGroupId(subscription(ctx), inputs.resourceGroupName), name: inputs.resourceGroupName, location: ctx.region,
      type: "Microsoft.Resources/resourceGroups", properties: { provisioningState: "Succeeded" }, tags: {}, azureApiVersion: "2024-03-01",
    }),
  },
  {
    token: "azure-native:storage:listStorageAccountKeys",
    returns: "Keys `key1` and `key2` (64-byte base64, derived from the account name), permission FULL.",
    answer: (inputs) => ({
      keys: ["key1", "key2"].map((keyName) => ({ keyName, value: base64Key(64, inputs.resourceGroupName, inputs.accountName, keyName), permissions: "FULL", creationTime: "2025-01-15T00:00:00Z" })),
    }),
  },
  {
    token: "azure-native:storage:listStorageAccountSAS",
    returns: "An account SAS token with the asked-for services, permissions and expiry, and a derived signature.",
    answer: (inputs) => ({
      accountSasToken: `sv=2022-11-02&ss=${inputs.services ?? "b"}&srt=${inputs.resourceTypes ?? "sco"}&sp=${inputs.permissions ?? "r"}&se=${encodeURIComponent(inputs.sharedAccessExpiryTime ?? "2030-01-01T00:00:00Z")}&sig=${encodeURIComponent(base64Key(32, inputs.accountName, "sas"))}`,
    }),
  },
  {
    token: "azure-native:storage:listStorageAccountServiceSAS",
    returns: "A service SAS token for the asked-for resource, permissions and expiry, and a derived signature.",
    answer: (inputs) => ({
      serviceSasToken: `sv=2022-11-02&sr=${inputs.resource ?? "c"}&sp=${inputs.permissions ?? "r"}&se=${encodeURIComponent(inputs.sharedAccessExpiryTime ?? "2030-01-01T00:00:00Z")}&sig=${encodeURIComponent(base64Key(32, inputs.accountName, inputs.canonicalizedResource, "sas"))}`,
    }),
  },
  {
    token: "azure-native:containerregistry:listRegistryCredentials",
    returns: "User name = registry name, passwords `password` and `password2` derived from it.",
    answer: (inputs) => ({
      username: inputs.registryName,
      passwords: ["password", "password2"].map((name) => ({ name, value: base64Key(24, inputs.registryName, name) })),
    }),
  },
  {
    token: "azure-native:web:listWebAppPublishingCredentials",
    returns: "User `$<app>`, a derived password, and the app's SCM URI.",
    answer(inputs, ctx) {
      const password = base64Key(45, inputs.name, "publishing");
      return {
        id: `${resourceGroupId(subscription(ctx), inputs.resourceGroupName)}/providers/Microsoft.Web/sites/${inputs.name}/config/publishingcredentials`,
        name: inputs.name, type: "Microsoft.Web/sites/config", publishingUserName: `$${inputs.name}`, publishingPassword: password,
        scmUri: `https://$${inputs.name}:${password}@${inputs.name}.scm.azurewebsites.net`, systemData: {},
      };
    },
  },
  {
    token: "azure-native:operationalinsights:getSharedKeys",
    returns: "Primary and secondary workspace keys (64-byte base64, derived from the workspace).",
    answer: (inputs) => ({
      primarySharedKey: base64Key(64, inputs.workspaceName, "primary"),
      secondarySharedKey: base64Key(64, inputs.workspaceName, "secondary"),
    }),
  },
  {
    token: "azure-native:cosmosdb:listDatabaseAccountConnectionStrings",
    returns: "Primary and secondary SQL connection strings of the account with derived keys.",
    answer: (inputs) => ({
      connectionStrings: ["Primary", "Secondary"].map((kind) => ({
        connectionString: `AccountEndpoint=https://${inputs.accountName}.documents.azure.com:443/;AccountKey=${base64Key(64, inputs.accountName, kind)};`,
        description: `${kind} SQL Connection String`, keyKind: kind, type: "Sql",
      })),
    }),
  },
  {
    token: "azure-native:containerservice:listManagedClusterUserCredentials",
    returns: "One kubeconfig (`clusterUser`, base64) pointing at the cluster's offline API address.",
    answer(inputs, ctx) {
      const server = `https://${inputs.resourceName}-${base64Key(6, inputs.resourceName).replace(/[^a-z0-9]/gi, "").toLowerCase()}.hcp.${ctx.region}.azmk8s.io:443`;
      const kubeconfig = [
        "apiVersion: v1", "kind: Config", `current-context: ${inputs.resourceName}`,
        `clusters:\n- name: ${inputs.resourceName}\n  cluster:\n    server: ${server}`,
        `contexts:\n- name: ${inputs.resourceName}\n  context:\n    cluster: ${inputs.resourceName}\n    user: clusterUser`,
        `users:\n- name: clusterUser\n  user:\n    token: offline-${base64Key(12, inputs.resourceName, "token")}`,
      ].join("\n");
      return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig + "\n").toString("base64") }] };
    },
  },
];
