// Database offers: for a database of the spec, the classes of each allowed region priced by the
// same price rules `preview` and the budget policy use, on the very resources the Database
// component emits (optimizer/database-shape.ts). So plan and preview agree to the cent.

import type { Catalog, RegionInfo } from "./catalog";
import { classShape, DatabaseClass, fittingClasses } from "./database-classes";
import { databasePricingResources } from "./database-shape";
import { estimateResource } from "./pricing/estimate";
import { RuleContext } from "./pricing/context";
import type { Cloud, NormalizedDatabase } from "./spec";

/** One way to run a database: a class in a region, with its monthly price. */
export interface DatabaseOffer {
  readonly cloud: Cloud;
  readonly region: string;
  readonly instanceClass: string;
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Instances (primary, standby, read replicas) per month. */
  readonly computeUSD: number;
  /** Storage and provisioned IOPS of every instance per month. */
  readonly storageUSD: number;
  readonly monthlyUSD: number;
}

/** The offer of one class in one region, or undefined when the rules cannot price it there. */
export function priceDatabaseOffer(catalog: Catalog, db: NormalizedDatabase, cls: DatabaseClass, region: string): DatabaseOffer | undefined {
  const ctx = new RuleContext(catalog, {}, []);
  let compute = 0;
  let storage = 0;
  for (const r of databasePricingResources(db, cls.cloud, region, cls.instanceClass)) {
    const e = estimateResource(r, ctx);
    if (e.billing === "unpriced" || e.monthlyUSD === null) return undefined;
    for (const c of e.components) {
      if (c.kind === "compute") compute += c.monthlyUSD ?? 0;
      else if (c.kind === "storage") storage += c.monthlyUSD ?? 0;
    }
  }
  return {
    cloud: cls.cloud,
    region,
    instanceClass: cls.instanceClass,
    vcpus: cls.vcpus,
    memoryGiB: cls.memoryGiB,
    computeUSD: compute,
    storageUSD: storage,
    monthlyUSD: compute + storage,
  };
}

/** The classes a database may use in a cloud: its instanceClass alone, or every fitting one. */
export function databaseClasses(db: NormalizedDatabase, cloud: Cloud, allowBurstable: boolean): DatabaseClass[] {
  if (db.instanceClass) {
    const c = classShape(db.engine, db.instanceClass);
    return c && c.cloud === cloud ? [c] : [];
  }
  // Burstable classes cannot carry a standby (Azure refuses HA on B series; AWS and Google
  // document them for development only), so HA databases use standard classes.
  return fittingClasses(cloud, db.engine, db.vcpu, db.memoryGiB, allowBurstable && db.ha === "none");
}

/** Every priced offer of a database in one region, cheapest first (ties by class name). */
export function databaseOffersIn(catalog: Catalog, db: NormalizedDatabase, r: RegionInfo, allowBurstable: boolean): DatabaseOffer[] {
  const out: DatabaseOffer[] = [];
  for (const cls of databaseClasses(db, r.cloud, allowBurstable)) {
    const o = priceDatabaseOffer(catalog, db, cls, r.region);
    if (o) out.push(o);
  }
  return out.sort((a, b) => a.monthlyUSD - b.monthlyUSD || (a.instanceClass < b.instanceClass ? -1 : a.instanceClass > b.instanceClass ? 1 : 0));
}

/** The offer of a placed database (its class in its region), or undefined when it cannot be priced. */
export function placedDatabaseOffer(
  catalog: Catalog,
  db: NormalizedDatabase,
  p: { readonly cloud: Cloud; readonly region: string; readonly instanceClass: string },
): DatabaseOffer | undefined {
  const cls = classShape(db.engine, p.instanceClass);
  if (!cls || cls.cloud !== p.cloud) return undefined;
  return priceDatabaseOffer(catalog, db, cls, p.region);
}
