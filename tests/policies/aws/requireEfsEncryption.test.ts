import { requireEfsEncryption } from "../../../policies/aws/requireEfsEncryption";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/aws/requireEfsEncryption",
  requireEfsEncryption,
  { type: "aws:efs/fileSystem:FileSystem", name: "shared", props: { encrypted: true } },
  [{ it: "reports an unencrypted file system", props: () => ({}), violations: ["EFS file system 'shared' should be encrypted at rest: set encrypted to true."] }],
);
