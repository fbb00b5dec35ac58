// What counts as a strong IPsec/IKE proposal for the VPN rules, after NIST SP 800-77r1 and the
// clouds' own recommendations: IKEv2 only, AES-256 (CBC or GCM), SHA-2 integrity, and
// Diffie-Hellman groups of at least 2048-bit MODP or 256-bit elliptic curves.

/**
 * Encryption algorithms accepted, upper-cased without separators, as AWS ("AES256",
 * "AES256-GCM-16"), Azure ("GCMAES256") and Google ("AES-CBC-256", "AES-GCM-16-256") name them.
 */
export const STRONG_ENCRYPTION = new Set([
  "AES256",
  "AES256GCM16",
  "GCMAES256",
  "AESCBC256",
  "AESGCM8256",
  "AESGCM12256",
  "AESGCM16256",
]);

/** Integrity algorithms accepted, normalised the same way, in the three clouds' spellings. */
export const STRONG_INTEGRITY = new Set([
  "SHA2256",
  "SHA2384",
  "SHA2512",
  "SHA256",
  "SHA384",
  "SHA512",
  "GCMAES256",
  "HMACSHA2256128",
  "HMACSHA2384192",
  "HMACSHA2512256",
]);

/** Diffie-Hellman group numbers accepted: 2048-bit MODP and larger, and the ECP groups. */
export const STRONG_DH_GROUPS = new Set([14, 15, 16, 17, 18, 19, 20, 21]);

/** An algorithm name normalised for comparison: upper case, no '-', '_' or spaces. */
export function normaliseAlgorithm(name: string): string {
  return name.toUpperCase().replace(/[-_\s]/g, "");
}

/** The entries of a list outside an accepted set, as written. */
export function weakEntries(values: readonly string[], accepted: ReadonlySet<string>): string[] {
  return values.filter((v) => !accepted.has(normaliseAlgorithm(v)));
}
