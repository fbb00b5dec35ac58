import { loadCatalog } from "../optimizer/catalog";
const c = loadCatalog();
console.log("gcp ew4 internet", c.internetEgressPerGiB("gcp","europe-west4"));
console.log("gcp ew4->usw1", c.transferPerGiB("gcp","europe-west4","gcp","us-west1"));
console.log("gcp ew4->asia-ne1", c.transferPerGiB("gcp","europe-west4","gcp","asia-northeast1"));
console.log("gcp ew3->ew4", c.transferPerGiB("gcp","europe-west3","gcp","europe-west4"));
console.log("gcp ane1 internet", c.internetEgressPerGiB("gcp","asia-northeast1"));
console.log("gcp ane1->ew4", c.transferPerGiB("gcp","asia-northeast1","gcp","europe-west4"));
console.log("gcp ew3 internet", c.internetEgressPerGiB("gcp","europe-west3"));
