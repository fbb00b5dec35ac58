import { restrictNsgPublicIngress } from "../../../policies/azure/restrictNsgPublicIngress";
import { ruleCases } from "../ruleCases";

const rule = (port: string, source = "Internet") => ({
  name: `allow-${port}`, priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp",
  sourcePortRange: "*", destinationPortRange: port, sourceAddressPrefix: source, destinationAddressPrefix: "*",
});
const FIX = "restrict its sourceAddressPrefix or sourceAddressPrefixes to known networks, or allow the ports with the policy's publicPortsByTag setting.";

ruleCases(
  "policies/azure/restrictNsgPublicIngress",
  restrictNsgPublicIngress,
  { type: "azure-native:network:NetworkSecurityGroup", name: "web", props: { resourceGroupName: "rg", securityRules: [rule("443"), rule("5432", "10.0.0.0/16")], tags: { tier: "edge" } } },
  [
    {
      it: "reports a database port open to the internet",
      props: (b) => ({ ...b, securityRules: [rule("1433")] }),
      violations: [`Network security group 'web' should not open port 1433 to the internet: rule 'allow-1433' admits that traffic from Internet; ${FIX}`],
    },
    {
      it: "allows ports for a tagged group",
      props: (b) => ({ ...b, securityRules: [rule("8443", "*")] }),
      config: { publicPortsByTag: { tier: [8443] } },
    },
    {
      it: "reports a separate security rule, which carries no tags",
      type: "azure-native:network:SecurityRule",
      props: () => ({ ...rule("8000-8100", "0.0.0.0/0"), networkSecurityGroupName: "web", resourceGroupName: "rg" }),
      violations: [`Security rule 'web' should not open ports 8000-8100 to the internet: it admits that traffic from 0.0.0.0/0; ${FIX}`],
    },
    { it: "leaves SSH to the admin-port rule", props: (b) => ({ ...b, securityRules: [rule("22")] }) },
  ],
);
