// The regions that have help contacts (data/help/regions.json), in a module of their own so that storage can
// check a stored choice without loading the region decision's time-zone tables.
export const REGION_CODES = ['GB-EAW', 'GB-SCT', 'GB-NIR', 'IE', 'US', 'CA', 'AU', 'EU', 'WORLD'] as const;
export type RegionCode = (typeof REGION_CODES)[number];
