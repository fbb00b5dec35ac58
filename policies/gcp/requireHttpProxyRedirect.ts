// Google Cloud load balancers must not serve plain HTTP: a target HTTP proxy may only front a
// URL map that redirects every request to HTTPS. A stack rule, since the URL map is another
// resource; anchored on target HTTP proxies, so the runtime skips it in stacks without one.

import type { TargetHttpProxyArgs } from "@pulumi/gcp/compute/targetHttpProxy";
import type { URLMapArgs } from "@pulumi/gcp/compute/urlmap";
import type * as gcpInput from "@pulumi/gcp/types/input";
import { linker, resourcesOfType } from "../lib/links";
import { describeResource } from "../lib/messages";
import { asBool, asString, field } from "../lib/read";
import { stackRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

const HTTP_PROXY = "gcp:compute/targetHttpProxy:TargetHttpProxy";
const URL_MAPS = ["gcp:compute/uRLMap:URLMap", "gcp:compute/regionUrlMap:RegionUrlMap"];

type Redirect = gcpInput.compute.URLMapDefaultUrlRedirect;

/** Every target HTTP proxy's URL map redirects to HTTPS by default. */
export const requireHttpProxyRedirect = stackRule({
  name: "gcp-lb-http-redirects-to-https",
  description:
    "Google Cloud target HTTP proxies must front a URL map whose default action redirects to HTTPS.",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: ["CKV2_GCP_37", "CKV2_GCP_38"],
  anchorType: HTTP_PROXY,
  check: (ctx) => {
    const maps = resourcesOfType(ctx.resources, URL_MAPS);
    const links = linker(maps, ["name", "id", "selfLink"]);
    for (const proxy of resourcesOfType(ctx.resources, [HTTP_PROXY])) {
      const label = describeResource(proxy.type, proxy.name);
      const linked = links.linkedThrough(proxy, "urlMap");
      if (linked === UNKNOWN) {
        ctx.undecided(`${label}: its URL map is not known yet`);
        continue;
      }
      if (linked.length === 0) {
        // A URL map outside the stack, named literally, cannot be checked here.
        const named = asString(field<TargetHttpProxyArgs>(proxy.props, "urlMap"));
        if (named === UNKNOWN) ctx.undecided(`${label}: its URL map is not known yet`);
        continue;
      }
      const redirects = linked.map((m) =>
        asBool(field<Redirect>(field<URLMapArgs>(m.props, "defaultUrlRedirect"), "httpsRedirect")),
      );
      if (redirects.some((r) => r === UNKNOWN)) {
        ctx.undecided(`${label}: whether its URL map redirects is not known yet`);
      } else if (!redirects.every((r) => r === true)) {
        ctx.report(
          `${label} should not serve plain HTTP: its URL map '${linked[0].name}' does not redirect ` +
            `to HTTPS; give the HTTP proxy a URL map with defaultUrlRedirect.httpsRedirect true and ` +
            `serve the site through a target HTTPS proxy.`,
          proxy.urn,
        );
      }
    }
  },
});
