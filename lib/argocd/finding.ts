// The Application's own finding (ArgoSyncFailed / ArgoDegraded) from its state and the classified causes: the
// summary names the resource, the field and the fix, the root cause points at the resource to change.
import type { Finding, FindingCode, RootCause } from '../report/index.ts';
import type { ArgoCause, ArgoFailureClass } from './classify.ts';
import { type ApplicationState, applicationRef, failedPhase, shortRevision, unhealthy } from './state.ts';

/** Which root-cause code each class points at (existing codes: a bad manifest is config to change). */
const rootCauseCode: Record<ArgoFailureClass, FindingCode> = {
  'invalid-manifest': 'MissingConfig',
  namespace: 'MissingConfig',
  'admission-webhook': 'MissingConfig',
  'immutable-field': 'MissingConfig',
  'hook-failed': 'JobFailed',
  source: 'MissingConfig',
  degraded: 'WorkloadUnavailable',
  'out-of-sync': 'MissingConfig',
};

export function rootCauseOf(cause: ArgoCause): RootCause {
  const code = cause.webhook?.unreachable ? 'DependencyUnreachable' : rootCauseCode[cause.class];
  return { code, ...(cause.resource ? { object: cause.resource } : {}), detail: cause.detail };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ArgoFindingOptions {
  /** A better root cause than the class's (the workload's own, found by the analyzers). */
  rootCause?: RootCause;
  /** Lines that explain the lead cause further (the webhook's endpoints, the hook's log). */
  notes?: string[];
  /** A better fix than the class's (the workload's own next step). */
  fix?: string;
}

/** The Application's finding, or none when the state shows nothing wrong. */
export function argoFinding(
  state: ApplicationState,
  causes: ArgoCause[],
  options: ArgoFindingOptions = {},
): Finding | undefined {
  const failed = failedPhase(state);
  const degraded = !failed && unhealthy(state);
  const drift = !failed && !degraded && (state.syncStatus === 'OutOfSync' || state.syncStatus === 'Unknown');
  if (!failed && !degraded && !drift) return undefined;
  const lead = causes[0];
  const revision = shortRevision(state.revision);
  const rootCause = options.rootCause ?? (lead ? rootCauseOf(lead) : undefined);
  const what = failed
    ? `failed to sync${revision ? ` revision ${revision}` : ''}`
    : degraded
      ? `is ${state.healthStatus} after sync${revision ? ` of revision ${revision}` : ''}`
      : `is ${state.syncStatus}`;
  const said = lead?.detail ?? (state.message ? clip(state.message, 200) : state.healthMessage);
  const because =
    options.rootCause?.detail && options.rootCause.detail !== lead?.detail
      ? options.rootCause.detail
      : undefined;
  const summary = `Argo CD Application ${state.app} ${what}${said ? `: ${said}` : ''}${because ? ` — ${because}` : ''}.${lead ? ` Fix: ${options.fix ?? lead.fix}.` : ''}`;
  return {
    code: failed || drift ? 'ArgoSyncFailed' : 'ArgoDegraded',
    severity: drift ? 'warning' : 'critical',
    object: applicationRef(state),
    ...(rootCause ? { rootCause } : {}),
    summary,
    evidence: [
      ...(state.phase
        ? [`operationState.phase ${state.phase}${state.message ? `: ${clip(state.message, 160)}` : ''}`]
        : []),
      `sync ${state.syncStatus ?? '?'} · health ${state.healthStatus ?? '?'}${state.healthMessage ? `: ${clip(state.healthMessage, 120)}` : ''}`,
      ...causes.slice(0, 3).map((cause) => clip(cause.detail, 200)),
      ...(options.notes ?? []),
    ],
    suggestions: [
      ...new Set([...(options.fix ? [options.fix] : []), ...causes.slice(0, 2).map((cause) => cause.fix)]),
      `argocd app get ${state.namespace === 'argocd' ? '' : `${state.namespace}/`}${state.app}`,
    ],
  };
}
