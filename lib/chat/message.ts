// The channel-neutral message: what a report says to a person, decided once. Slack Block Kit, LINE Flex and the HTML
// report page are serializers of this model; none of them decides what to say, only how it looks and fits.
import { type MessageKey, renderOr, type Text, t } from '../i18n/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Report } from '../report/index.ts';
import type { ApprovalMessage } from './approval-message.ts';
import type { DigestMessage } from './digest-message.ts';
import { fitToPhone } from './phone.ts';
import { reportSummary } from './summary.ts';

export type Severity = 'critical' | 'warning' | 'info' | 'ok' | (string & {});

export interface MessageField {
  label: string;
  value: string;
}

export interface MessageFinding {
  severity: string;
  code: string;
  subject: string;
  summary: string;
}

/** A button that asks a person to approve a proposal (executed only after an approver presses it). */
export interface MessageAction {
  id: string;
  label: string;
  /** Why it is proposed (the finding or the person's words behind it). */
  detail: string;
  /** The label for a narrow button (LINE's 20 characters): the verb and the object's name, `restart payment`. */
  short?: string;
}

/** A button that opens a page (the Application in Argo CD); it changes nothing. */
export interface MessageLink {
  label: string;
  url: string;
}

export interface ReportMessage {
  type: 'report';
  reportId: string;
  severity: Severity;
  icon: string;
  /** `KubePodCrashLooping — Deployment shop/payment`. */
  title: string;
  fields: MessageField[];
  summary: string;
  rootCause?: { code: string; object?: string; detail?: string };
  ai?: { model: string; text: string };
  evidence: string[];
  nextSteps: string[];
  /** The other findings, at most `MAX_OTHER_FINDINGS`; `moreFindings` counts the rest. */
  otherFindings: MessageFinding[];
  moreFindings: number;
  /** `report <id> · 8 API reads · 39 ms`. */
  footer: string;
  actions: MessageAction[];
  /** Pages to open (the Application in Argo CD), when the report knows any. */
  links?: MessageLink[];
  /** What a push notification or a screen reader says: the title and the summary. */
  notification: string;
  /** The signed link to the report's page (`/reports/<id>?exp=…&sig=…`), when one can be made. */
  reportUrl?: string;
  /** The reader's language: every text above is already in it; renderers say their own words in it. */
  locale?: Locale;
}

/** The AI part of a report that first went out rule-based, as a short reply under it. */
export interface AiFollowupMessage {
  type: 'ai-followup';
  reportId: string;
  model: string;
  text: string;
  rootCause?: string;
  nextSteps: string[];
  footer: string;
  notification: string;
  /** The signed link to the report's page (`/reports/<id>?exp=…&sig=…`), when one can be made. */
  reportUrl?: string;
  /** The reader's language (its wrapper's words); default en. */
  locale?: Locale;
}

/** A plain answer in a conversation (a chat command's reply): the text as the engine wrote it, nothing else. */
export interface TextMessage {
  type: 'text';
  /** What the text answers (the chat turn's job id): a retried job names the same message, so it is sent once. */
  reportId: string;
  text: string;
  /** The page of the report this answer made, when it made one. */
  reportUrl?: string;
}

export type ChatMessage = ReportMessage | AiFollowupMessage | TextMessage | ApprovalMessage | DigestMessage;

/** A plain text message answering `id` (a chat turn's job id). */
export const textMessage = (id: string, text: string): TextMessage => ({
  type: 'text',
  reportId: id,
  text,
});

/** The message with the link to its report's page; unchanged when there is none (or it already has one). */
export const withReportUrl = <M extends ChatMessage>(message: M, reportUrl: string | undefined): M =>
  reportUrl && !message.reportUrl ? { ...message, reportUrl } : message;

export const MAX_EVIDENCE_LINES = 6;
export const MAX_NEXT_STEPS = 4;
export const MAX_OTHER_FINDINGS = 5;

export const severityIcon: Record<string, string> = { critical: '🔴', warning: '🟠', info: '🔵', ok: '🟢' };

export function describeObject(object: { kind: string; namespace?: string; name: string }): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** The worst finding's severity; with no finding, a firing alert keeps its own (never a green 'ok'). */
function worstSeverity(report: Report): Severity {
  const { findings } = report;
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  if (findings.length > 0) return 'info';
  return report.alert ? (report.alert.severity ?? 'unknown') : 'ok';
}

type ReportFinding = Report['findings'][number];

/** The findings the report's chain passes through, lead first (the Services folded into a workload are not findings). */
function chainFindings(report: Report): ReportFinding[] {
  const [lead] = report.findings;
  if (!lead) return [];
  const same = (a: ReportFinding['object'] | undefined, b: ReportFinding['object']) =>
    !!a && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;
  // A hop names the finding's workload, or its object when that is what the cause pointed at (a claim).
  const on = (finding: ReportFinding, link: NonNullable<Report['chain']>[number]) =>
    finding.code === link.code && (same(finding.owner, link.object) || same(finding.object, link.object));
  const path = [lead];
  for (const link of (report.chain ?? []).slice(1)) {
    const finding = report.findings.find((f) => !path.includes(f) && on(f, link));
    if (finding) path.push(finding);
  }
  return path;
}

/** Codes that only say "something behind me is wrong": as a cause they give way to the finding they point at. */
const SYMPTOMS = new Set([
  'ServiceNoEndpoints',
  'WorkloadUnavailable',
  'IngressBackendMissing',
  'RolloutStuck',
  'PVCPending',
]);

/**
 * The cause the chain's last hop states (what the finding before the deepest one says about it: "cannot reach
 * Service mysql"), unless that is only a symptom; then the deepest finding's own cause, or the deepest finding.
 */
function deepestCause(chain: ReportFinding[]): ReportFinding['rootCause'] {
  const deepest = chain[chain.length - 1]!;
  const stated = chain[chain.length - 2]?.rootCause;
  if (stated && !SYMPTOMS.has(stated.code)) return stated;
  return deepest.rootCause && !SYMPTOMS.has(deepest.rootCause.code)
    ? deepest.rootCause
    : { code: deepest.code, object: deepest.owner ?? deepest.object };
}

const unique = (lines: string[]) => [...new Set(lines)];

/** `Ingress shop/web → Service shop/web (no ready endpoints) → Deployment shop/web (readiness probe fails)`. */
export function chainLine(chain: NonNullable<Report['chain']>, locale: Locale = 'en'): string {
  const [open, close] = locale === 'en' ? [' (', ')'] : ['（', '）'];
  return chain
    .map(
      (link, index) =>
        `${describeObject(link.object)}${index === 0 ? '' : `${open}${renderOr(link.stateText, link.state, locale)}${close}`}`,
    )
    .join(' → ');
}

/** The language a message is said in (the renderers' own words follow it). */
export const messageLocale = (message: ChatMessage): Locale =>
  ('locale' in message ? message.locale : undefined) ?? 'en';

/** `Root cause:` or `根本原因：`, a heading followed by its text on the same line. */
export const labelled = (label: string, locale: Locale): string => `${label}${locale === 'en' ? ':' : '：'}`;

/** The report as a message to a person reading `locale` (default en: byte for byte what it always said). */
export function reportMessage(report: Report, locale: Locale = 'en'): ReportMessage {
  return fitToPhone(fullReportMessage(report, locale));
}

/** Whether `summary` (English, as stored) already holds `line`, give or take its first letter's case and a full stop. */
const saidIn = (summary: string, line: string) => {
  const words = line.replace(/[.…]$/, '');
  return words.length > 24 && summary.toLowerCase().includes(words.toLowerCase());
};

/** An evidence line that quotes the app's own log (`log: …`): what ties a failing pod to the cause it names. */
const isLogLine = (line: string) => line.startsWith('log: ');

/** Each English line the findings store, with the `Text` it was made from (converted producers only). */
function textsOf(findings: ReportFinding[], lines: 'evidence' | 'suggestions'): Map<string, Text> {
  const texts = new Map<string, Text>();
  for (const finding of findings) {
    const kept = lines === 'evidence' ? finding.evidenceTexts : finding.suggestionTexts;
    if (!kept || kept.length !== finding[lines].length) continue;
    for (const [i, line] of finding[lines].entries()) texts.set(line, kept[i]!);
  }
  return texts;
}

function fullReportMessage(report: Report, locale: Locale): ReportMessage {
  const lead = report.findings[0];
  const chain = chainFindings(report);
  // The deepest evidenced cause speaks: its cause, its evidence and its next steps come first.
  const deepest = chain[chain.length - 1];
  const severity = worstSeverity(report);
  const icon = severityIcon[severity] ?? '⚪';
  const workload = lead ? describeObject(lead.owner ?? lead.object) : undefined;
  const subject =
    workload ??
    (report.scope.object ? describeObject(report.scope.object) : (report.scope.namespace ?? report.cluster));
  const title = report.alert ? `${report.alert.name} — ${subject}` : t(locale, 'report.title', { subject });
  const hops = report.chain && report.chain.length > 1 ? report.chain : undefined;
  const cause = hops && deepest ? deepestCause(chain) : lead?.rootCause;
  // A finding already shown as the cause or on the chain is not "also found".
  const others = report.findings.filter((finding) => !chain.includes(finding));
  // The same footer as a digest's: one sentence for "which report, and what it cost".
  const footer = report.meta
    ? t(locale, 'digest.footerMeta', {
        id: report.id,
        reads: report.meta.apiRequests,
        // A value, not a count: passed as text so Intl does not group it.
        ms: String(Math.round(report.meta.durationMs)),
      })
    : t(locale, 'digest.footer', { id: report.id });
  const detail = hops
    ? chainLine(hops, locale)
    : // The detail is left out when the summary already says it: one message, no repetition.
      cause?.detail && !report.summary.includes(cause.detail)
      ? renderOr(cause.detailText, cause.detail, locale)
      : undefined;
  const evidenceTexts = textsOf(report.findings, 'evidence');
  const suggestionTexts = textsOf(report.findings, 'suggestions');
  const summary = reportSummary(report, locale);
  // A hop between the lead and the deepest cause is said by the chain; its folded sentence is not evidence again.
  const between = (hops ?? []).slice(1, -1).map((link) => `${describeObject(link.object)} `);
  const evidence =
    deepest && deepest !== lead && lead
      ? // The alert's own pod first (what the page was about), then the log line that ties it to the cause, then
        // what shows the deepest cause, then the rest.
        unique([
          ...lead.evidence.slice(0, 1),
          ...lead.evidence.slice(1).filter(isLogLine),
          ...deepest.evidence,
          ...lead.evidence.slice(1).filter((line) => !isLogLine(line)),
        ]).filter((line) => !between.some((hop) => line.startsWith(hop)))
      : (lead?.evidence ?? []);
  const nextSteps =
    deepest && deepest !== lead && lead
      ? unique([...deepest.suggestions, ...lead.suggestions])
      : (lead?.suggestions ?? []);
  return {
    type: 'report',
    reportId: report.id,
    severity,
    icon,
    title,
    fields: [
      { label: t(locale, 'report.field.severity'), value: t(locale, 'report.severity', { severity }) },
      { label: t(locale, 'report.field.cluster'), value: report.cluster },
      {
        label: t(locale, 'report.field.namespace'),
        value: lead?.object.namespace ?? report.scope.namespace ?? '—',
      },
      { label: t(locale, 'report.field.workload'), value: workload ?? '—' },
    ],
    summary,
    ...(cause
      ? {
          rootCause: {
            code: cause.code,
            ...(cause.object ? { object: describeObject(cause.object) } : {}),
            ...(detail ? { detail } : {}),
          },
        }
      : {}),
    // The model's explanation only when it adds to the summary.
    ...(report.ai && !report.summary.includes(report.ai.text.trim())
      ? { ai: { model: report.ai.model, text: report.ai.text } }
      : {}),
    evidence: evidence
      // A line the summary already says word for word ("Started 4 min after … rolled out revision 14") is not said twice.
      .filter((line) => !saidIn(report.summary, line))
      .slice(0, MAX_EVIDENCE_LINES)
      .map((line) => renderOr(evidenceTexts.get(line), line, locale)),
    nextSteps: nextSteps
      .slice(0, MAX_NEXT_STEPS)
      .map((step) => renderOr(suggestionTexts.get(step), step, locale)),
    otherFindings: others.slice(0, MAX_OTHER_FINDINGS).map((f) => ({
      severity: f.severity,
      code: f.code,
      subject: describeObject(f.owner ?? f.object),
      summary: renderOr(f.summaryText, f.summary, locale),
    })),
    moreFindings: Math.max(0, others.length - MAX_OTHER_FINDINGS),
    footer,
    actions: report.proposals.map((proposal) => ({
      id: proposal.id,
      label: proposalLabel(proposal, describeObject(proposal.target), locale),
      detail: proposal.reason,
      short: proposalLabel(proposal, proposal.target.name, locale),
    })),
    ...(report.links?.length ? { links: report.links.map(({ label, url }) => ({ label, url })) } : {}),
    notification: t(locale, 'report.notification', { icon, title, summary }),
    ...(locale === 'en' ? {} : { locale }),
  };
}

const proposalKey: Record<string, MessageKey> = {
  restart: 'report.proposalRestart',
  'delete-pod': 'report.proposalDelete',
  rollback: 'report.proposalRollback',
};

/** `scale Deployment shop/payment to 3`; with only the name (`restart payment`) for narrow buttons. */
function proposalLabel(proposal: Report['proposals'][number], object: string, locale: Locale): string {
  if (proposal.action === 'scale' && proposal.replicas !== undefined)
    return t(locale, 'report.proposalScale', { object, replicas: proposal.replicas });
  const key = proposalKey[proposal.action];
  return key ? t(locale, key, { object }) : t(locale, 'report.proposal', { action: proposal.action, object });
}

export function aiFollowupMessage(report: Report, locale: Locale = 'en'): AiFollowupMessage {
  const ai = report.ai;
  if (!ai) throw new Error(`report ${report.id} has no AI part to follow up with`);
  return {
    type: 'ai-followup',
    reportId: report.id,
    model: ai.model,
    text: ai.text,
    ...(ai.rootCause ? { rootCause: ai.rootCause } : {}),
    nextSteps: (ai.nextSteps ?? []).slice(0, MAX_NEXT_STEPS),
    footer: t(locale, 'report.aiFooter', { id: report.id, calls: ai.toolCalls, tokens: ai.tokens.prompt }),
    notification: t(locale, 'report.aiNotification', { text: ai.text }),
    ...(locale === 'en' ? {} : { locale }),
  };
}
