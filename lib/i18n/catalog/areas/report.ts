// Catalogue area "report": the alert report message, its summary and chain, the AI follow-up, the report page's findings. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {};

export const zhCN: AreaCatalog<typeof en> = {};
