// The proxy's allow-list: a declarative policy (YAML/JSON, zod-validated) of verbs × API groups × resources ×
// namespaces, and the judgement of one request against it. Writes exist only in three guarded shapes.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { MAX_SCALE_REPLICAS, RESTARTED_AT_ANNOTATION } from '../../lib/actions/index.ts';
import { describeIssues } from '../../lib/validation/index.ts';
import { type ApiRequest, describeRequest, type Verb } from './request.ts';

// The catalog's restart sets this annotation; the proxy's restartAnnotation write allows nothing else.
export { RESTARTED_AT_ANNOTATION };

const noWildcard = 'wildcards are not allowed: list each one';
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name (lowercase DNS label)');
const apiGroup = z
  .string()
  .refine((g) => !g.includes('*'), noWildcard)
  .refine((g) => g === '' || /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(g), 'must be an API group name');
const resource = z
  .string()
  .refine((r) => !r.includes('*'), noWildcard)
  .refine(
    (r) => /^[a-z0-9]+(\/[a-z0-9]+)?$/.test(r),
    'must be `plural` or `plural/subresource` in lowercase',
  );
const nonResourceUrl = z
  .string()
  .refine((u) => u.startsWith('/'), 'must start with /')
  .refine((u) => !u.slice(0, -1).includes('*'), 'only a trailing * is allowed');
const verb = z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']);

const NamespaceSelectorSchema = z.strictObject({
  /** Only these namespaces (empty or absent: all). */
  include: z.array(dnsLabel).optional(),
  /** Never these namespaces. */
  exclude: z.array(dnsLabel).optional(),
});

/** The only writes the proxy can ever perform; each has a body check (see `checkWrite`). */
const WRITE_SHAPES = {
  restartAnnotation: {
    verbs: ['patch'],
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets', 'daemonsets'],
  },
  scale: {
    verbs: ['patch', 'update'],
    apiGroups: ['apps'],
    resources: ['deployments/scale', 'statefulsets/scale', 'replicasets/scale'],
  },
  podDelete: { verbs: ['delete'], apiGroups: [''], resources: ['pods'] },
} as const satisfies Record<string, { verbs: Verb[]; apiGroups: string[]; resources: string[] }>;
type WriteShape = keyof typeof WRITE_SHAPES;
const READ_VERBS = new Set<Verb>(['get', 'list', 'watch']);

const RuleSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][-a-z0-9]*$/, 'must be a lowercase name like `read-workloads`'),
    description: z.string().optional(),
    verbs: z.array(verb).min(1),
    apiGroups: z.array(apiGroup).min(1).optional(),
    resources: z.array(resource).min(1).optional(),
    nonResourceURLs: z.array(nonResourceUrl).min(1).optional(),
    namespaces: NamespaceSelectorSchema.optional(),
    /** Required on a rule that writes: which of the three guarded writes it allows. */
    write: z.enum(Object.keys(WRITE_SHAPES) as [WriteShape, ...WriteShape[]]).optional(),
    /** Upper bound of `spec.replicas` for `write: scale`. */
    maxReplicas: z.number().int().min(0).max(MAX_SCALE_REPLICAS).optional(),
  })
  .superRefine((rule, ctx) => {
    const hasResources = rule.resources !== undefined || rule.apiGroups !== undefined;
    if (rule.nonResourceURLs && hasResources)
      ctx.addIssue({
        code: 'custom',
        path: ['nonResourceURLs'],
        message: 'a rule names either nonResourceURLs or apiGroups+resources',
      });
    if (!rule.nonResourceURLs && !(rule.resources && rule.apiGroups))
      ctx.addIssue({
        code: 'custom',
        path: rule.resources ? ['apiGroups'] : ['resources'],
        message: 'a resource rule needs both apiGroups and resources',
      });
    if (rule.nonResourceURLs && rule.verbs.some((v) => v !== 'get'))
      ctx.addIssue({ code: 'custom', path: ['verbs'], message: 'nonResourceURLs allow only get' });
    for (const v of ['create', 'deletecollection'] as const) {
      if (rule.verbs.includes(v))
        ctx.addIssue({
          code: 'custom',
          path: ['verbs'],
          message: `${v} is never allowed: the proxy writes only rollout restarts, scale and pod deletes`,
        });
    }
    const writeVerbs = rule.verbs.filter((v) => !READ_VERBS.has(v));
    if (rule.maxReplicas !== undefined && rule.write !== 'scale')
      ctx.addIssue({
        code: 'custom',
        path: ['maxReplicas'],
        message: 'maxReplicas only applies to write: scale',
      });
    if (!rule.write) {
      if (writeVerbs.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['write'],
          message: `verbs ${writeVerbs.join(', ')} need write: restartAnnotation, scale or podDelete`,
        });
      return;
    }
    const shape = WRITE_SHAPES[rule.write];
    const outside = (values: readonly string[] | undefined, allowed: readonly string[]) =>
      (values ?? []).filter((value) => !allowed.includes(value));
    const badVerbs = outside(writeVerbs, shape.verbs);
    if (badVerbs.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['verbs'],
        message: `write: ${rule.write} allows only ${shape.verbs.join(', ')} (got ${badVerbs.join(', ')})`,
      });
    const badGroups = outside(rule.apiGroups, shape.apiGroups);
    if (badGroups.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['apiGroups'],
        message: `write: ${rule.write} applies only to API group ${shape.apiGroups.map((g) => `'${g}'`).join(', ')}`,
      });
    const badResources = outside(rule.resources, shape.resources);
    if (badResources.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['resources'],
        message: `write: ${rule.write} applies only to ${shape.resources.join(', ')} (got ${badResources.join(', ')})`,
      });
    if (rule.write === 'scale' && rule.maxReplicas === undefined)
      ctx.addIssue({ code: 'custom', path: ['maxReplicas'], message: 'write: scale needs maxReplicas' });
  });

const LimitsSchema = z.strictObject({
  /** Log responses are cut to their last this many bytes. */
  maxLogBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(256 * 1024),
  /** Any other response larger than this is refused (502), never passed on unredacted. */
  maxResponseBytes: z
    .number()
    .int()
    .min(64 * 1024)
    .max(256 * 1024 * 1024)
    .default(32 * 1024 * 1024),
  maxRequestBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024)
    .default(64 * 1024),
  /** Timeout of one request to the API server. */
  requestTimeoutSeconds: z.number().min(1).max(300).default(20),
  /** Requests in flight at once; more get 429. */
  maxConcurrentRequests: z.number().int().min(1).max(1000).default(16),
});

/**
 * The proxy reads the Secret values of the namespaces it serves (in memory only, never logged or passed on) to
 * mask them wherever they show up in an answer: a log line, an Event, an annotation, a ConfigMap. Off, a value an
 * app prints reaches the caller unless it has a credential's shape. The chart grants `list` on Secrets for it.
 */
const SecretValueMaskingSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** How often the values are read again (a new or rotated Secret is masked from then on). */
  refreshSeconds: z.number().int().min(5).max(3600).default(60),
});

export const PolicySchema = z
  .strictObject({
    apiVersion: z.literal('kube-responder.dev/v1'),
    kind: z.literal('ProxyPolicy'),
    namespaces: NamespaceSelectorSchema.default({}),
    limits: LimitsSchema.default(LimitsSchema.parse({})),
    secretValueMasking: SecretValueMaskingSchema.default(SecretValueMaskingSchema.parse({})),
    rules: z.array(RuleSchema).min(1),
  })
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, index) => {
      if (seen.has(rule.name))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `duplicate rule name ${rule.name}`,
        });
      seen.add(rule.name);
    });
  });

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyRule = z.infer<typeof RuleSchema>;
export type NamespaceSelector = z.infer<typeof NamespaceSelectorSchema>;

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Validates a parsed policy document; the error names every bad field (`rules[2].verbs: …`). */
export function parsePolicy(document: unknown, source = 'policy'): Policy {
  const parsed = PolicySchema.safeParse(document);
  if (!parsed.success) {
    throw new PolicyError(
      `${source} is invalid: ${describeIssues(parsed.error, { whole: '(top level)', max: Infinity })}`,
    );
  }
  return parsed.data;
}

/** Reads a policy file (YAML or JSON; JSON is YAML). */
export function loadPolicy(path: string): Policy {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyError(`cannot read policy file ${path}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new PolicyError(`policy file ${path} is not valid YAML: ${(error as Error).message}`);
  }
  return parsePolicy(document, `policy file ${path}`);
}

export function namespaceAllowed(selector: NamespaceSelector | undefined, namespace: string): boolean {
  if (!selector) return true;
  if (selector.exclude?.includes(namespace)) return false;
  if (selector.include && selector.include.length > 0) return selector.include.includes(namespace);
  return true;
}

export type Decision =
  | { allowed: true; rule: string; write?: WriteShape; maxReplicas?: number }
  | { allowed: false; rule: string; reason: string };

function urlMatches(pattern: string, path: string): boolean {
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** Which rule allows the request (before its body is looked at), or which denies it and why. */
export function authorize(policy: Policy, request: ApiRequest): Decision {
  const what = describeRequest(request);
  if (request.kind === 'nonResource') {
    const rule = policy.rules.find(
      (r) => r.nonResourceURLs?.some((u) => urlMatches(u, request.path)) && r.verbs.includes(request.verb),
    );
    return rule
      ? { allowed: true, rule: rule.name }
      : { allowed: false, rule: 'default-deny', reason: `no rule allows ${what}` };
  }
  if (request.namespace !== undefined && !namespaceAllowed(policy.namespaces, request.namespace)) {
    return {
      allowed: false,
      rule: 'namespaces',
      reason: `namespace ${request.namespace} is outside the policy's namespaces (include/exclude)`,
    };
  }
  const follows = request.query.getAll('follow');
  // Anything but an explicit false (in any of Go's spellings, in every repeat) counts as following.
  if (
    request.resource === 'pods/log' &&
    follows.some((v) => !['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v))
  ) {
    return {
      allowed: false,
      rule: 'logs',
      reason: 'following a log is not allowed: every request must finish',
    };
  }
  const rule = policy.rules.find(
    (r) =>
      r.verbs.includes(request.verb) &&
      r.apiGroups?.includes(request.apiGroup) &&
      r.resources?.includes(request.resource) &&
      (!r.namespaces ||
        (request.namespace !== undefined && namespaceAllowed(r.namespaces, request.namespace))),
  );
  if (!rule) return { allowed: false, rule: 'default-deny', reason: `no rule allows ${what}` };
  if (READ_VERBS.has(request.verb)) return { allowed: true, rule: rule.name };
  return {
    allowed: true,
    rule: rule.name,
    ...(rule.write ? { write: rule.write } : {}),
    ...(rule.maxReplicas !== undefined ? { maxReplicas: rule.maxReplicas } : {}),
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function onlyKeys(value: unknown, allowed: readonly string[]): value is Record<string, unknown> {
  return isObject(value) && Object.keys(value).every((key) => allowed.includes(key));
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

// What `kubectl rollout restart` writes (Go's time.RFC3339), and nothing looser.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const MERGE_PATCH_TYPES = ['application/strategic-merge-patch+json', 'application/merge-patch+json'];
const JSON_PATCH_TYPE = 'application/json-patch+json';

/**
 * Checks the body of an allowed write against its shape; returns why it is refused, or undefined when it is fine.
 * Anything not understood is refused: the check allows known-good bodies rather than rejecting known-bad ones.
 */
export function checkWrite(
  decision: Extract<Decision, { allowed: true }>,
  request: ApiRequest,
  contentType: string,
  body: string,
): string | undefined {
  if (request.kind !== 'resource' || !decision.write) return undefined;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const document = parseJson(body);
  switch (decision.write) {
    case 'restartAnnotation': {
      const refusal = `the patch may only set spec.template.metadata.annotations["${RESTARTED_AT_ANNOTATION}"] to a timestamp`;
      if (!MERGE_PATCH_TYPES.includes(type)) return `${refusal} (as a merge or strategic merge patch)`;
      const spec = isObject(document) && onlyKeys(document, ['spec']) ? document.spec : undefined;
      const template = onlyKeys(spec, ['template']) ? spec.template : undefined;
      const metadata = onlyKeys(template, ['metadata']) ? template.metadata : undefined;
      const annotations = onlyKeys(metadata, ['annotations']) ? metadata.annotations : undefined;
      const value = onlyKeys(annotations, [RESTARTED_AT_ANNOTATION])
        ? annotations[RESTARTED_AT_ANNOTATION]
        : undefined;
      if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value)))
        return refusal;
      return undefined;
    }
    case 'scale': {
      const max = decision.maxReplicas ?? 0;
      let replicas: unknown;
      if (request.verb === 'patch' && MERGE_PATCH_TYPES.includes(type)) {
        const spec = onlyKeys(document, ['spec']) ? document.spec : undefined;
        replicas = onlyKeys(spec, ['replicas']) ? spec.replicas : undefined;
      } else if (request.verb === 'patch' && type === JSON_PATCH_TYPE) {
        const ops = Array.isArray(document) ? document : [];
        const op = ops.length === 1 && onlyKeys(ops[0], ['op', 'path', 'value']) ? ops[0] : undefined;
        if (op && (op.op === 'replace' || op.op === 'add') && op.path === '/spec/replicas')
          replicas = op.value;
      } else if (request.verb === 'update') {
        const scale = onlyKeys(document, ['kind', 'apiVersion', 'metadata', 'spec']) ? document : undefined;
        const spec = scale && onlyKeys(scale.spec, ['replicas']) ? scale.spec : undefined;
        const metadata = scale?.metadata;
        const sameObject =
          isObject(metadata) &&
          (metadata.name === undefined || metadata.name === request.name) &&
          (metadata.namespace === undefined || metadata.namespace === request.namespace);
        if (scale && (scale.kind === undefined || scale.kind === 'Scale') && sameObject)
          replicas = spec?.replicas;
      }
      if (typeof replicas !== 'number' || !Number.isInteger(replicas))
        return 'a scale request may only set spec.replicas (an integer)';
      if (replicas < 0 || replicas > max)
        return `spec.replicas must be between 0 and ${max} (got ${replicas})`;
      return undefined;
    }
    case 'podDelete': {
      if (body.trim() === '') return undefined;
      const options = [
        'kind',
        'apiVersion',
        'gracePeriodSeconds',
        'propagationPolicy',
        'preconditions',
        'dryRun',
        'orphanDependents',
      ];
      return onlyKeys(document, options) ? undefined : 'a pod delete may carry only DeleteOptions';
    }
  }
}
