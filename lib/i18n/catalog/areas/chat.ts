// Catalogue area "chat": chat answers not yet in the main catalogue: tool heads, the agent's wrappers, rollout watch, expired approvals. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {};

export const zhCN: AreaCatalog<typeof en> = {};
