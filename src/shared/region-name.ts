import type { RegionCode } from '../core/help-region';
import type { MessageKey } from './i18n';

/** The i18n key of a region's name (message names cannot hold hyphens): GB-SCT → region_GB_SCT. */
export const regionNameKey = (code: RegionCode) => `region_${code.replace('-', '_')}` as MessageKey;
