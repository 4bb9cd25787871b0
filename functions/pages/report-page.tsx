// The report page's HTML: a stored Report as one accessible, self-contained page (server-side hono/jsx, which
// escapes every value, so cluster text such as `<script>` or `javascript:` can only ever render as text).
import type { Child } from 'hono/jsx';
import { describeObject, labelled, reportMessage, reportSummary } from '../../lib/chat/index.ts';
import { renderOr, type Translate, translator } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/locale/index.ts';
import { type Finding, type Report, Severity } from '../../lib/report/index.ts';
import { redactDeep } from '../../lib/security/index.ts';
import { pageStyle } from './style.ts';

/**
 * Rewrites each `<time datetime>` (UTC text as served) to the viewer's zone. Run as an inline script the CSP
 * allows by its hash (`localTimeScriptHash`); without JavaScript the UTC text stays, which is still right.
 */
export const localTimeScript =
  'for(const t of document.querySelectorAll("time[datetime]")){const d=new Date(t.getAttribute("datetime"));' +
  'if(!Number.isNaN(d.getTime())){t.title=t.textContent;' +
  't.textContent=d.toLocaleString(undefined,{dateStyle:"medium",timeStyle:"long"});}}';

/** `2026-11-23 08:10:00 UTC`: what a timestamp says before (or without) the script. */
export const utcText = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, ' UTC');
};

const Time = ({ iso }: { iso: string }) => <time datetime={iso}>{utcText(iso)}</time>;

/**
 * A translated sentence with some parameters as elements (`<code>`, `<time>`): each goes in as a marker, and the
 * sentence is split on the markers, so the element sits where the reader's language puts it.
 */
function withParts(say: (marks: Record<string, string>) => string, parts: Record<string, Child>): Child[] {
  const names = Object.keys(parts);
  const marks = Object.fromEntries(names.map((name, i) => [name, `\uE000${i}\uE000`]));
  return say(marks)
    .split(/\uE000(\d+)\uE000/)
    .map((piece, i) => (i % 2 ? parts[names[Number(piece)]!] : piece));
}

const Badge = ({ severity, t }: { severity: string; t: Translate }) => (
  <span
    class={`badge ${Severity.options.includes(severity as Severity) || severity === 'ok' ? severity : 'unknown'}`}
  >
    {t('report.severity', { severity })}
  </span>
);

const Facts = ({ rows }: { rows: [string, Child][] }) => (
  <dl class="facts">
    {rows.map(([term, value]) => (
      <>
        <dt>{term}</dt>
        <dd>{value}</dd>
      </>
    ))}
  </dl>
);

/** What the finding is on, what owns it, and what caused it: the chain a person follows to the fix. */
const RootCauseChain = ({ finding, locale }: { finding: Finding; locale: Locale }) => {
  const t = translator(locale);
  const cause = finding.rootCause;
  const colon = locale === 'en' ? ': ' : '：';
  return (
    <ol class="chain">
      <li>
        {describeObject(finding.object)}: <code>{finding.code}</code>
      </li>
      {finding.owner ? <li>{t('report.page.ownedBy', { owner: describeObject(finding.owner) })}</li> : null}
      {cause ? (
        <li>
          {withParts((marks) => t('report.page.causedBy', marks), { code: <code>{cause.code}</code> })}
          {cause.object ? ` — ${describeObject(cause.object)}` : ''}
          {cause.detail ? `${colon}${renderOr(cause.detailText, cause.detail, locale)}` : ''}
        </li>
      ) : null}
    </ol>
  );
};

/** A titled list; `level` keeps the outline in order (h5 inside a finding, h3 right under a section). */
const Lines = ({
  title,
  lines,
  code,
  level = 5,
}: {
  title: string;
  lines: string[];
  code?: boolean;
  level?: 3 | 5;
}) =>
  lines.length === 0 ? null : (
    <>
      {level === 3 ? <h3>{title}</h3> : <h5>{title}</h5>}
      <ul class={code ? 'evidence' : undefined}>
        {lines.map((line) => (
          <li>{code ? <pre>{line}</pre> : line}</li>
        ))}
      </ul>
    </>
  );

const FindingCard = ({ finding, locale }: { finding: Finding; locale: Locale }) => {
  const t = translator(locale);
  // A converted analyzer kept its sentences language-neutral: they read in the page's language, else in English.
  const suggestions = finding.suggestions.map((line, index) =>
    renderOr(finding.suggestionTexts?.[index], line, locale),
  );
  // Evidence labels are translated only when the producer kept its lines one for one; quoted text stays as it is.
  const evidenceTexts =
    finding.evidenceTexts?.length === finding.evidence.length ? finding.evidenceTexts : undefined;
  const evidence = finding.evidence.map((line, index) => renderOr(evidenceTexts?.[index], line, locale));
  return (
    <article class="finding">
      <h4>
        {finding.code} — {describeObject(finding.owner ?? finding.object)}
      </h4>
      <p>{renderOr(finding.summaryText, finding.summary, locale)}</p>
      <h5>{t('page.rootCauseChain')}</h5>
      <RootCauseChain finding={finding} locale={locale} />
      {/* Evidence quotes logs and events verbatim: shown as preformatted text, already redacted. */}
      <Lines title={t('page.evidence')} lines={evidence} code />
      <Lines title={t('page.nextSteps')} lines={suggestions} code />
    </article>
  );
};

const Started = ({ report, t }: { report: Report; t: Translate }) => {
  const { alert, scope } = report;
  const source = <code>{report.source}</code>;
  if (!alert) {
    const where: Record<string, string> = scope.object
      ? { where: 'object', object: describeObject(scope.object) }
      : scope.namespace
        ? { where: 'namespace', namespace: scope.namespace }
        : { where: 'none' };
    return (
      <p>
        {withParts((marks) => t('report.page.startedBy', { ...marks, scope: scope.kind, ...where }), {
          source,
        })}
      </p>
    );
  }
  return (
    <>
      <p>
        {withParts(
          (marks) =>
            t('report.page.alert', {
              ...marks,
              kind: report.source === 'argocd' ? 'argocd' : 'alert',
              severity: alert.severity ?? 'none',
            }),
          { name: <strong>{alert.name}</strong>, source },
        )}
      </p>
      <Facts rows={Object.entries(alert.labels).map(([key, value]) => [key, <code>{value}</code>])} />
    </>
  );
};

export interface ReportPageOptions {
  /** When the link that opened the page stops working (ISO). */
  linkExpiresAt?: string;
  /** The page's language (`?lang=`); default en. */
  locale?: Locale;
}

/** The page of one report; every string in it is redacted again (defence in depth: it was at diagnosis). */
export function ReportPage({
  report: stored,
  options = {},
}: {
  report: Report;
  options?: ReportPageOptions;
}) {
  const report = redactDeep(stored);
  const locale = options.locale ?? 'en';
  const message = reportMessage(report, locale);
  const t = translator(locale);
  const counts = Severity.options.map((severity) => ({
    severity,
    findings: report.findings.filter((finding) => finding.severity === severity),
  }));
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{message.title}</title>
        <style dangerouslySetInnerHTML={{ __html: pageStyle }} />
      </head>
      <body>
        <header>
          <p class="eyebrow">
            {t('report.page.eyebrow', { product: 'kube-responder', cluster: report.cluster })}
          </p>
          <h1>{message.title}</h1>
          <p>
            <Badge severity={message.severity} t={t} />{' '}
            {withParts((marks) => t('report.page.startedAt', marks), {
              time: <Time iso={report.startedAt} />,
            })}
          </p>
        </header>
        <main>
          <section aria-labelledby="summary">
            <h2 id="summary">{t('page.summary')}</h2>
            <p>{reportSummary(report, locale)}</p>
            <ul class="counts" aria-label={t('report.page.bySeverity')}>
              {counts.map(({ severity, findings }) => (
                <li>
                  <Badge severity={severity} t={t} /> {findings.length}
                </li>
              ))}
            </ul>
            <Facts rows={message.fields.map((field) => [field.label, field.value] as [string, Child])} />
          </section>
          <section aria-labelledby="started">
            <h2 id="started">{t('page.started')}</h2>
            <Started report={report} t={t} />
          </section>
          {report.ai ? (
            <section aria-labelledby="ai">
              <h2 id="ai">{t('page.ai')}</h2>
              <div class="panel">
                <p>{report.ai.text}</p>
                {report.ai.rootCause ? (
                  <p>
                    {labelled(t('report.rootCause'), locale)} {report.ai.rootCause}
                  </p>
                ) : null}
                <Lines title={t('report.page.aiEvidence')} lines={report.ai.evidence ?? []} code level={3} />
                <Lines title={t('page.nextSteps')} lines={report.ai.nextSteps ?? []} code level={3} />
                <p class="muted">
                  {t('report.page.aiMeta', {
                    model: report.ai.model,
                    confidence: report.ai.confidence ?? 'none',
                    calls: report.ai.toolCalls,
                  })}
                </p>
              </div>
            </section>
          ) : null}
          <section aria-labelledby="findings">
            <h2 id="findings">{t('page.findings')}</h2>
            {report.findings.length === 0 ? <p>{t('page.noFindings')}</p> : null}
            {counts
              .filter(({ findings }) => findings.length > 0)
              .map(({ severity, findings }) => (
                <>
                  <h3>
                    <Badge severity={severity} t={t} /> {findings.length} {t('report.severity', { severity })}
                  </h3>
                  {findings.map((finding) => (
                    <FindingCard finding={finding} locale={locale} />
                  ))}
                </>
              ))}
          </section>
          <section aria-labelledby="proposals">
            <h2 id="proposals">{t('page.proposals')}</h2>
            {message.actions.length === 0 ? <p>{t('page.noProposals')}</p> : null}
            {message.actions.map((action) => (
              <div class="proposal">
                <p>
                  <strong>{action.label}</strong>
                </p>
                <p>{action.detail}</p>
                {/* Approval ids are random and not indexed by proposal: the chat card shows the live state. */}
                <p class="muted">{t('page.proposedNote')}</p>
              </div>
            ))}
          </section>
        </main>
        <footer>
          <p>{message.footer}</p>
          {options.linkExpiresAt ? (
            <p>
              {withParts((marks) => t('report.page.linkUntil', marks), {
                time: <Time iso={options.linkExpiresAt} />,
              })}
            </p>
          ) : null}
        </footer>
        <script dangerouslySetInnerHTML={{ __html: localTimeScript }} />
      </body>
    </html>
  );
}

/** The whole document, as served. */
export const renderReportPage = (report: Report, options: ReportPageOptions = {}): string =>
  `<!doctype html>${(<ReportPage report={report} options={options} />).toString()}`;
