// What the hand-written end-to-end programs share: the stack configuration they run with, the
// pack configuration of the tests, the tags every taggable resource carries, and the shape of
// a non-compliant case.

/** Stack configuration the programs run with (the default providers are configured from it). */
export const STACK_CONFIG: Record<string, string> = {
  "aws:region": "us-east-1",
  "azure-native:location": "eastus",
  "gcp:region": "us-central1",
  "gcp:project": "cloudfit-e2e",
};

/** Policy pack configuration of the tests: every optional rule switched on. */
export const PACK_CONFIG = {
  "azure-storage-encryption-keys": {
    requireCustomerManagedKey: true,
    requireInfrastructureEncryption: true,
  },
  "gcp-storage-bucket-cmek": { requireCustomerManagedKey: true },
  "gcp-compute-boot-disk-cmek": { requireCustomerManagedKey: true },
  "compliance-allowed-regions": { continents: ["NA", "EU"] },
  "compliance-required-tags": { keys: ["team"] },
  "compliance-allowed-instance-types": { maxVcpus: 8 },
  "cost-monthly-budget": { budgetUSD: 5000 },
};

/** Tags (labels on Google Cloud) of every taggable resource. */
export const TAGS = { team: "payments", "cloudfit-storage-gib": "50" };

/** A Cloud KMS key name for customer-managed encryption on Google Cloud. */
export const GCP_KMS_KEY = "projects/cloudfit-e2e/locations/us-central1/keyRings/ring/cryptoKeys/key";

/** The Azure resource group of the programs. */
export const RG = "cloudfit-rg";

/** A rule, the resource that breaks it, and how: one compliant resource with one change. */
export interface NonCompliantCase {
  readonly policy: string;
  readonly resource: string;
  readonly build: () => void;
}

/** A policy document as JSON text. */
export function policyJson(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
