import * as assert from "assert";
import { requireHttpProxyRedirect } from "../../../policies/gcp/requireHttpProxyRedirect";
import { StackResourceCase, UNKNOWN_VALUE, runStack, urnOf } from "../harness";

const PROXY = "gcp:compute/targetHttpProxy:TargetHttpProxy";
const map = (props: Record<string, unknown>): StackResourceCase => ({ type: "gcp:compute/uRLMap:URLMap", name: "http-map", props });
const proxy: StackResourceCase = { type: PROXY, name: "http", props: { urlMap: UNKNOWN_VALUE }, propertyDependencies: { urlMap: ["http-map"] } };

describe("policies/gcp/requireHttpProxyRedirect", () => {
  it("passes a proxy whose URL map redirects to HTTPS", async () => {
    const redirect = map({ defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } });
    assert.deepStrictEqual(await runStack(requireHttpProxyRedirect, [redirect, proxy]), { violations: [] });
  });

  it("reports a proxy serving a backend over plain HTTP", async () => {
    const serving = map({ defaultService: "backend" });
    assert.deepStrictEqual(await runStack(requireHttpProxyRedirect, [serving, proxy]), {
      violations: [
        {
          message:
            "Target HTTP proxy 'http' should not serve plain HTTP: its URL map 'http-map' does not redirect to HTTPS; give the HTTP proxy a URL map with defaultUrlRedirect.httpsRedirect true and serve the site through a target HTTPS proxy.",
          urn: urnOf(PROXY, "http"),
        },
      ],
    });
  });
});
