// Load balancers must not forward administrative ports: a listener on SSH or RDP puts the
// hosts behind the balancer's admin access on its public address.

import type { LoadBalancerArgs } from "@pulumi/aws/elb/loadBalancer";
import type { ListenerArgs } from "@pulumi/aws/lb/listener";
import type * as awsInput from "@pulumi/aws/types/input";
import { CLASSIC_ELB, LISTENER_TYPES } from "../lib/awsListeners";
import { ADMIN_PORTS_SCHEMA, portListSetting } from "../lib/config";
import { DEFAULT_ADMIN_PORTS } from "../lib/net";
import { asList, asNumber, field } from "../lib/read";
import { resourceRule } from "../lib/rule";
import { UNKNOWN } from "../lib/unknown";

type ClassicListener = awsInput.elb.LoadBalancerListener;

interface Config {
  readonly adminPorts: readonly number[];
}

/** No listener port, and no classic backend port, is an admin port. */
export const restrictLoadBalancerAdminPorts = resourceRule<Config>({
  name: "aws-lb-no-admin-port-listeners",
  description:
    "Load balancers must not listen on or forward to administrative ports (SSH 22, RDP 3389 unless configured).",
  enforcementLevel: "mandatory",
  severity: "high",
  benchmarks: [],
  configSchema: { properties: { adminPorts: ADMIN_PORTS_SCHEMA } },
  types: [...LISTENER_TYPES, CLASSIC_ELB],
  config: (raw) => ({ adminPorts: portListSetting(raw.adminPorts, DEFAULT_ADMIN_PORTS) }),
  check: (ctx) => {
    const admin = new Set(ctx.config.adminPorts);
    const fix = "reach hosts through Session Manager or a bastion restricted to known networks instead";
    if (ctx.type !== CLASSIC_ELB) {
      const port = asNumber(field<ListenerArgs>(ctx.props, "port"));
      if (port === UNKNOWN) return ctx.undecided("port");
      if (port !== undefined && admin.has(port)) {
        ctx.report(`${ctx.label} should not forward an admin port: it listens on port ${port}; ${fix}.`);
      }
      return;
    }
    const listeners = asList(field<LoadBalancerArgs>(ctx.props, "listeners"));
    if (listeners === UNKNOWN) return ctx.undecided("listeners");
    listeners.forEach((l, i) => {
      for (const key of ["lbPort", "instancePort"] as const) {
        const port = asNumber(field<ClassicListener>(l, key));
        if (port === UNKNOWN) ctx.undecided(`listeners[${i}].${key}`);
        else if (port !== undefined && admin.has(port)) {
          ctx.report(`${ctx.label} should not forward an admin port: listeners[${i}].${key} is ${port}; ${fix}.`);
          return;
        }
      }
    });
  },
});
