// Where Argo CD reports go: ARGOCD_CHANNELS (Slack channels, LINE users or groups), else where alerts go; a
// malformed setting names the entry, a channel the responder does not have names the channels it does.
import { describe, expect, it } from 'vitest';
import { argocdTargets, clusterNamesOf } from '../../functions/adapters.ts';
import { ConfigError, loadConfig } from '../../lib/config/index.ts';

const alerting = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_CHANNEL: 'C0ALERTS' };

describe('ARGOCD_CHANNELS', () => {
  it('sends Argo CD reports to the channels it lists', () => {
    const config = loadConfig({
      ...alerting,
      ARGOCD_CHANNELS: ' slack:C0ARGOCD , line:U4af4980629d0a4d2e6a1f5e2c7b8d9e0,line:C1234567890abcdef,',
    });
    expect(argocdTargets(config)).toEqual([
      { channel: 'slack', to: 'C0ARGOCD' },
      { channel: 'line', to: 'U4af4980629d0a4d2e6a1f5e2c7b8d9e0' },
      { channel: 'line', to: 'C1234567890abcdef' },
    ]);
  });

  it('sends them where alerts go when unset or empty', () => {
    for (const setting of [undefined, '']) {
      const config = loadConfig({
        ...alerting,
        ...(setting === undefined ? {} : { ARGOCD_CHANNELS: setting }),
      });
      expect(argocdTargets(config)).toEqual([{ channel: 'slack', to: 'C0ALERTS' }]);
    }
  });

  it('names the malformed entry, never loading a half-read setting', () => {
    expect(() => loadConfig({ ARGOCD_CHANNELS: 'slack:C0ARGOCD,C0NOCHANNEL' })).toThrow(
      /ARGOCD_CHANNELS: entry 2 is not <channel>:<id>/,
    );
  });

  it('names the chat channels there are when one is unknown', () => {
    const config = loadConfig({ ARGOCD_CHANNELS: 'teams:19abc' });
    expect(() => argocdTargets(config)).toThrow(ConfigError);
    expect(() => argocdTargets(config)).toThrow(
      "ARGOCD_CHANNELS: no chat channel 'teams' (known: slack, line)",
    );
  });
});

describe('clusterNamesOf', () => {
  it("is CLUSTERS' names, else the one cluster", () => {
    expect(clusterNamesOf(loadConfig({ CLUSTER_NAME: 'home' }))).toEqual(['home']);
    const clusters = JSON.stringify({
      prod: { proxyUrl: 'https://proxy.prod.example.com', key: 'k'.repeat(32) },
      staging: { proxyUrl: 'https://proxy.staging.example.com', key: 'k'.repeat(32) },
    });
    expect(clusterNamesOf(loadConfig({ CLUSTERS: clusters }))).toEqual(['prod', 'staging']);
  });
});
