// Ingress: the public balancer of one cloud-region for every public service running there. AWS:
// an Application Load Balancer; Azure: an Application Gateway v2; GCP: a regional external
// Application Load Balancer. Each terminates TLS (1.2 or newer) for the service's public name,
// redirects HTTP to HTTPS, health-checks the service port and forwards to the replicas, which keep
// no public IPs. The front door's regional record points at its endpoint.

import * as pulumi from "@pulumi/pulumi";
import type { AzureCertificate } from "../optimizer/network/options";
import { awsIngress } from "./aws/ingress";
import { azureIngress } from "./azure/ingress";
import { badArg, OwnershipArgs, tagContext } from "./common";
import { gcpIngress } from "./gcp/ingress";
import type { Network } from "./network";
import { workloadTags } from "./tags";

/** One public service behind the balancer. */
export interface IngressBackend {
  readonly service: string;
  /** Service port the balancer forwards to and health-checks. */
  readonly port: number;
  /** Public name the certificate and host rule are for. */
  readonly hostName: string;
  /** AWS: Auto Scaling group names; GCP: instance group URLs; unused on Azure (scale sets join the pool). */
  readonly targets?: readonly pulumi.Input<string>[];
}

/** What a cloud's ingress emitter is given. */
export interface IngressContext {
  readonly name: string;
  readonly network: Network;
  readonly backends: readonly IngressBackend[];
  readonly healthCheckPath: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly opts: pulumi.CustomResourceOptions;
  /** AWS and GCP: the Route 53 zone and provider that validate managed certificates. */
  readonly zoneId?: pulumi.Input<string>;
  readonly dnsProvider?: pulumi.ProviderResource;
}

/** Where a balancer answers: an alias target (AWS) or a static public IP (Azure, GCP). */
export type IngressEndpoint =
  | { readonly kind: "alias"; readonly dnsName: pulumi.Output<string>; readonly zoneId: pulumi.Output<string> }
  | { readonly kind: "ip"; readonly ipAddress: pulumi.Output<string> };

/** Arguments of an Ingress. */
export interface IngressArgs extends OwnershipArgs {
  /** The network of the region; built with ingress on. */
  readonly network: Network;
  /** The public services of the region, at least one. */
  readonly backends: readonly IngressBackend[];
  /** HTTP path of the health checks; default "/". */
  readonly healthCheckPath?: string;
  /** AWS and GCP: Route 53 hosted zone that validates the managed certificates. */
  readonly zoneId?: pulumi.Input<string>;
  /** AWS and GCP: provider of the Route 53 records. */
  readonly dnsProvider?: pulumi.ProviderResource;
  /** Azure: the listeners' certificate in Key Vault. */
  readonly azureCertificate?: AzureCertificate;
}

/** The public balancer of one cloud-region. */
export class Ingress extends pulumi.ComponentResource {
  /** Where the balancer answers. */
  public readonly endpoint: IngressEndpoint;
  /** Azure: the backend pool id of each service, for its scale sets to join. */
  public readonly pools: Readonly<Record<string, pulumi.Output<string>>>;

  constructor(name: string, args: IngressArgs, opts?: pulumi.ComponentResourceOptions) {
    const n = args.network;
    if (!args.backends?.length) badArg("backends", "lists no service. To fix: pass at least one public service.");
    if (!n.parts.ingress)
      badArg("network", `${n.cloud}:${n.region} was built without ingress. To fix: create the Network with ingress: true.`);
    if (n.cloud === "azure" && !args.azureCertificate)
      badArg(
        "azureCertificate",
        "an Application Gateway needs a Key Vault certificate. To fix: set cloudfit:network.azureCertificate.",
      );
    if (n.cloud !== "azure" && (args.zoneId === undefined || !args.dnsProvider))
      badArg(
        "zoneId",
        "managed certificates are validated through the front door's Route 53 zone. To fix: pass zoneId and dnsProvider.",
      );
    const tags = workloadTags(tagContext(args), args.backends.map((b) => b.service).join("+"));
    super("cloudfit:network:Ingress", name, {}, opts);
    const ctx: IngressContext = {
      name,
      network: n,
      backends: args.backends,
      healthCheckPath: args.healthCheckPath ?? "/",
      tags,
      opts: { parent: this, provider: n.provider },
      zoneId: args.zoneId,
      dnsProvider: args.dnsProvider,
    };
    if (n.cloud === "aws") {
      this.endpoint = awsIngress(ctx);
      this.pools = {};
    } else if (n.cloud === "azure") {
      const made = azureIngress(ctx, args.azureCertificate!);
      this.endpoint = made;
      this.pools = made.pools;
    } else {
      this.endpoint = gcpIngress(ctx);
      this.pools = {};
    }
    this.registerOutputs({});
  }
}
