// Renders a Report for a person at a terminal: summary first, then each finding with its cause and next steps.
import type { Finding, ObjectRef, Report } from '../../lib/report/index.ts';
import { stripControlDeep } from '../../lib/security/index.ts';

export interface TextOptions {
  /** ANSI colours (only when writing to a TTY, and NO_COLOR is not set). */
  color: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, cyan: 36 } as const;

export function renderReportText(unsafe: Report, options: TextOptions): string {
  // Cluster text may carry terminal escape sequences; only our own colours reach the terminal.
  const report = stripControlDeep(unsafe);
  const paint = (style: keyof typeof CODES, text: string) =>
    options.color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
  const severityStyle = { critical: 'red', warning: 'yellow', info: 'blue' } as const;
  const lines: string[] = [];
  const worst = report.findings[0]?.severity;
  lines.push(
    paint('bold', `${worst ? paint(severityStyle[worst], '●') : paint('blue', '●')} ${report.summary}`),
  );
  lines.push('');
  report.findings.forEach((finding, index) => {
    lines.push(...renderFinding(finding, index + 1, paint, severityStyle));
    lines.push('');
  });
  const meta = report.meta;
  const scope = describeScope(report);
  lines.push(
    paint(
      'dim',
      [
        `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`,
        scope,
        ...(meta
          ? [
              `${meta.apiRequests} API requests`,
              `${formatBytes(meta.bytesRead)} read`,
              `${Math.round(meta.durationMs)} ms`,
            ]
          : []),
      ].join(' · '),
    ),
  );
  return `${lines.join('\n')}\n`;
}

function renderFinding(
  finding: Finding,
  number: number,
  paint: (style: keyof typeof CODES, text: string) => string,
  severityStyle: Record<Finding['severity'], keyof typeof CODES>,
): string[] {
  const head = `${number}. ${paint(severityStyle[finding.severity], finding.severity.toUpperCase())} ${paint('bold', finding.code)} ${ref(finding.owner ?? finding.object)}`;
  const lines = [head];
  if (finding.owner && finding.object.kind === 'Pod')
    lines.push(paint('dim', `   pod ${finding.object.name}`));
  lines.push(`   ${finding.summary}`);
  if (finding.rootCause) {
    const cause = finding.rootCause;
    lines.push(
      `   ${paint('cyan', 'cause')} ${cause.code}${cause.object ? ` → ${ref(cause.object)}` : ''}${cause.detail ? `: ${cause.detail}` : ''}`,
    );
  }
  for (const line of finding.evidence) lines.push(`   ${paint('dim', '·')} ${line}`);
  for (const suggestion of finding.suggestions) lines.push(`   ${paint('cyan', '→')} ${suggestion}`);
  return lines;
}

function describeScope(report: Report): string {
  const scope = report.scope;
  const alert = report.alert ? `alert ${report.alert.name}` : undefined;
  const target = scope.object
    ? ref(scope.object)
    : scope.namespace
      ? `namespace ${scope.namespace}`
      : 'whole cluster';
  return [alert, target].filter(Boolean).join(' on ');
}

function ref(object: ObjectRef): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** A one-line progress indicator on stderr (only on a TTY); `done()` clears it. */
export function progressLine(stream: NodeJS.WriteStream): { update(text: string): void; done(): void } {
  if (!stream.isTTY) return { update() {}, done() {} };
  const started = Date.now();
  return {
    update(text) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      stream.write(`\r\x1b[2K${text} (${seconds}s)`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
