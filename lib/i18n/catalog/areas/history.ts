// Catalogue area "history": probes, restarts and Warning events by recency; failed Jobs and CronJobs. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {};

export const zhCN: AreaCatalog<typeof en> = {};
