import { blockUserDataSecrets } from "../../../policies/aws/blockUserDataSecrets";
import { UNKNOWN_VALUE } from "../harness";
import { deferred, ruleCases } from "../ruleCases";

const SCRIPT = "#!/bin/bash\nexport DB_HOST=db.internal\naws ssm get-parameter --name /app/db-password --with-decryption\n";
const b64 = (s: string) => Buffer.from(s).toString("base64");
const FIX = "fetch secrets at boot from Secrets Manager or SSM Parameter Store with the instance role.";

ruleCases(
  "policies/aws/blockUserDataSecrets",
  blockUserDataSecrets,
  { type: "aws:ec2/instance:Instance", name: "app", props: { instanceType: "t3.micro", userData: SCRIPT } },
  [
    {
      it: "reports an access key and a literal password in user data, naming their lines",
      props: (b) => ({ ...b, userData: "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nDB_PASSWORD=hunter2hunter2\n" }),
      violations: [`EC2 instance 'app' should not carry secrets in userData: it holds an AWS access key ID (line 2) and a literal value for DB_PASSWORD (line 3); ${FIX}`],
    },
    {
      it: "decodes base64 user data",
      props: (b) => ({ ...b, userData: undefined, userDataBase64: b64("-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n") }),
      violations: [`EC2 instance 'app' should not carry secrets in userDataBase64: it holds a private key (line 1); ${FIX}`],
    },
    {
      it: "checks a launch template's (base64) user data",
      type: "aws:ec2/launchTemplate:LaunchTemplate",
      props: () => ({ userData: b64("#cloud-config\nruncmd:\n  - echo 'token: ghp_0123456789abcdefghijABCDEFGHIJ012345' > /etc/gh\n") }),
      violations: [`Launch template 'app' should not carry secrets in userData: it holds a GitHub token (line 3); ${FIX}`],
    },
    {
      it: "accepts references to secret stores and variables",
      props: (b) => ({ ...b, userData: "DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db)\nAPI_TOKEN=${TOKEN}\n" }),
    },
    {
      it: "defers to the update when the user data is not known yet",
      props: (b) => ({ ...b, userData: UNKNOWN_VALUE }),
      notApplicable: deferred("EC2 instance 'app'", "userData"),
    },
  ],
);
