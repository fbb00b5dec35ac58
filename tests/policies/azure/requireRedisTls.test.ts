import { requireRedisTls } from "../../../policies/azure/requireRedisTls";
import { ruleCases } from "../ruleCases";

ruleCases(
  "policies/azure/requireRedisTls",
  requireRedisTls,
  { type: "azure-native:redis:Redis", name: "cache", props: { resourceGroupName: "rg", sku: { name: "Standard", family: "C", capacity: 1 }, minimumTlsVersion: "1.2" } },
  [
    {
      it: "reports the non-TLS port and TLS 1.0",
      props: (b) => ({ ...b, enableNonSslPort: true, minimumTlsVersion: "1.0" }),
      violations: [
        "Azure Cache for Redis 'cache' should accept TLS connections only: set enableNonSslPort to false.",
        'Azure Cache for Redis \'cache\' should require TLS 1.2 or later: minimumTlsVersion is "1.0"; set it to "1.2".',
      ],
    },
  ],
);
