// From a sync failure's texts (operationState.message, each syncResult resource's message, the conditions) to what
// went wrong: the class, the resource, the field path, the offending value and the one thing to change.
import { render, type Text, verbatim } from '../i18n/index.ts';
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
  /** `detail` kept language-neutral. */
  detailText?: Text;
  /** `fix` kept language-neutral. */
  fixText?: Text;
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

const describe = (resource: ObjectRef | undefined): Text => ({
  key: 'cluster.argoResource',
  params: resource ? { kind: resource.kind, name: resource.name } : { kind: 'none' },
});

/** A cause's detail and fix in both forms: the English as before and their Texts. */
const words = (detail: Text, fix: Text) => ({
  detail: render(detail, 'en'),
  fix: render(fix, 'en'),
  detailText: detail,
  fixText: fix,
});

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
  const cause = (resource: ObjectRef | undefined, field: string, what: Text, fix: Text, value?: string) => {
    const shown = value !== undefined && !secret(resource) ? clip(value, MAX_VALUE) : undefined;
    return {
      class: 'invalid-manifest' as const,
      ...(resource ? { resource } : {}),
      field,
      ...(shown !== undefined ? { value: shown } : {}),
      ...words(
        {
          key: 'cluster.argoInvalid',
          params: { resource: describe(resource), field, what, value: shown ?? 'none' },
        },
        fix,
      ),
    };
  };
  const unknownField: Text = { key: 'cluster.argoUnknownField' };
  const expected = (type: string, got: string): Text => ({
    key: 'cluster.argoExpected',
    params: { expected: type, got },
  });
  const writeAs = (field: string, type: string): Text => ({
    key: 'cluster.argoWriteAs',
    params: { field, type },
  });
  const setField = (field: string): Text => ({ key: 'cluster.argoSetField', params: { field } });
  // kubectl's client-side validation: `error validating data: ValidationError(Deployment.spec…): unknown field "x" in …`.
  let match = /ValidationError\(([^)]+)\): unknown field "([^"]+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    const path = `${field ? `${field}.` : ''}${match[2]}`;
    return cause(resourceOf(context, text, kind), path, unknownField, {
      key: 'cluster.argoRemoveField',
      params: { field: match[2]! },
    });
  }
  match = /ValidationError\(([^)]+)\): invalid type for [\w.]+: got "(\w+)", expected "(\w+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    return cause(
      resourceOf(context, text, kind),
      field,
      expected(match[3]!, match[2]!),
      writeAs(field, match[3]!),
    );
  }
  match = /ValidationError\(([^)]+)\): missing required field "([^"]+)"/.exec(text);
  if (match) {
    const { kind, field } = splitValidationPath(match[1]!);
    const path = `${field ? `${field}.` : ''}${match[2]}`;
    return cause(resourceOf(context, text, kind), path, { key: 'cluster.argoRequired' }, setField(path));
  }
  // Server-side field validation (kubectl ≥ 1.25): `strict decoding error: unknown field "spec.x"`.
  match = /strict decoding error: unknown field "([^"]+)"/.exec(text);
  if (match)
    return cause(resourceOf(context, text), match[1]!, unknownField, {
      key: 'cluster.argoRemoveFieldShort',
      params: { field: match[1]! },
    });
  // The API server decoding JSON: `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
  match = /cannot unmarshal (\w+) into Go struct field \w+\.([\w.[\]]+) of type (\w+)/.exec(text);
  if (match)
    return cause(
      resourceOf(context, text),
      match[2]!,
      expected(match[3]!, match[1]!),
      writeAs(match[2]!, match[3]!),
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
    return cause(resourceOf(context, text), field, expected('numeric', 'string'), writeAs(field, 'number'));
  }
  // The API server's own validation: `Deployment.apps "x" is invalid: spec.…image: Required value` (first of a list).
  match =
    /is invalid: \[?([\w.[\]-]+): (Required value|Invalid value|Unsupported value|Duplicate value)(?:: ("(?:[^"\\]|\\.)*"|[^,:\]]+))?(?:: ([^,\]]+))?/.exec(
      text,
    );
  if (match) {
    const [, field, what, value, reason] = match;
    const fix: Text =
      what === 'Required value'
        ? setField(field!)
        : {
            key: 'cluster.argoCorrect',
            params: { field: field!, reason: reason ? clip(oneLine(reason), 120) : 'none' },
          };
    // Kubernetes' own words, except the one we say too.
    const said: Text = what === 'Required value' ? { key: 'cluster.argoRequired' } : verbatim(what!);
    return cause(resourceOf(context, text), field!, said, fix, value?.trim());
  }
  return undefined;
}

const CREATE_NAMESPACE = 'CreateNamespace=true';

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
      ...words(
        {
          key: 'cluster.argoNoNamespace',
          params: { resource: context.resource ? describe(context.resource) : 'none', name },
        },
        helps
          ? {
              key: 'cluster.argoAddCreateNs',
              params: { option: CREATE_NAMESPACE, field: 'syncOptions', name },
            }
          : destination
            ? { key: 'cluster.argoCreateNsFailed', params: { option: CREATE_NAMESPACE, name } }
            : {
                key: 'cluster.argoCreateNsInRepo',
                params: { option: CREATE_NAMESPACE, name, destination: state.destinationNamespace || 'none' },
              },
      ),
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
      ...words(
        { key: 'cluster.argoNsUnmanaged', params: { kind: kind!, resource: resourceName!, name: name! } },
        {
          key: 'cluster.argoAddManagedNs',
          params: { name: name!, kind: kind!, resource: resourceName!, option: CREATE_NAMESPACE },
        },
      ),
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
    ...words(
      {
        key: denied ? 'cluster.argoWebhookDenied' : 'cluster.argoWebhookFailed',
        params: { resource: describe(resource), name, said },
      },
      denied
        ? { key: 'cluster.argoSatisfyPolicy', params: { name } }
        : {
            key: 'cluster.argoWebhookUp',
            params: {
              service: service
                ? `${service.namespace ? `${service.namespace}/` : ''}${service.name}`
                : 'none',
            },
          },
    ),
  };
}

function immutableField(text: string, context: Context): ArgoCause | undefined {
  const statefulSet = /updates to statefulset spec for fields other than ([^\n]*?) are forbidden/.exec(text);
  const immutable = /is invalid: ([\w.[\]-]+): (?:Invalid value: .*?: )?field is immutable/s.exec(text);
  if (!statefulSet && !immutable) return undefined;
  const resource = resourceOf(context, text);
  const field = immutable ? immutable[1]! : 'spec';
  const what: Text = statefulSet
    ? { key: 'cluster.argoStatefulSetOnly', params: { fields: clip(statefulSet[1]!, 160) } }
    : { key: 'cluster.argoImmutable' };
  return {
    class: 'immutable-field',
    ...(resource ? { resource } : {}),
    field,
    ...words(
      { key: 'cluster.argoInvalid', params: { resource: describe(resource), field, what, value: 'none' } },
      {
        key: 'cluster.argoRevertImmutable',
        params: { field, resource: describe(resource), option: 'Replace=true' },
      },
    ),
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
  const repo = source.repoURL ?? 'none';
  const where: Text = {
    key: 'cluster.argoWhere',
    params: {
      repo,
      path: source.path || 'none',
      chart: !source.path && source.chart ? source.chart : 'none',
      revision: source.targetRevision || 'none',
    },
  };
  const said = clip(oneLine(text.replace(/\s*\(retried \d+ times?\)\.?$/, '')), 240);
  const check: Text = /app path does not exist/.test(text)
    ? {
        key: 'cluster.argoCheckPath',
        params: { path: source.path || 'none', repo, revision: source.targetRevision ?? 'HEAD' },
      }
    : /not permitted in project|allowed destinations/.test(text)
      ? {
          key: 'cluster.argoCheckProject',
          params: { project: project ?? 'default', repos: 'sourceRepos', destinations: 'destinations' },
        }
      : /to a commit SHA/.test(text)
        ? {
            key: 'cluster.argoCheckRevision',
            params: { field: 'targetRevision', revision: source.targetRevision || 'none', repo },
          }
        : /authentication required|repository not found/i.test(text)
          ? { key: 'cluster.argoCheckCredentials', params: { repo } }
          : {
              key: 'cluster.argoRenderLocally',
              params: { where, commands: 'helm template / kustomize build' },
            };
  return {
    class: 'source',
    resource: { kind: 'Application', namespace, name: app },
    ...words({ key: 'cluster.argoCannotRender', params: { app, where, said } }, check),
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
          ...words(
            {
              key: 'cluster.argoHookFailed',
              params: {
                hook: String(r.hookType),
                kind: r.kind,
                name: r.name,
                message: r.message ? clip(oneLine(r.message), 160) : 'none',
              },
            },
            { key: 'cluster.argoFixHook', params: { kind: r.kind, name: r.name } },
          ),
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
        ...words(
          {
            key: 'cluster.argoResourceHealth',
            params: {
              kind: r.kind,
              name: r.name,
              status: String(r.health?.status),
              message: r.health?.message ? clip(oneLine(r.health.message), 160) : 'none',
            },
          },
          verbatim(`kubectl -n ${namespace ?? 'default'} describe ${r.kind.toLowerCase()} ${r.name}`),
        ),
      });
    }
    return causes;
  }
  if (state.syncStatus === 'OutOfSync' || state.syncStatus === 'Unknown') {
    const drifted = state.tracked.filter((r) => r.status === 'OutOfSync');
    if (causes.length === 0)
      add({
        class: 'out-of-sync',
        ...words(
          drifted.length > 0
            ? {
                key: 'cluster.argoDrifted',
                params: {
                  count: drifted.length,
                  list: `${drifted
                    .slice(0, 5)
                    .map((r) => `${r.kind} ${r.name}`)
                    .join(', ')}${drifted.length > 5 ? ', …' : ''}`,
                },
              }
            : { key: 'cluster.argoSyncStatus', params: { status: String(state.syncStatus) } },
          { key: 'cluster.argoDiff', params: { command: `argocd app diff ${state.app}` } },
        ),
      });
  }
  return causes;
}
