import { requireVpnStrongIke } from "../../../policies/aws/requireVpnStrongIke";
import { ruleCases } from "../ruleCases";

function tunnel(n: 1 | 2): Record<string, unknown> {
  return {
    [`tunnel${n}IkeVersions`]: ["ikev2"],
    [`tunnel${n}Phase1EncryptionAlgorithms`]: ["AES256"],
    [`tunnel${n}Phase2EncryptionAlgorithms`]: ["AES256-GCM-16"],
    [`tunnel${n}Phase1IntegrityAlgorithms`]: ["SHA2-256"],
    [`tunnel${n}Phase2IntegrityAlgorithms`]: ["SHA2-384"],
    [`tunnel${n}Phase1DhGroupNumbers`]: [20],
    [`tunnel${n}Phase2DhGroupNumbers`]: [14],
  };
}
const FIX =
  'set tunnelNIkeVersions to ["ikev2"], the phase 1 and 2 encryption algorithms to ["AES256"] or ["AES256-GCM-16"], integrity to ["SHA2-256"] or stronger, and DH groups to [14] or higher.';

ruleCases(
  "policies/aws/requireVpnStrongIke",
  requireVpnStrongIke,
  { type: "aws:ec2/vpnConnection:VpnConnection", name: "office", props: { customerGatewayId: "cgw-1", type: "ipsec.1", ...tunnel(1), ...tunnel(2) } },
  [
    {
      it: "reports tunnels allowing IKEv1 and weak proposals",
      props: (b) => ({ ...b, tunnel2IkeVersions: ["ikev1", "ikev2"], tunnel2Phase1IntegrityAlgorithms: ["SHA1", "SHA2-256"], tunnel2Phase1DhGroupNumbers: [2, 14] }),
      violations: [`VPN connection 'office' should use IKEv2 with strong ciphers only: fix tunnel2IkeVersions (ikev1), tunnel2Phase1IntegrityAlgorithms (SHA1) and tunnel2Phase1DhGroupNumbers (2); ${FIX}`],
    },
    {
      it: "reports a tunnel left to the AWS defaults",
      props: () => ({ customerGatewayId: "cgw-1", type: "ipsec.1", ...tunnel(1) }),
      violations: [
        `VPN connection 'office' should use IKEv2 with strong ciphers only: fix tunnel2IkeVersions (unset, so AWS defaults apply), tunnel2Phase1EncryptionAlgorithms (unset, so AWS defaults apply), tunnel2Phase2EncryptionAlgorithms (unset, so AWS defaults apply), tunnel2Phase1IntegrityAlgorithms (unset, so AWS defaults apply), tunnel2Phase2IntegrityAlgorithms (unset, so AWS defaults apply), tunnel2Phase1DhGroupNumbers (unset, so AWS defaults apply) and tunnel2Phase2DhGroupNumbers (unset, so AWS defaults apply); ${FIX}`,
      ],
    },
  ],
);
