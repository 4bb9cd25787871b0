// The Application's own finding (ArgoSyncFailed / ArgoDegraded) from its state and the classified causes: the
// summary names the resource, the field and the fix, the root cause points at the resource to change.
import { inTwoForms } from '../evidence/index.ts';
import { type Text, verbatim } from '../i18n/index.ts';
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
  return {
    code,
    ...(cause.resource ? { object: cause.resource } : {}),
    detail: cause.detail,
    ...(cause.detailText ? { detailText: cause.detailText } : {}),
  };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface ArgoFindingOptions {
  /** A better root cause than the class's (the workload's own, found by the analyzers). */
  rootCause?: RootCause;
  /** Lines that explain the lead cause further (the webhook's endpoints, the hook's log). */
  notes?: string[];
  /** `notes` kept language-neutral, one for one. */
  noteTexts?: Text[];
  /** A better fix than the class's (the workload's own next step). */
  fix?: string;
  /** `fix` kept language-neutral. */
  fixText?: Text;
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
  const said = lead
    ? (lead.detailText ?? lead.detail)
    : state.message
      ? clip(state.message, 200)
      : state.healthMessage;
  const because =
    options.rootCause?.detail && options.rootCause.detail !== lead?.detail
      ? (options.rootCause.detailText ?? options.rootCause.detail)
      : undefined;
  const summary: Text = {
    key: 'cluster.argoSummary',
    params: {
      app: state.app,
      state: failed ? 'failed' : degraded ? 'degraded' : 'other',
      revision: revision || 'none',
      health: String(state.healthStatus),
      sync: String(state.syncStatus),
      said: said || 'none',
      because: because ?? 'none',
      fix: lead ? (options.fix ? (options.fixText ?? options.fix) : (lead.fixText ?? lead.fix)) : 'none',
    },
  };
  // A line quoted from a cause is its Text when it fits, else the clipped English as it is.
  const causeLine = (cause: ArgoCause): Text =>
    cause.detailText && cause.detail.length <= 200 ? cause.detailText : verbatim(clip(cause.detail, 200));
  const notes = options.notes ?? [];
  const evidence: Text[] = [
    ...(state.phase
      ? [
          verbatim(
            `operationState.phase ${state.phase}${state.message ? `: ${clip(state.message, 160)}` : ''}`,
          ),
        ]
      : []),
    {
      key: 'cluster.argoStatus',
      params: {
        sync: state.syncStatus ?? '?',
        health: state.healthStatus ?? '?',
        message: state.healthMessage ? clip(state.healthMessage, 120) : 'none',
      },
    },
    ...causes.slice(0, 3).map(causeLine),
    ...notes.map((note, index) =>
      options.noteTexts?.length === notes.length ? options.noteTexts[index]! : verbatim(note),
    ),
  ];
  const fixes = new Map<string, Text>();
  if (options.fix) fixes.set(options.fix, options.fixText ?? verbatim(options.fix));
  for (const cause of causes.slice(0, 2))
    if (!fixes.has(cause.fix)) fixes.set(cause.fix, cause.fixText ?? verbatim(cause.fix));
  const suggestions: Text[] = [
    ...fixes.values(),
    verbatim(`argocd app get ${state.namespace === 'argocd' ? '' : `${state.namespace}/`}${state.app}`),
  ];
  return {
    code: failed || drift ? 'ArgoSyncFailed' : 'ArgoDegraded',
    severity: drift ? 'warning' : 'critical',
    object: applicationRef(state),
    ...(rootCause ? { rootCause } : {}),
    ...inTwoForms({ summary, evidence, suggestions }),
  };
}
