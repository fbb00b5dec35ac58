import { blockServerlessEnvironmentSecrets } from "../../../policies/gcp/blockServerlessEnvironmentSecrets";
import { ruleCases } from "../ruleCases";

const FIX = "store them in Secret Manager and reference them (secretEnvironmentVariables, or env valueSource.secretKeyRef).";

ruleCases(
  "policies/gcp/blockServerlessEnvironmentSecrets",
  blockServerlessEnvironmentSecrets,
  { type: "gcp:cloudfunctions/function:Function", name: "resize", props: { runtime: "nodejs20", environmentVariables: { BUCKET: "images" } } },
  [
    {
      it: "reports a literal token in a function's environment",
      props: (b) => ({ ...b, environmentVariables: { SLACK_TOKEN: "xoxb-1234567890-abcdefghij" } }),
      violations: [`Cloud Function 'resize' should not keep secrets in environmentVariables: a Slack token (variable SLACK_TOKEN); ${FIX}`],
    },
    {
      it: "checks 2nd gen service config",
      type: "gcp:cloudfunctionsv2/function:Function",
      props: () => ({ location: "us-central1", serviceConfig: { environmentVariables: { DB_PASSWORD: "correct-horse-battery" } } }),
      violations: [`Cloud Function 'resize' should not keep secrets in serviceConfig.environmentVariables: a literal secret value (variable DB_PASSWORD); ${FIX}`],
    },
    {
      it: "checks Cloud Run container env values and ignores Secret Manager references",
      type: "gcp:cloudrunv2/service:Service",
      props: () => ({
        location: "us-central1",
        template: { containers: [{ image: "app", envs: [{ name: "API_KEY", value: "abcdef0123456789" }, { name: "DB_PASSWORD", valueSource: { secretKeyRef: { secret: "db", version: "latest" } } }] }] },
      }),
      violations: [`Cloud Run service 'resize' should not keep secrets in template.containers[0].envs: a literal secret value (variable API_KEY); ${FIX}`],
    },
  ],
);
