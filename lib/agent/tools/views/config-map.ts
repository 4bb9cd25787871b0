// ConfigMaps: listed like any kind; describe shows the first keys and their (cut) values.
import { genericView } from './generic.ts';
import type { KindView } from './view.ts';

export const configMapView: KindView = {
  list: genericView.list,
  describe: (object) =>
    Object.entries((object.data ?? {}) as Record<string, string>)
      .slice(0, 20)
      .map(([key, value]) => `${key}: ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`),
};
