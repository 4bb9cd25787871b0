// From a sync failure's texts (operationState.message, each syncResult resource's message, the conditions) to what
// went wrong: the class, the resource, the field path, the offending value and the one thing to change.
import type { ObjectRef } from '../report/index.ts';
import { type ApplicationState, type ArgoSyncedResource, failedPhase, unhealthy } from './state.ts';

/** The failure classes of issue 11, one list: the message, the finding's root cause and the tests derive from it. */
export const argoFailureClasses = [
  'invalid-manifest',
  'namespace',
  'admission-webhook',
  'immutable-field',
  'hook-failed',
  'source',
  'degraded',
  'out-of-sync',
] as const;
export type ArgoFailureClass = (typeof argoFailureClasses)[number];

export interface ArgoCause {
  class: ArgoFailureClass;
  /** The resource that failed (a Deployment, a Namespace, the hook Job, the Application for a source failure). */
  resource?: ObjectRef;
  /** The field path Kubernetes named, `spec.template.spec.containers[0].image`. */
  field?: string;
  /** The offending value as Kubernetes quoted it (never for a Secret). */
  value?: string;
  /** The line a person reads: `Deployment payments: spec.template.spec.containers[0].image: Required value`. */
  detail: string;
  /** The one thing to change, as advice (nothing here is ever done by itself). */
  fix: string;
  /** An admission webhook: its name and the Service it is served by, when the message names it. */
  webhook?: { name: string; unreachable: boolean; service?: { namespace?: string; name: string } };
  /** A missing or unmanaged namespace, and whether `CreateNamespace=true` would create it. */
  missingNamespace?: { name: string; createNamespaceHelps: boolean };
}

const MAX_VALUE = 80;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `Deployment.apps "checkout"` / `The Deployment "checkout"` → the resource a Kubernetes error names. */
function namedResource(text: string): { kind: string; name: string } | undefined {
  const match = /(?:The )?([A-Z][A-Za-z]+)(?:\.[a-z0-9.-]+)? "([^"]+)" is (?:invalid|forbidden)/.exec(text);
  return match ? { kind: match[1]!, name: match[2]! } : undefined;
}

const describe = (resource: ObjectRef | undefined) =>
  resource ? `${resource.kind} ${resource.name}` : 'a resource';

interface Context {
  state: ApplicationState;
  resource?: ObjectRef;
}

/** A resource's own name from a ValidationError path (`Deployment.spec.template…` → field `spec.template…`). */
function splitValidationPath(path: string): { kind: string; field: string } {
  const [kind, ...rest] = path.split('.');
  return { kind: kind ?? '', field: rest.join('.') };
}

function resourceOf(context: Context, text: string, kind?: string): ObjectRef | undefined {
  if (context.resource) return context.resource;
  const named = namedResource(text);
  const namespace = context.state.destinationNamespace;
  if (named) return { kind: named.kind, ...(namespace ? { namespace } : {}), name: named.name };
  return kind ? { kind, name: '(unnamed)' } : undefined;
}

function invalidManifest(text: string, context: Context): ArgoCause | undefined {
  const secret = (resource?: ObjectRef) => resource?.kind === 'Secret';
  const cause = (
    resource: ObjectRef | undefined,
    field: string,
    what: string,
    fix: string,
    value?: string,
  ) => {
    const shown = value !== undefined && !secret(resource) ? clip(value, MAX_VALUE) : undefined;
    return {
      class: 'invalid-manifest' as const,
      ...(resource ? { resource } : {}),
      field,
      ...(shown !== undefined ? { value: shown } : {}),
      detail: `${describe(resource)}: ${field}: ${what}${shown !== undefined ? `: ${shown}` : ''}`,
      fix,
    };
  };
  // kubectl's client-side validation: `error validating data: ValidationError(Deployment.spec…): unknown field "x" in …`.
  let match = /ValidationError\(([^)]+)\): unknown field "([^"]+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    const path = `${field ? `${field}.` : ''}${match[2]}`;
    return cause(
      resourceOf(context, text, kind),
      path,
      'unknown field',
      `remove ${match[2]} or correct its name (a typo, or a field this cluster's API version does not have)`,
    );
  }
  match = /ValidationError\(([^)]+)\): invalid type for [\w.]+: got "(\w+)", expected "(\w+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    return cause(
      resourceOf(context, text, kind),
      field,
      `expected ${match[3]}, got ${match[2]}`,
      `write ${field} as ${match[3] === 'string' ? 'a quoted string' : `a plain ${match[3]} (no quotes)`}`,
    );
  }
  match = /ValidationError\(([^)]+)\): missing required field "([^"]+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    const path = `${field ? `${field}.` : ''}${match[2]}`;
    return cause(resourceOf(context, text, kind), path, 'Required value', `set ${path} in the manifest`);
  }
  // Server-side field validation (kubectl ≥ 1.25): `strict decoding error: unknown field "spec.x"`.
  match = /strict decoding error: unknown field "([^"]+)"/.exec(text);
  if (match)
    return cause(
      resourceOf(context, text),
      match[1]!,
      'unknown field',
      `remove ${match[1]} or correct its name`,
    );
  // The API server decoding JSON: `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
  match = /cannot unmarshal (\w+) into Go struct field \w+\.([\w.[\]]+) of type (\w+)/.exec(text);
  if (match)
    return cause(
      resourceOf(context, text),
      match[2]!,
      `expected ${match[3]}, got ${match[1]}`,
      `write ${match[2]} as a plain ${match[3]} (no quotes)`,
    );
  // The API server's JSON decoder on a quoted number: `v1.Deployment.Spec: v1.DeploymentSpec.Replicas: readUint32:
  // unexpected character` (or `ReadNumber: expected numeric`); the chain of Go fields is the field path.
  match =
    /((?:\[\]v1\.\w+: )?(?:v1\.\w+\.\w+: (?:\[\]v1\.\w+: )?)+)(?:read(?:Uint|Int|Float)\d+: unexpected character|ReadNumber: expected numeric)/.exec(
      text,
    );
  if (match) {
    const field = [...match[1]!.matchAll(/v1\.\w+\.(\w+):/g)]
      .map(([, name]) => name!.charAt(0).toLowerCase() + name!.slice(1))
      .join('.');
    return cause(
      resourceOf(context, text),
      field,
      'expected numeric, got string',
      `write ${field} as a plain number (no quotes)`,
    );
  }
  // The API server's own validation: `Deployment.apps "x" is invalid: spec.…image: Required value` (first of a list).
  match =
    /is invalid: \[?([\w.[\]-]+): (Required value|Invalid value|Unsupported value|Duplicate value)(?:: ("(?:[^"\\]|\\.)*"|[^,:\]]+))?(?:: ([^,\]]+))?/.exec(
      text,
    );
  if (match) {
    const [, field, what, value, reason] = match;
    const fix =
      what === 'Required value'
        ? `set ${field} in the manifest`
        : `correct ${field}${reason ? ` (${clip(oneLine(reason), 120)})` : ''}`;
    return cause(resourceOf(context, text), field!, what!, fix, value?.trim());
  }
  return undefined;
}

function missingNamespace(text: string, context: Context): ArgoCause | undefined {
  const { state } = context;
  const createNamespace = state.syncOptions.includes('CreateNamespace=true');
  let match = /namespaces "([^"]+)" not found/.exec(text);
  if (match) {
    const name = match[1]!;
    const destination = name === state.destinationNamespace;
    const helps = destination && !createNamespace;
    return {
      class: 'namespace',
      resource: { kind: 'Namespace', name },
      ...(context.resource ? {} : {}),
      missingNamespace: { name, createNamespaceHelps: helps },
      detail: `${context.resource ? `${describe(context.resource)}: ` : ''}namespace ${name} does not exist`,
      fix: helps
        ? `add CreateNamespace=true to the Application's syncOptions (it creates the destination namespace ${name})`
        : destination
          ? `CreateNamespace=true is set but did not create ${name}: check that Argo CD may create namespaces on this cluster`
          : `create namespace ${name} in the repo (CreateNamespace=true creates only the destination namespace${state.destinationNamespace ? ` ${state.destinationNamespace}` : ''})`,
    };
  }
  // gitops-engine: `Namespace "test" for Service "archery" is not managed` (the cluster's `namespaces` list).
  match = /Namespace "([^"]+)" for (\w+) "([^"]+)" is not managed/.exec(text);
  if (match) {
    const [, name, kind, resourceName] = match;
    return {
      class: 'namespace',
      resource: { kind: kind!, namespace: name!, name: resourceName! },
      missingNamespace: { name: name!, createNamespaceHelps: false },
      detail: `${kind} ${resourceName}: namespace ${name} is not managed by Argo CD on this cluster`,
      fix: `add ${name} to the cluster's namespaces list in Argo CD (the cluster secret), or deploy ${kind} ${resourceName} to a managed namespace; CreateNamespace=true does not help`,
    };
  }
  return undefined;
}

function admissionWebhook(text: string, context: Context): ArgoCause | undefined {
  const denied = /admission webhook "([^"]+)" denied the request: ([^\n]*)/.exec(text);
  const failed = /failed calling webhook "([^"]+)": (.*)/.exec(text);
  const match = denied ?? failed;
  if (!match) return undefined;
  const name = match[1]!;
  // The URL it posted to says nothing a person acts on; the Service (below) does.
  const said = clip(
    oneLine(
      match[2]!
        .replace(/\s*\(retried \d+ times?\)\.?$/, '')
        .replace(/failed to call webhook: Post "[^"]*": /, ''),
    ),
    200,
  );
  const serviceName = /no endpoints available for service "([^"]+)"/.exec(text)?.[1];
  const url = /https:\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc[:/]/.exec(text);
  const service =
    url && (!serviceName || serviceName === url[1])
      ? { namespace: url[2]!, name: url[1]! }
      : serviceName
        ? { name: serviceName }
        : undefined;
  const resource = resourceOf(context, text);
  return {
    class: 'admission-webhook',
    ...(resource ? { resource } : {}),
    webhook: { name, unreachable: !denied, ...(service ? { service } : {}) },
    detail: denied
      ? `${describe(resource)}: admission webhook ${name} denied the request: ${said}`
      : `${describe(resource)}: admission webhook ${name} could not be called: ${said}`,
    fix: denied
      ? `change the manifest to satisfy the policy of ${name}, or ask its owners for an exception`
      : `bring the webhook's backend up${service ? ` (Service ${service.namespace ? `${service.namespace}/` : ''}${service.name})` : ''}, then sync again`,
  };
}

function immutableField(text: string, context: Context): ArgoCause | undefined {
  const statefulSet = /updates to statefulset spec for fields other than ([^\n]*?) are forbidden/.exec(text);
  const immutable = /is invalid: ([\w.[\]-]+): (?:Invalid value: .*?: )?field is immutable/s.exec(text);
  if (!statefulSet && !immutable) return undefined;
  const resource = resourceOf(context, text);
  const field = immutable ? immutable[1]! : 'spec';
  const what = statefulSet
    ? `only ${clip(statefulSet[1]!, 160)} may change on a StatefulSet`
    : 'field is immutable';
  return {
    class: 'immutable-field',
    ...(resource ? { resource } : {}),
    field,
    detail: `${describe(resource)}: ${field}: ${what}`,
    fix: `revert ${field} in the repo, or recreate ${describe(resource)}: the sync option Replace=true (or deleting it and syncing) replaces it; nothing was done`,
  };
}

function sourceFailure(text: string, context: Context): ArgoCause | undefined {
  if (
    !/ComparisonError|Failed to load target state|Manifest generation error|app path does not exist|is not permitted in project|do not match any of the allowed destinations|Unable to resolve .* to a commit SHA|repository not found|authentication required/i.test(
      text,
    )
  )
    return undefined;
  const { source, app, namespace, project } = context.state;
  const where = [
    source.repoURL ?? 'the repo',
    source.path ? `path ${source.path}` : source.chart ? `chart ${source.chart}` : undefined,
    source.targetRevision ? `at ${source.targetRevision}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const said = clip(oneLine(text.replace(/\s*\(retried \d+ times?\)\.?$/, '')), 240);
  const check = /app path does not exist/.test(text)
    ? `check that ${source.path ? `path ${source.path}` : 'the path'} exists in ${source.repoURL ?? 'the repo'} at ${source.targetRevision ?? 'HEAD'}`
    : /not permitted in project|allowed destinations/.test(text)
      ? `check AppProject ${project ?? 'default'}: its sourceRepos, destinations and resource whitelists`
      : /to a commit SHA/.test(text)
        ? `check that targetRevision ${source.targetRevision ?? ''} is a branch, tag or commit of ${source.repoURL ?? 'the repo'}`.replace(
            '  ',
            ' ',
          )
        : /authentication required|repository not found/i.test(text)
          ? `check the repository credentials Argo CD has for ${source.repoURL ?? 'the repo'}`
          : `render ${where} locally (helm template / kustomize build) and fix the error it shows`;
  return {
    class: 'source',
    resource: { kind: 'Application', namespace, name: app },
    detail: `Application ${app} could not render ${where}: ${said}`,
    fix: check,
  };
}

/** Order matters: an immutable field is also "Invalid value", a not-managed namespace also a ComparisonError. */
const byText = [missingNamespace, admissionWebhook, immutableField, invalidManifest, sourceFailure] as const;

/** The cause one text shows, if it shows one of the classes. */
export function classifyText(
  text: string,
  state: ApplicationState,
  resource?: ObjectRef,
): ArgoCause | undefined {
  const context: Context = resource ? { state, resource } : { state };
  for (const rule of byText) {
    const cause = rule(text, context);
    if (cause) return cause;
  }
  return undefined;
}

const refOfSynced = (r: ArgoSyncedResource, state: ApplicationState): ObjectRef => {
  const namespace = r.namespace ?? state.destinationNamespace;
  return { kind: r.kind, ...(namespace ? { namespace } : {}), name: r.name };
};

const failedHook = (r: ArgoSyncedResource) =>
  !!r.hookType && (r.hookPhase === 'Failed' || r.hookPhase === 'Error' || r.status === 'SyncFailed');

/** Every cause the Application's state shows, most specific first; empty when nothing is wrong or nothing is known. */
export function classify(state: ApplicationState): ArgoCause[] {
  const causes: ArgoCause[] = [];
  const add = (cause: ArgoCause | undefined) => {
    if (!cause) return;
    const same = causes.some(
      (c) => c.class === cause.class && c.resource?.name === cause.resource?.name && c.field === cause.field,
    );
    if (!same) causes.push(cause);
  };
  if (failedPhase(state)) {
    for (const r of state.synced) {
      const resource = refOfSynced(r, state);
      if (failedHook(r)) {
        add({
          class: 'hook-failed',
          resource,
          detail: `${r.hookType} hook ${r.kind} ${r.name} failed${r.message ? `: ${clip(oneLine(r.message), 160)}` : ''}`,
          fix: `fix what the hook ${r.kind} ${r.name} runs (its pod's log says why), then sync again`,
        });
      } else if (r.status === 'SyncFailed' && r.message) add(classifyText(r.message, state, resource));
    }
    // The operation's message and the conditions mostly repeat a resource's message: only a class not seen yet.
    const addNew = (cause: ArgoCause | undefined) => {
      if (cause && !causes.some((c) => c.class === cause.class)) add(cause);
    };
    for (const condition of state.conditions)
      if (condition.message) addNew(classifyText(condition.message, state));
    if (state.message) addNew(classifyText(state.message, state));
    return causes;
  }
  for (const condition of state.conditions)
    if (condition.message) add(classifyText(condition.message, state));
  if (unhealthy(state)) {
    for (const r of state.tracked.filter((t) => ['Degraded', 'Missing'].includes(t.health?.status ?? ''))) {
      const namespace = r.namespace ?? state.destinationNamespace;
      add({
        class: 'degraded',
        resource: { kind: r.kind, ...(namespace ? { namespace } : {}), name: r.name },
        detail: `${r.kind} ${r.name} is ${r.health?.status}${r.health?.message ? `: ${clip(oneLine(r.health.message), 160)}` : ''}`,
        fix: `kubectl -n ${namespace ?? 'default'} describe ${r.kind.toLowerCase()} ${r.name}`,
      });
    }
    return causes;
  }
  if (state.syncStatus === 'OutOfSync' || state.syncStatus === 'Unknown') {
    const drifted = state.tracked.filter((r) => r.status === 'OutOfSync');
    if (causes.length === 0)
      add({
        class: 'out-of-sync',
        detail:
          drifted.length > 0
            ? `${drifted.length} resource${drifted.length === 1 ? '' : 's'} drifted from git: ${drifted
                .slice(0, 5)
                .map((r) => `${r.kind} ${r.name}`)
                .join(', ')}${drifted.length > 5 ? ', …' : ''}`
            : `sync status is ${state.syncStatus}${state.syncStatus === 'Unknown' ? ': Argo CD could not compare the app with git' : ''}`,
        fix: `argocd app diff ${state.app}, then sync or revert the change made outside git`,
      });
  }
  return causes;
}
