// Database: a managed PostgreSQL or MySQL database in one cloud-region, reachable only from
// inside cloudfit's private networks. Emits RDS (AWS), a flexible server (Azure) or a Cloud SQL
// instance (Google Cloud) with the class, storage and HA the plan chose, encrypted, private,
// backed up, protected from deletion and requiring TLS; its credentials are Pulumi secrets.

import * as pulumi from "@pulumi/pulumi";
import { RandomPassword } from "@pulumi/random";
import { classShape } from "../optimizer/database-classes";
import { placedDatabaseOffer } from "../optimizer/database-offers";
import type { DatabasePlacement } from "../optimizer/plan";
import { CLOUDS, NormalizedDatabase } from "../optimizer/spec";
import { awsDatabase } from "./aws/database";
import { azureDatabase } from "./azure/database";
import { badArg, catalog, OwnershipArgs, tagContext } from "./common";
import { gcpDatabase } from "./gcp/database";
import { Network } from "./network";
import type { IngressRule } from "./service";
import { workloadTags } from "./tags";

/** What every cloud's emitter returns. */
export interface DatabaseEndpoint {
  /** Private host name (or address) of the primary. */
  readonly host: pulumi.Output<string>;
  /** Private host names of the read replicas. */
  readonly replicaHosts: pulumi.Output<string>[];
}

/** What every cloud's emitter takes. */
export interface DatabaseInputs {
  readonly name: string;
  readonly spec: NormalizedDatabase;
  readonly placement: DatabasePlacement;
  readonly network: Network;
  readonly ingress: readonly IngressRule[];
  readonly user: string;
  readonly password: pulumi.Output<string>;
  readonly tags: Readonly<Record<string, string>>;
}

/** Arguments of a Database. */
export interface DatabaseArgs extends OwnershipArgs {
  /** Where the database runs and on which class (a plan's databases entry). */
  readonly placement: DatabasePlacement;
  /** The database's validated spec: engine, version, storage, HA, backups, read replicas. */
  readonly database: NormalizedDatabase;
  /** The network of its region; default a new Network created as a child. */
  readonly network?: Network;
  /** Private sources admitted on the engine's port (linked services' networks); default none. */
  readonly ingress?: readonly IngressRule[];
  /** Administrator user name; default "cloudfit". */
  readonly adminUser?: string;
  /** Administrator password, kept secret; default the config secret cloudfit:<name>Password, then a generated one. */
  readonly adminPassword?: pulumi.Input<string>;
}

/** A managed relational database placed by cloudfit. */
export class Database extends pulumi.ComponentResource {
  /** Where the database runs. */
  public readonly placement: pulumi.Output<DatabasePlacement>;
  /** Estimated monthly cost of its instances and storage in USD (traffic is priced by Application). */
  public readonly monthlyCostUSD: pulumi.Output<number>;
  /** Private host name of the primary. */
  public readonly host: pulumi.Output<string>;
  /** The engine's port. */
  public readonly port: pulumi.Output<number>;
  /** Administrator user name. */
  public readonly adminUser: pulumi.Output<string>;
  /** Administrator password (secret). */
  public readonly adminPassword: pulumi.Output<string>;
  /** postgresql:// or mysql:// URL with the credentials, TLS required (secret). */
  public readonly connectionString: pulumi.Output<string>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    const monthly = validateDatabaseArgs(args);
    const d = args.database;
    const tags = workloadTags(tagContext(args), d.name);
    super("cloudfit:data:Database", name, {}, opts);

    const { cloud, region } = args.placement;
    const network =
      args.network ??
      new Network(`${name}-net-${cloud}-${region}`, { cloud, region, application: args.application, owner: args.owner, costCenter: args.costCenter }, { parent: this });
    const user = args.adminUser ?? "cloudfit";
    const fromConfig = new pulumi.Config("cloudfit").getSecret(`${camel(d.name)}Password`);
    const given = args.adminPassword ?? fromConfig;
    const password =
      given !== undefined
        ? pulumi.secret(pulumi.output(given))
        : // Letters and digits only: the password goes into a URL and into each cloud's API as it is.
          new RandomPassword(`${name}-password`, { length: 32, special: false }, { parent: this }).result;
    const inputs: DatabaseInputs = { name, spec: d, placement: args.placement, network, ingress: args.ingress ?? [], user, password, tags };
    const o = { parent: this, provider: network.provider };
    const made = cloud === "aws" ? awsDatabase(inputs, o) : cloud === "azure" ? azureDatabase(inputs, o) : gcpDatabase(inputs, o);

    const scheme = d.engine === "postgres" ? "postgresql" : "mysql";
    const tls = d.engine === "postgres" ? "sslmode=require" : "ssl-mode=REQUIRED";
    this.placement = pulumi.output({ ...args.placement });
    this.monthlyCostUSD = pulumi.output(monthly);
    this.host = made.host;
    this.port = pulumi.output(d.port);
    this.adminUser = pulumi.output(user);
    this.adminPassword = pulumi.secret(password);
    this.connectionString = pulumi.secret(
      pulumi.interpolate`${scheme}://${user}:${password}@${made.host}:${d.port}/${d.engine === "postgres" ? "postgres" : "mysql"}?${tls}`,
    );
    this.registerOutputs({
      placement: this.placement,
      monthlyCostUSD: this.monthlyCostUSD,
      host: this.host,
      port: this.port,
      adminUser: this.adminUser,
      adminPassword: this.adminPassword,
      connectionString: this.connectionString,
    });
  }
}

/** "orders-db" -> "ordersDb" (the config key of its password). */
function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Checks a Database's args; returns its monthly price. The first problem raises an InputPropertyError. */
function validateDatabaseArgs(args: DatabaseArgs): number {
  const p = args.placement;
  const d = args.database;
  if (!d || (d.engine !== "postgres" && d.engine !== "mysql")) {
    badArg("database", "must be a validated database spec (validateSpec(...).databases). To fix: pass one entry of a validated spec's databases.");
  }
  if (!p || !CLOUDS.includes(p.cloud)) badArg("placement.cloud", `must be aws, azure or gcp, got ${JSON.stringify(p?.cloud)}. To fix: pass { cloud, region, instanceClass }.`);
  if (!catalog().region(p.cloud, p.region)) {
    badArg("placement.region", `${p.region} is not a ${p.cloud} region cloudfit knows. To fix: use a region of the price catalog, e.g. from cloudfit plan.`);
  }
  const cls = classShape(d.engine, p.instanceClass);
  if (!cls || cls.cloud !== p.cloud) {
    badArg("placement.instanceClass", `${JSON.stringify(p.instanceClass)} is not a class of ${p.cloud} for ${d.engine}. To fix: use the class cloudfit plan chose, e.g. db.m6g.large, Standard_D2ds_v5 or db-custom-2-8192.`);
  }
  if (args.network && (args.network.cloud !== p.cloud || args.network.region !== p.region)) {
    badArg("network", `is the network of ${args.network.cloud}:${args.network.region}, not of ${p.cloud}:${p.region}. To fix: pass the network of the database's region, or none.`);
  }
  for (const r of args.ingress ?? []) {
    if (r.port !== d.port) badArg("ingress", `admits port ${r.port}, but ${d.engine} listens on ${d.port}. To fix: use port ${d.port}.`);
  }
  const offer = placedDatabaseOffer(catalog(), d, p);
  if (!offer) badArg("placement", `${p.instanceClass} in ${p.cloud}:${p.region} cannot hold ${d.storageGiB} GiB as asked. To fix: place the database again with cloudfit plan.`);
  return Math.round(offer.monthlyUSD * 100) / 100;
}
