// The listeners of AWS load balancers (lb.Listener and its alb.Listener alias), read the same
// way for the HTTPS, TLS-policy and admin-port rules.

import type { ListenerArgs } from "@pulumi/aws/lb/listener";
import type * as awsInput from "@pulumi/aws/types/input";
import { Read, asList, asString, field } from "./read";
import { UNKNOWN, Unknown } from "./unknown";

/** Listener types: the lb module's and the alb module's alias. */
export const LISTENER_TYPES: readonly string[] = ["aws:lb/listener:Listener", "aws:alb/listener:Listener"];

/** Classic load balancers, whose listeners are inline. */
export const CLASSIC_ELB = "aws:elb/loadBalancer:LoadBalancer";

type Action = awsInput.lb.ListenerDefaultAction;
type Redirect = awsInput.lb.ListenerDefaultActionRedirect;

/** A listener's protocol, upper-cased; HTTP when unset (the Application Load Balancer default). */
export function listenerProtocol(props: Read): string | Unknown {
  const p = asString(field<ListenerArgs>(props, "protocol"));
  if (p === UNKNOWN) return UNKNOWN;
  return (p ?? "HTTP").trim().toUpperCase();
}

/** True when every default action of a listener redirects to HTTPS; UNKNOWN when not known. */
export function redirectsToHttps(props: Read): boolean | Unknown {
  const actions = asList(field<ListenerArgs>(props, "defaultActions"));
  if (actions === UNKNOWN) return UNKNOWN;
  if (actions.length === 0) return false;
  for (const action of actions) {
    const type = asString(field<Action>(action, "type"));
    const protocol = asString(field<Redirect>(field<Action>(action, "redirect"), "protocol"));
    if (type === UNKNOWN || protocol === UNKNOWN) return UNKNOWN;
    if (type?.toLowerCase() !== "redirect" || protocol?.toUpperCase() !== "HTTPS") return false;
  }
  return true;
}
