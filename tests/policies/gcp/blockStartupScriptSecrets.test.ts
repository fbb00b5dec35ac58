import { blockStartupScriptSecrets } from "../../../policies/gcp/blockStartupScriptSecrets";
import { ruleCases } from "../ruleCases";

const FIX = "read them at boot from Secret Manager with the instance's service account.";

ruleCases(
  "policies/gcp/blockStartupScriptSecrets",
  blockStartupScriptSecrets,
  { type: "gcp:compute/instance:Instance", name: "app", props: { machineType: "e2-small", metadataStartupScript: "#!/bin/bash\napt-get install -y nginx\n" } },
  [
    {
      it: "reports a Google API key in the startup script",
      props: (b) => ({ ...b, metadataStartupScript: "#!/bin/bash\ncurl 'https://maps.googleapis.com/?key=AIzaSyA1234567890abcdefghijklmnopqrstuv'\n" }),
      violations: [`Compute instance 'app' should not carry secrets in metadataStartupScript: it holds a Google API key (line 2); ${FIX}`],
    },
    {
      it: "reports a password in cloud-init user data of a template",
      type: "gcp:compute/instanceTemplate:InstanceTemplate",
      props: () => ({ metadata: { "user-data": "#cloud-config\nchpasswd:\n  list: |\n    root:rootpass123\nroot_password: hunter2hunter2\n" } }),
      violations: [`Instance template 'app' should not carry secrets in metadata["user-data"]: it holds a literal value for root_password (line 5); ${FIX}`],
    },
  ],
);
