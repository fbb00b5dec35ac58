// The IPsec parameters every cloudfit tunnel uses: IKEv2 only, AES-256-GCM with SHA-384 and
// Diffie-Hellman group 20 (ECP-384) in both phases, which AWS, Azure and GCP all accept
// (AWS Site-to-Site VPN "Tunnel options", Azure "IPsec/IKE policy", Google Cloud "Supported IKE ciphers").

/** AWS VPN connection tunnel options, for tunnel 1 or 2. */
export function awsTunnelOptions(n: 1 | 2): Record<string, unknown> {
  return {
    [`tunnel${n}IkeVersions`]: ["ikev2"],
    [`tunnel${n}Phase1EncryptionAlgorithms`]: ["AES256-GCM-16"],
    [`tunnel${n}Phase1IntegrityAlgorithms`]: ["SHA2-384"],
    [`tunnel${n}Phase1DhGroupNumbers`]: [20],
    [`tunnel${n}Phase2EncryptionAlgorithms`]: ["AES256-GCM-16"],
    [`tunnel${n}Phase2IntegrityAlgorithms`]: ["SHA2-384"],
    [`tunnel${n}Phase2DhGroupNumbers`]: [20],
    [`tunnel${n}StartupAction`]: "start",
  };
}

/** Azure connection IPsec policy. */
export const AZURE_IPSEC_POLICY = {
  ikeEncryption: "GCMAES256",
  ikeIntegrity: "SHA384",
  dhGroup: "ECP384",
  ipsecEncryption: "GCMAES256",
  ipsecIntegrity: "GCMAES256",
  pfsGroup: "ECP384",
  saLifeTimeSeconds: 27000,
  saDataSizeKilobytes: 102400000,
} as const;

/** GCP tunnels: IKE version. GCP offers its own cipher list; the peers above restrict it. */
export const GCP_IKE_VERSION = 2;
