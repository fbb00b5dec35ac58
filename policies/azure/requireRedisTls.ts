// Azure Cache for Redis must accept TLS connections only, with TLS 1.2 or later.

import type { RedisArgs } from "@pulumi/azure-native/redis/redis";
import { quote } from "../lib/messages";
import { asBool, asString, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

/** enableNonSslPort is not true and minimumTlsVersion is not "1.0" or "1.1". */
export const requireRedisTls = resourceRule({
  name: "azure-redis-tls-only",
  description: "Azure Cache for Redis must keep the non-TLS port closed and require TLS 1.2 or later.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV_AZURE_91", "CKV_AZURE_148"],
  types: ["azure-native:redis:Redis"],
  check: (ctx) => {
    const plain = asBool(field<RedisArgs>(ctx.props, "enableNonSslPort"));
    if (plain === UNKNOWN) ctx.undecided("enableNonSslPort");
    else if (plain === true) {
      ctx.report(`${ctx.label} should accept TLS connections only: set enableNonSslPort to false.`);
    }
    const version = asString(field<RedisArgs>(ctx.props, "minimumTlsVersion"));
    if (version === UNKNOWN) ctx.undecided("minimumTlsVersion");
    else if (version !== undefined && ["1.0", "1.1"].includes(version.trim())) {
      ctx.report(`${ctx.label} should require TLS 1.2 or later: minimumTlsVersion is ${quote(version)}; set it to "1.2".`);
    }
  },
});
