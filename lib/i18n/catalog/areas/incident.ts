// Catalogue area "incident": an incident's thread: joined alerts, escalation, resolved, firing again. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {};

export const zhCN: AreaCatalog<typeof en> = {};
