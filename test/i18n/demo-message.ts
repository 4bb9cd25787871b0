// The demo's alert diagnosed in process as the local stack does it (the Alertmanager payload → the diagnose-alert job
// → the report message for each destination's language), and the Slack message as a person reads it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chatMessageAsText, type ReportMessage, reportMessage } from '../../lib/chat/index.ts';
import type { RestClusterReader } from '../../lib/cluster/index.ts';
import { diagnoseAlertJob, parseAlertmanagerPayload } from '../../lib/events/alertmanager/index.ts';
import { runDiagnoseAlertJob } from '../../lib/jobs/index.ts';
import { type Locale, locales } from '../../lib/locale/index.ts';
import type { Report } from '../../lib/report/index.ts';
import { MemoryKv, stores } from '../../lib/store/index.ts';
import { fixtureCluster } from '../agent/cluster.ts';

const demo = (file: string) => readFileSync(resolve(import.meta.dirname, '../fixtures/demo', file), 'utf8');

/** The demo's report message to one Slack channel per language (`?lang=` on each target), as delivered. */
export async function demoMessages(): Promise<Record<Locale, ReportMessage>> {
  return (await demoRun()).messages;
}

/** The demo's report as stored (language-neutral), for its page in another language. */
export const demoReport = async (): Promise<Report> => (await demoRun()).report;

async function demoRun(): Promise<{ messages: Record<Locale, ReportMessage>; report: Report }> {
  const parsed = parseAlertmanagerPayload(JSON.parse(demo('alert-crashloop.json')));
  if (!parsed.ok || !parsed.alerts[0]) throw new Error('the demo alert does not parse');
  const replyTo = locales.map((lang) => ({ channel: 'slack' as const, to: `C-${lang}`, lang }));
  const job = diagnoseAlertJob(parsed.alerts[0].alert, {
    defaultCluster: 'demo',
    replyTo,
    now: new Date('2026-11-23T09:48:00Z'),
  });
  const sent: Partial<Record<Locale, ReportMessage>> = {};
  let stored: Report | undefined;
  const outcome = await runDiagnoseAlertJob(job, {
    ...stores(new MemoryKv()),
    readerFor: () => fixtureCluster(demo('crashloop.yaml')).reader as RestClusterReader,
    // As functions/adapters.ts delivers: the destination's language, else LOCALE (en here).
    deliver: async (target, report) => {
      stored = report;
      sent[target.lang ?? 'en'] = reportMessage(report, target.lang ?? 'en');
      return { ...target, id: `1700000000.00${Object.keys(sent).length}` };
    },
  });
  if (outcome.status !== 'done') throw new Error(`the demo job ended ${outcome.status}`);
  if (!stored) throw new Error('the demo job delivered nothing');
  return { messages: sent as Record<Locale, ReportMessage>, report: stored };
}

/** The Slack text with what varies per run written as `N` and `xxxxxxxx`: the duration, the id's random part. */
export const demoText = (message: ReportMessage): string =>
  chatMessageAsText(message)
    .replaceAll(message.reportId, message.reportId.replace(/-[0-9a-f]{8}$/, '-xxxxxxxx'))
    .replace(/· \d+ (ms|毫秒)/, '· N $1');
