// What an action will do, in the reader's language: the action catalog's line is English; the others say it here.
import type { Locale } from '../locale/index.ts';
import { t } from './format.ts';
import type { MessageKey } from './keys.ts';

const actionKey: Record<string, MessageKey> = {
  restart: 'action.restart',
  scale: 'action.scale',
  'delete-pod': 'action.delete-pod',
  rollback: 'action.rollback',
};

export interface DescribedAction {
  action: string;
  target: { kind: string; namespace?: string | undefined; name: string };
  replicas?: number | undefined;
}

/** `english` (the catalog's own description) in en or for an action without a translation; else its translation. */
export function actionDescription(proposal: DescribedAction, english: string, locale: Locale): string {
  const key = actionKey[proposal.action];
  if (locale === 'en' || !key) return english;
  const { kind, namespace, name } = proposal.target;
  return t(locale, key, {
    object: `${kind} ${namespace ? `${namespace}/` : ''}${name}`,
    replicas: proposal.replicas ?? 0,
  });
}
