// Small responses in each price feed's documented format, written for the refresh tests: an AWS
// Price List bulk offer file, two Azure Retail Prices API pages, two Cloud Billing Catalog pages.

/** An EC2 offer file excerpt: one Linux on-demand price, plus rows the reader must skip. */
export const AWS_OFFER = {
  formatVersion: "v1.0",
  offerCode: "AmazonEC2",
  publicationDate: "2026-11-02T18:00:00Z",
  products: {
    SKU1: { sku: "SKU1", productFamily: "Compute Instance", attributes: { instanceType: "m5.xlarge", regionCode: "eu-west-1", operatingSystem: "Linux", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used", vcpu: "4", memory: "16 GiB" } },
    SKU2: { sku: "SKU2", productFamily: "Compute Instance", attributes: { instanceType: "m5.xlarge", regionCode: "eu-west-1", operatingSystem: "Windows", tenancy: "Shared", preInstalledSw: "NA", capacitystatus: "Used" } },
    SKU3: { sku: "SKU3", productFamily: "Compute Instance", attributes: { instanceType: "m5.xlarge", regionCode: "eu-west-1", operatingSystem: "Linux", tenancy: "Dedicated", preInstalledSw: "NA", capacitystatus: "Used" } },
    SKU4: { sku: "SKU4", productFamily: "Storage", attributes: { volumeApiName: "gp3", regionCode: "eu-west-1" } },
  },
  terms: {
    OnDemand: {
      SKU1: { "SKU1.JRTCKXETXF": { priceDimensions: { "SKU1.JRTCKXETXF.6YS6EN2CT7": { unit: "Hrs", pricePerUnit: { USD: "0.2200000000" } } } } },
      SKU2: { "SKU2.JRTCKXETXF": { priceDimensions: { "SKU2.JRTCKXETXF.6YS6EN2CT7": { unit: "Hrs", pricePerUnit: { USD: "0.4040000000" } } } } },
      SKU3: { "SKU3.JRTCKXETXF": { priceDimensions: { "SKU3.JRTCKXETXF.6YS6EN2CT7": { unit: "Hrs", pricePerUnit: { USD: "0.2350000000" } } } } },
    },
  },
};

const azureItem = (armSkuName: string, skuName: string, retailPrice: number, productName = "Virtual Machines Dsv5 Series") => ({
  currencyCode: "USD",
  retailPrice,
  unitPrice: retailPrice,
  armRegionName: "westeurope",
  location: "EU West",
  effectiveStartDate: "2026-10-01T00:00:00Z",
  productName,
  skuName,
  serviceName: "Virtual Machines",
  unitOfMeasure: "1 Hour",
  type: "Consumption",
  armSkuName,
});

/** Two pages of the Azure Retail Prices API. */
export const AZURE_PAGES = [
  { BillingCurrency: "USD", Items: [azureItem("Standard_D2s_v5", "D2s v5", 0.11), azureItem("Standard_D2s_v5", "D2s v5", 0.21, "Virtual Machines Dsv5 Series Windows")], NextPageLink: "https://prices.azure.com/api/retail/prices?$skip=100", Count: 2 },
  { BillingCurrency: "USD", Items: [azureItem("Standard_D2s_v5", "D2s v5 Spot", 0.025), azureItem("Standard_D2s_v5", "D2s v5 Low Priority", 0.02)], NextPageLink: null, Count: 2 },
];

const sku = (description: string, usageType: string, unit: string, nanos: number) => ({
  skuId: description,
  description,
  category: { serviceDisplayName: "Compute Engine", resourceFamily: "Compute", resourceGroup: "N2Standard", usageType },
  serviceRegions: ["europe-west4"],
  pricingInfo: [{ effectiveTime: "2026-11-01T00:00:00Z", pricingExpression: { usageUnit: unit, tieredRates: [{ startUsageAmount: 0, unitPrice: { currencyCode: "USD", units: "0", nanos } }] } }],
});

/** Two pages of Compute Engine SKUs from the Cloud Billing Catalog. */
export const GCP_PAGES = [
  { skus: [sku("N2 Instance Core running in Netherlands", "OnDemand", "h", 35000000), sku("N2 Instance Ram running in Netherlands", "OnDemand", "GiBy.h", 4700000)], nextPageToken: "p2" },
  { skus: [sku("Spot Preemptible N2 Instance Core running in Netherlands", "Preemptible", "h", 9000000), sku("Spot Preemptible N2 Instance Ram running in Netherlands", "Preemptible", "GiBy.h", 1200000)], nextPageToken: "" },
];

