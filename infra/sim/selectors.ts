// Label and field selectors with the API server's grammar and its error messages.
import type { K8sObject } from '../../lib/cluster/index.ts';
import type { KindInfo } from './kinds.ts';

export class SelectorError extends Error {}

type Matcher = (object: K8sObject) => boolean;

// Splits on commas outside parentheses: `app in (a,b),tier!=db` → two requirements.
function splitRequirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function checkKey(key: string, selector: string): string {
  if (!LABEL_KEY.test(key))
    throw new SelectorError(`unable to parse requirement: invalid label key "${key}" in "${selector}"`);
  return key;
}

/** `=`, `==`, `!=`, `in`, `notin`, `key` (exists) and `!key`, comma-joined (all must hold). */
export function parseLabelSelector(selector: string): Matcher {
  const matchers: Matcher[] = splitRequirements(selector).map((requirement) => {
    const labels = (object: K8sObject) => object.metadata.labels ?? {};
    let match = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(requirement);
    if (match) {
      const key = checkKey(match[1]!, selector);
      const values = new Set(
        match[3]!
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      );
      if (match[2] === 'in') return (object) => values.has(labels(object)[key] ?? '\0');
      return (object) => !values.has(labels(object)[key] ?? '\0');
    }
    match = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(requirement);
    if (match) {
      const key = checkKey(match[1]!, selector);
      const value = match[3]!;
      if (match[2] === '!=') return (object) => labels(object)[key] !== value;
      return (object) => labels(object)[key] === value;
    }
    match = /^!\s*(\S+)$/.exec(requirement);
    if (match) {
      const key = checkKey(match[1]!, selector);
      return (object) => !(key in labels(object));
    }
    const key = checkKey(requirement, selector);
    return (object) => key in labels(object);
  });
  return (object) => matchers.every((matcher) => matcher(object));
}

// Field labels each resource supports, as the API server registers them; anything else is rejected.
const COMMON_FIELDS = ['metadata.name', 'metadata.namespace'];
const FIELDS: Record<string, string[]> = {
  '/v1/pods': [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  '/v1/events': [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  'events.k8s.io/v1/events': [
    'regarding.kind',
    'regarding.namespace',
    'regarding.name',
    'regarding.uid',
    'regarding.apiVersion',
    'regarding.resourceVersion',
    'regarding.fieldPath',
    'reason',
    'reportingController',
    'type',
  ],
  '/v1/secrets': ['type'],
  '/v1/nodes': ['spec.unschedulable'],
  '/v1/namespaces': ['status.phase'],
  'apps/v1/replicasets': ['status.replicas'],
  'batch/v1/jobs': ['status.successful'],
};

function fieldValue(object: K8sObject, path: string): string {
  if (path === 'source') return String(object.source?.component ?? '');
  // biome-ignore lint/suspicious/noExplicitAny: walking a raw API object by a dotted path
  let value: any = object;
  for (const part of path.split('.')) value = value?.[part];
  return value === undefined || value === null ? '' : String(value);
}

/** `field=value`, `field==value`, `field!=value`, comma-joined, over the fields the resource supports. */
export function parseFieldSelector(selector: string, kind: KindInfo): Matcher {
  const allowed = new Set([
    ...COMMON_FIELDS,
    ...(FIELDS[`${kind.group}/${kind.version}/${kind.plural}`] ?? []),
  ]);
  const matchers: Matcher[] = splitRequirements(selector).map((requirement) => {
    const match = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(requirement);
    if (!match) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${requirement}'`);
    const [, field, operator, value] = match as unknown as [string, string, string, string];
    if (!allowed.has(field)) throw new SelectorError(`field label not supported: ${field}`);
    if (operator === '!=') return (object) => fieldValue(object, field) !== value;
    return (object) => fieldValue(object, field) === value;
  });
  return (object) => matchers.every((matcher) => matcher(object));
}
