// The body Argo CD notifications send to kube-responder: the template in infra/examples/argocd-notifications-cm.yaml
// renders each field with `toJson`. Only `app` and `namespace` are required (a bare body makes the job read the
// Application itself); unknown fields are ignored; multi-source apps send null for the single-source fields.
import { z } from 'zod';

/** A field the template renders as `null` when Argo CD has nothing for it (multi-source apps, a sync not yet run). */
const maybe = <T extends z.ZodType>(schema: T) =>
  z
    .union([schema, z.null()])
    .optional()
    .transform((value) => value ?? undefined);
const text = (max: number) => maybe(z.string().max(max));

/** One `operationState.syncResult.resources[]` entry. */
export const ArgoSyncResource = z.object({
  group: text(253),
  version: text(63),
  kind: z.string().min(1).max(100),
  namespace: text(253),
  name: z.string().min(1).max(253),
  status: text(50),
  message: text(8 * 1024),
  hookType: text(50),
  hookPhase: text(50),
  syncPhase: text(50),
});
export type ArgoSyncResource = z.infer<typeof ArgoSyncResource>;

export const ArgoCondition = z.object({
  type: z.string().max(100),
  message: text(8 * 1024),
  lastTransitionTime: text(64),
});

export const ArgoNotification = z.object({
  /** The Application's name. */
  app: z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'an Application name (DNS subdomain)'),
  /** Where the Application object lives (default `argocd`). */
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a namespace name')
    .default('argocd'),
  project: text(253),
  /** The destination cluster (server URL or name): which of CLUSTERS to read. */
  cluster: text(1024),
  destinationNamespace: text(253),
  /** operationState.phase: Running, Failed, Error, Succeeded, Terminating. */
  phase: text(50),
  /** operationState.message (free text: quotes, newlines). */
  message: text(16 * 1024),
  /** sync.status: Synced, OutOfSync, Unknown. */
  syncStatus: text(50),
  /** health.status: Healthy, Progressing, Degraded, Suspended, Missing, Unknown. */
  healthStatus: text(50),
  /** operationState.syncResult.revision, else sync.revision; empty when the sync failed before manifests existed. */
  revision: text(200),
  repoURL: text(2048),
  path: text(1024),
  targetRevision: text(200),
  resources: maybe(z.array(ArgoSyncResource).max(500)),
  conditions: maybe(z.array(ArgoCondition).max(100)),
  /** The Argo CD UI's base URL, for a link to the Application. */
  argocdUrl: maybe(z.url().max(2048)),
});
export type ArgoNotification = z.infer<typeof ArgoNotification>;
