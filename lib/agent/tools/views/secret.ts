// Secrets: names, types and key names only. Values never leave this view, in the list or in describe.
import { nameColumn } from './generic.ts';
import { column, type KindView } from './view.ts';

export const secretView: KindView = {
  list: {
    columns: [
      nameColumn,
      column('TYPE', (item) => String(item.type ?? '')),
      column('KEYS', (item) => Object.keys(item.data ?? {}).join(',')),
    ],
  },
  describe: (object) => [
    `type: ${object.type ?? '?'} keys: ${Object.keys(object.data ?? {}).join(', ') || '(none)'}`,
  ],
};
