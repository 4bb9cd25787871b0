// Which chats a report goes to under ROUTES: globs on namespace and cluster, rules in order, `continue`, and the
// older settings when nothing matches or ROUTES is unset.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config/index.ts';
import { globMatcher, parseRoutes, routerFor, routeTargets } from '../../lib/routing/index.ts';

const oncall = { channel: 'slack', to: 'C0ONCALL' };
const lineGroup = { channel: 'line', to: 'C0a1b2c3d4e5f6a7b' };
const alerts = { channel: 'slack', to: 'C0ALERTS' };
const deploys = { channel: 'slack', to: 'C0DEPLOYS' };

const documented = [
  { severity: 'critical', namespace: 'prod-*', to: ['slack:C0ONCALL', 'line:C0a1b2c3d4e5f6a7b'] },
  { source: 'argocd', to: ['slack:C0DEPLOYS'] },
  { source: 'alertmanager', to: ['slack:C0ALERTS'] },
];

describe('globMatcher', () => {
  it('matches the whole name, * as any run and ? as one character, the rest literally', () => {
    expect(globMatcher('prod-*')('prod-eu')).toBe(true);
    expect(globMatcher('prod-*')('prod-')).toBe(true);
    expect(globMatcher('prod-*')('preprod-eu')).toBe(false);
    expect(globMatcher('*-db')('pay-db')).toBe(true);
    expect(globMatcher('*-db')('pay-dbx')).toBe(false);
    expect(globMatcher('eu-?')('eu-1')).toBe(true);
    expect(globMatcher('eu-?')('eu-10')).toBe(false);
    // A dot is a dot, not any character.
    expect(globMatcher('a.b')('axb')).toBe(false);
    expect(globMatcher('a.b')('a.b')).toBe(true);
  });
});

describe('routeTargets', () => {
  const routes = parseRoutes(JSON.stringify(documented));

  it('sends critical alerts of prod-* to #oncall and the LINE group, the rest to #alerts, Argo CD to #deploys', () => {
    const alert = { source: 'alertmanager', cluster: 'prod' } as const;
    expect(routeTargets(routes, { ...alert, severity: 'critical', namespace: 'prod-shop' })).toEqual([
      oncall,
      lineGroup,
    ]);
    expect(routeTargets(routes, { ...alert, severity: 'warning', namespace: 'prod-shop' })).toEqual([alerts]);
    expect(routeTargets(routes, { ...alert, severity: 'critical', namespace: 'staging' })).toEqual([alerts]);
    // No namespace never matches a rule that names one.
    expect(routeTargets(routes, { ...alert, severity: 'critical' })).toEqual([alerts]);
    expect(routeTargets(routes, { source: 'argocd', cluster: 'prod', severity: 'warning' })).toEqual([
      deploys,
    ]);
  });

  it('takes the first matching rule: order decides', () => {
    const argocdFirst = parseRoutes(JSON.stringify([documented[1], documented[0]]));
    const degraded = {
      source: 'argocd',
      cluster: 'prod',
      severity: 'critical',
      namespace: 'prod-shop',
    } as const;
    expect(routeTargets(argocdFirst, degraded)).toEqual([deploys]);
    expect(routeTargets(routes, degraded)).toEqual([oncall, lineGroup]);
  });

  it('goes on past a rule with continue, each target once, and stops at the first without', () => {
    const chained = parseRoutes(
      JSON.stringify([
        { cluster: 'prod*', to: ['slack:C0ONCALL'], continue: true },
        { severity: ['critical', 'warning'], to: ['slack:C0ONCALL', 'slack:C0ALERTS'] },
        { to: ['slack:C0DEPLOYS'] },
      ]),
    );
    expect(
      routeTargets(chained, { source: 'alertmanager', cluster: 'prod-eu', severity: 'Warning' }),
    ).toEqual([oncall, alerts]);
    expect(routeTargets(chained, { source: 'alertmanager', cluster: 'prod-eu', severity: 'info' })).toEqual([
      oncall,
      deploys,
    ]);
    expect(routeTargets(chained, { source: 'cron', cluster: 'staging' })).toEqual([deploys]);
  });

  it('answers nothing when no rule matches, even after continue rules that did not match', () => {
    expect(routeTargets(routes, { source: 'cron', cluster: 'prod' })).toBeUndefined();
    expect(routeTargets([], { source: 'alertmanager', cluster: 'prod' })).toBeUndefined();
    // A severity no rule can name (Alertmanager's free text) matches only rules without severity.
    expect(
      routeTargets(parseRoutes('[{"severity":"critical","to":["slack:C1"]}]'), {
        source: 'alertmanager',
        cluster: 'prod',
        severity: 'page',
      }),
    ).toBeUndefined();
  });
});

describe('routerFor', () => {
  const older = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_CHANNEL: 'C0ALERTS',
    LINE_CHANNEL_ACCESS_TOKEN: 'line-token',
    LINE_ALERT_TO: 'C0a1b2c3d4e5f6a7b',
    ARGOCD_CHANNELS: 'slack:C0DEPLOYS',
  };

  it('is the older settings when ROUTES is unset', () => {
    const route = routerFor(loadConfig(older));
    expect(
      route({ source: 'alertmanager', cluster: 'prod', severity: 'critical', namespace: 'prod-a' }),
    ).toEqual([alerts, lineGroup]);
    expect(route({ source: 'cron', cluster: 'prod' })).toEqual([alerts, lineGroup]);
    expect(route({ source: 'argocd', cluster: 'prod', severity: 'critical' })).toEqual([deploys]);
  });

  it('falls back to them for an event no rule matches', () => {
    const route = routerFor(
      loadConfig({ ...older, ROUTES: JSON.stringify([{ namespace: 'prod-*', to: ['slack:C0ONCALL'] }]) }),
    );
    expect(route({ source: 'alertmanager', cluster: 'prod', namespace: 'prod-a' })).toEqual([oncall]);
    expect(route({ source: 'alertmanager', cluster: 'prod', namespace: 'dev' })).toEqual([alerts, lineGroup]);
    expect(route({ source: 'argocd', cluster: 'prod', namespace: 'dev' })).toEqual([deploys]);
  });
});
