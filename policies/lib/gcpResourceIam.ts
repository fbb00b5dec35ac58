// The IAM resources of Google Cloud projects, folders and organizations, whose grants apply to
// every resource beneath them. Shared by the rules on roles granted at those levels.

/** Project, folder and organization IAM resources. */
export const HIERARCHY_IAM_TYPES: readonly string[] = [
  "gcp:projects/iAMBinding:IAMBinding",
  "gcp:projects/iAMMember:IAMMember",
  "gcp:projects/iAMPolicy:IAMPolicy",
  "gcp:folder/iAMBinding:IAMBinding",
  "gcp:folder/iAMMember:IAMMember",
  "gcp:folder/iAMPolicy:IAMPolicy",
  "gcp:organizations/iAMBinding:IAMBinding",
  "gcp:organizations/iAMMember:IAMMember",
  "gcp:organizations/iAMPolicy:IAMPolicy",
];

/** Project IAM resources only. */
export const PROJECT_IAM_TYPES: readonly string[] = HIERARCHY_IAM_TYPES.filter((t) => t.startsWith("gcp:projects/"));
