import { requireVpnConnectionStrongIke } from "../../../policies/azure/requireVpnConnectionStrongIke";
import { ruleCases } from "../ruleCases";

const strong = { ikeEncryption: "GCMAES256", ikeIntegrity: "SHA384", dhGroup: "ECP384", ipsecEncryption: "GCMAES256", ipsecIntegrity: "GCMAES256", pfsGroup: "ECP384", saLifeTimeSeconds: 3600, saDataSizeKilobytes: 102400000 };

ruleCases(
  "policies/azure/requireVpnConnectionStrongIke",
  requireVpnConnectionStrongIke,
  {
    type: "azure-native:network:VirtualNetworkGatewayConnection",
    name: "office",
    props: { resourceGroupName: "rg", connectionType: "IPsec", connectionProtocol: "IKEv2", ipsecPolicies: [strong], virtualNetworkGateway1: { id: "/gw" } },
  },
  [
    {
      it: "reports a connection without custom policies",
      props: (b) => ({ ...b, ipsecPolicies: undefined }),
      violations: ["Virtual network gateway connection 'office' should pin strong IPsec/IKE algorithms: it has no ipsecPolicies, so Azure's default proposals (including SHA-1 and DH group 2) apply; add a policy with AES256 or GCMAES256, SHA256, DHGroup14 (or ECP256) and PFS2048 (or ECP256)."],
    },
    {
      it: "reports IKEv1 and weak policy fields",
      props: (b) => ({ ...b, connectionProtocol: "IKEv1", ipsecPolicies: [{ ...strong, ikeIntegrity: "SHA1", dhGroup: "DHGroup2", pfsGroup: "None" }] }),
      violations: [
        'Virtual network gateway connection \'office\' should negotiate IKEv2: set connectionProtocol to "IKEv2".',
        'Virtual network gateway connection \'office\' should use strong IPsec/IKE algorithms: ipsecPolicies[0] has ikeIntegrity "SHA1", dhGroup "DHGroup2" and pfsGroup "None"; use AES256 or GCMAES256, SHA256 or stronger, and DH/PFS groups 14, 2048 or ECP.',
      ],
    },
    { it: "ignores VNet-to-VNet and ExpressRoute connections", props: (b) => ({ ...b, connectionType: "ExpressRoute", ipsecPolicies: undefined }) },
  ],
);
