// Projects, folders, organizations, Pub/Sub topics and subscriptions, Secret Manager secrets and
// Artifact Registry repositories must not grant any role to allUsers or allAuthenticatedUsers.

import { publicMemberRule } from "../lib/publicMembers";

/** No IAM grant on these resources names allUsers or allAuthenticatedUsers. */
export const blockIamPublicMembers = publicMemberRule({
  name: "gcp-iam-no-public-members",
  description:
    "Google Cloud projects, folders, organizations, Pub/Sub topics and subscriptions, secrets and Artifact Registry repositories must not grant any role to allUsers or allAuthenticatedUsers.",
  severity: "critical",
  benchmarks: ["CKV_GCP_99", "CKV_GCP_101", "CKV_GCP_113"],
  types: [
    "gcp:projects/iAMBinding:IAMBinding",
    "gcp:projects/iAMMember:IAMMember",
    "gcp:projects/iAMPolicy:IAMPolicy",
    "gcp:folder/iAMBinding:IAMBinding",
    "gcp:folder/iAMMember:IAMMember",
    "gcp:folder/iAMPolicy:IAMPolicy",
    "gcp:organizations/iAMBinding:IAMBinding",
    "gcp:organizations/iAMMember:IAMMember",
    "gcp:organizations/iAMPolicy:IAMPolicy",
    "gcp:pubsub/topicIAMBinding:TopicIAMBinding",
    "gcp:pubsub/topicIAMMember:TopicIAMMember",
    "gcp:pubsub/topicIAMPolicy:TopicIAMPolicy",
    "gcp:pubsub/subscriptionIAMBinding:SubscriptionIAMBinding",
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
    "gcp:pubsub/subscriptionIAMPolicy:SubscriptionIAMPolicy",
    "gcp:secretmanager/secretIamBinding:SecretIamBinding",
    "gcp:secretmanager/secretIamMember:SecretIamMember",
    "gcp:secretmanager/secretIamPolicy:SecretIamPolicy",
    "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding",
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    "gcp:artifactregistry/repositoryIamPolicy:RepositoryIamPolicy",
  ],
  subject: "it",
});
