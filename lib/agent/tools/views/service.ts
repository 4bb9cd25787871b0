// Services: type, ports (port→targetPort) and selector, the facts behind "no endpoints".
import { labels } from './fields.ts';
import { nameColumn } from './generic.ts';
import { column, type KindView } from './view.ts';

interface PortLike {
  name?: string;
  port?: number;
  targetPort?: unknown;
}

export const serviceView: KindView = {
  list: {
    columns: [
      nameColumn,
      column('TYPE', (item) => String(item.spec?.type ?? 'ClusterIP')),
      column('PORTS', (item) =>
        ((item.spec?.ports ?? []) as PortLike[])
          .map((port) => `${port.port}→${port.targetPort ?? port.port}`)
          .join(','),
      ),
      column('SELECTOR', (item) => labels(item.spec?.selector)),
    ],
  },
  describe(object) {
    const spec = object.spec ?? {};
    return [
      `type: ${spec.type ?? 'ClusterIP'} selector: ${labels(spec.selector) || '(none)'}`,
      `ports: ${((spec.ports ?? []) as PortLike[]).map((port) => `${port.name ?? ''}:${port.port}→${port.targetPort ?? port.port}`).join(', ')}`,
    ];
  },
};
