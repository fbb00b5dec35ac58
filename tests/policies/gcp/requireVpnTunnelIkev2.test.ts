import { requireVpnTunnelIkev2 } from "../../../policies/gcp/requireVpnTunnelIkev2";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/gcp/requireVpnTunnelIkev2",
  requireVpnTunnelIkev2,
  { type: "gcp:compute/vPNTunnel:VPNTunnel", name: "office", props: { sharedSecret: "s", peerIp: "203.0.113.1", region: "us-central1" } },
  [
    { it: "reports IKEv1", props: (b) => ({ ...b, ikeVersion: 1 }), violations: ["VPN tunnel 'office' should negotiate IKEv2: ikeVersion is 1; set it to 2 (the default)."] },
    {
      it: "reports weak entries of a pinned cipher suite",
      props: (b) => ({ ...b, cipherSuite: { phase1: { encryptions: ["AES-GCM-16-256"], integrities: ["HMAC-SHA1-96"], dhs: ["MODP_1024", "ECP_256"], prves: ["PRF-HMAC-SHA2-256"] }, phase2: { encryptions: ["AES-CBC-128"], integrities: ["HMAC-SHA2-256-128"], pfs: ["ECP_384"] } } }),
      violations: ["VPN tunnel 'office' should pin strong ciphers only: remove the weak entries of cipherSuite.phase1.integrities (HMAC-SHA1-96), cipherSuite.phase1.dhs (MODP_1024) and cipherSuite.phase2.encryptions (AES-CBC-128); use AES-GCM-16-256 or AES-CBC-256, HMAC-SHA2-256-128 or stronger, and MODP_2048 or ECP groups."],
    },
  ],
);
