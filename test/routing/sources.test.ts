// Each source is routed by its own facts: health reports as `cron` (HEALTH_REPORTS' `to` wins), Argo CD by its
// state (sync-failed and degraded are critical, the rest warnings).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/index.ts';
import { argoStates } from '../../lib/events/index.ts';
import { healthReportJobs } from '../../lib/jobs/index.ts';
import { argoSeverity } from '../../lib/routing/index.ts';

const tick = { cron: '*/15 * * * *', at: new Date('2026-11-23T09:00:00Z') };
const routes = JSON.stringify([
  { source: 'cron', cluster: 'prod*', to: ['slack:C0HEALTH'] },
  { source: 'alertmanager', to: ['slack:C0ALERTS'] },
]);
const base = {
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_CHANNEL: 'C0DEFAULT',
  CLUSTER_NAME: 'prod-eu',
  ROUTES: routes,
};

describe('health reports', () => {
  it('go where ROUTES sends source cron, else to the alert destinations', () => {
    expect(healthReportJobs(tick, loadConfig(base)).map((job) => job.replyTo)).toEqual([
      [{ channel: 'slack', to: 'C0HEALTH' }],
    ]);
    const staging = loadConfig({ ...base, CLUSTER_NAME: 'staging' });
    expect(healthReportJobs(tick, staging).map((job) => job.replyTo)).toEqual([
      [{ channel: 'slack', to: 'C0DEFAULT' }],
    ]);
  });

  it("go to HEALTH_REPORTS' to when it is set, whatever ROUTES says", () => {
    const config = loadConfig({
      ...base,
      HEALTH_REPORTS: JSON.stringify({ 'prod-eu': { at: '09:00', to: ['slack:C0MINE'] } }),
    });
    expect(healthReportJobs(tick, config).map((job) => job.replyTo)).toEqual([
      [{ channel: 'slack', to: 'C0MINE' }],
    ]);
  });
});

describe('argoSeverity', () => {
  it('is critical for a failed sync or a degraded app, a warning for every other state', () => {
    expect(Object.fromEntries(argoStates.map((state) => [state, argoSeverity(state)]))).toEqual({
      'sync-failed': 'critical',
      degraded: 'critical',
      'sync-unknown': 'warning',
      'out-of-sync': 'warning',
      succeeded: 'warning',
      settling: 'warning',
      unspecified: 'warning',
    });
  });
});
