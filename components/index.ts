// The components' public surface: Application, Service, Bucket, Database and Network, with the placement
// resolution, tagging and address plan they share.

export * from "./application";
export * from "./service";
export * from "./bucket";
export * from "./database";
export * from "./network";
export * from "./placement";
export { TAG_KEYS, SHARED_SERVICE, workloadTags, awsTags, azureTags, gcpLabels } from "./tags";
export type { TagContext } from "./tags";
export { ADDRESS_SPACE, regionCidr } from "./addressing";
export { DEFAULT_IMAGES } from "./images";
export type { ImageSet, MachineArch } from "./images";
export type { OwnershipArgs } from "./common";
export type { RegionContext } from "./providers";
