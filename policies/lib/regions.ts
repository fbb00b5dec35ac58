// Where each cloud region is: country (ISO 3166-1 alpha-2) and continent, for the residency
// rule. Continents use the codes AF, AS, EU, NA, OC and SA (the Middle East counts as Asia, as
// in ISO 3166 usage); EU means Europe the continent, not the European Union. The table covers
// the public regions listed on each cloud's region page (AWS "Regions and Availability Zones",
// Azure "Azure geographies", Google Cloud "Regions and zones"); the tests check that it agrees
// with the price catalog wherever both know a region.

import type { Cloud } from "../../optimizer/spec";

/** Where a region (or multi-region location) is. */
export interface RegionPlace {
  /** Continent code: AF, AS, EU, NA, OC or SA. */
  readonly continent: string;
  /** ISO country code, or undefined for locations that span countries (GCS "EU", "EUR4"). */
  readonly country?: string;
}

/** Continent codes the residency rule accepts. */
export const CONTINENTS: readonly string[] = ["AF", "AS", "EU", "NA", "OC", "SA"];

function table(rows: string): ReadonlyMap<string, RegionPlace> {
  const map = new Map<string, RegionPlace>();
  for (const row of rows.trim().split(/\s*;\s*/)) {
    if (!row) continue;
    const [id, country, continent] = row.split(/\s+/);
    map.set(id, country === "-" ? { continent } : { continent, country });
  }
  return map;
}

const AWS = table(`
  us-east-1 US NA; us-east-2 US NA; us-west-1 US NA; us-west-2 US NA;
  us-gov-east-1 US NA; us-gov-west-1 US NA; ca-central-1 CA NA; ca-west-1 CA NA;
  mx-central-1 MX NA; sa-east-1 BR SA;
  eu-central-1 DE EU; eu-central-2 CH EU; eu-west-1 IE EU; eu-west-2 GB EU; eu-west-3 FR EU;
  eu-south-1 IT EU; eu-south-2 ES EU; eu-north-1 SE EU;
  af-south-1 ZA AF; il-central-1 IL AS; me-south-1 BH AS; me-central-1 AE AS;
  ap-east-1 HK AS; ap-east-2 TW AS; ap-south-1 IN AS; ap-south-2 IN AS;
  ap-northeast-1 JP AS; ap-northeast-2 KR AS; ap-northeast-3 JP AS;
  ap-southeast-1 SG AS; ap-southeast-2 AU OC; ap-southeast-3 ID AS; ap-southeast-4 AU OC;
  ap-southeast-5 MY AS; ap-southeast-6 NZ OC; ap-southeast-7 TH AS;
  cn-north-1 CN AS; cn-northwest-1 CN AS;
`);

const AZURE = table(`
  eastus US NA; eastus2 US NA; centralus US NA; northcentralus US NA; southcentralus US NA;
  westcentralus US NA; westus US NA; westus2 US NA; westus3 US NA;
  canadacentral CA NA; canadaeast CA NA; mexicocentral MX NA;
  brazilsouth BR SA; brazilsoutheast BR SA; chilecentral CL SA;
  northeurope IE EU; westeurope NL EU; uksouth GB EU; ukwest GB EU;
  francecentral FR EU; francesouth FR EU; germanywestcentral DE EU; germanynorth DE EU;
  switzerlandnorth CH EU; switzerlandwest CH EU; norwayeast NO EU; norwaywest NO EU;
  swedencentral SE EU; swedensouth SE EU; polandcentral PL EU; italynorth IT EU;
  spaincentral ES EU; austriaeast AT EU; belgiumcentral BE EU;
  eastasia HK AS; southeastasia SG AS; japaneast JP AS; japanwest JP AS;
  koreacentral KR AS; koreasouth KR AS; centralindia IN AS; southindia IN AS; westindia IN AS;
  jioindiawest IN AS; jioindiacentral IN AS; indonesiacentral ID AS; malaysiawest MY AS;
  uaenorth AE AS; uaecentral AE AS; qatarcentral QA AS; israelcentral IL AS;
  australiaeast AU OC; australiasoutheast AU OC; australiacentral AU OC;
  australiacentral2 AU OC; newzealandnorth NZ OC;
  southafricanorth ZA AF; southafricawest ZA AF; denmarkeast DK EU;
`);

const GCP = table(`
  us-central1 US NA; us-east1 US NA; us-east4 US NA; us-east5 US NA; us-south1 US NA;
  us-west1 US NA; us-west2 US NA; us-west3 US NA; us-west4 US NA;
  northamerica-northeast1 CA NA; northamerica-northeast2 CA NA; northamerica-south1 MX NA;
  southamerica-east1 BR SA; southamerica-west1 CL SA;
  europe-central2 PL EU; europe-north1 FI EU; europe-north2 SE EU; europe-southwest1 ES EU;
  europe-west1 BE EU; europe-west2 GB EU; europe-west3 DE EU; europe-west4 NL EU;
  europe-west6 CH EU; europe-west8 IT EU; europe-west9 FR EU; europe-west10 DE EU;
  europe-west12 IT EU;
  asia-east1 TW AS; asia-east2 HK AS; asia-northeast1 JP AS; asia-northeast2 JP AS;
  asia-northeast3 KR AS; asia-south1 IN AS; asia-south2 IN AS; asia-southeast1 SG AS;
  asia-southeast2 ID AS; asia-southeast3 TH AS; me-central1 QA AS; me-central2 SA AS; me-west1 IL AS;
  us-central2 US NA;
  australia-southeast1 AU OC; australia-southeast2 AU OC; africa-south1 ZA AF;
  eu - EU; us US NA; asia - AS;
  eur4 - EU; eur5 - EU; eur7 - EU; eur8 - EU; nam4 US NA; asia1 JP AS;
`);

const TABLES: Readonly<Record<Cloud, ReadonlyMap<string, RegionPlace>>> = {
  aws: AWS,
  azure: AZURE,
  gcp: GCP,
};

/** Where a region of a cloud is, or undefined for a region the table does not know. */
export function placeOf(cloud: Cloud, region: string): RegionPlace | undefined {
  return TABLES[cloud].get(region.trim().toLowerCase());
}

/** Every region id the table knows for a cloud. */
export function knownRegions(cloud: Cloud): string[] {
  return [...TABLES[cloud].keys()];
}
