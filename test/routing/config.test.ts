// A bad ROUTES is refused with the field a person must fix (`ROUTES[2].to[0]: …`), never its whole value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../lib/config/index.ts';
import { parseRoutes, routerFor } from '../../lib/routing/index.ts';

const refusal = (routes: unknown) => {
  try {
    parseRoutes(typeof routes === 'string' ? routes : JSON.stringify(routes));
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('ROUTES was accepted');
};

describe('ROUTES', () => {
  it('names the target that is not <channel>:<id>, by its index', () => {
    const message = refusal([
      { to: ['slack:C1'] },
      { source: 'argocd', to: ['slack:C2'] },
      { severity: 'critical', to: ['teams:19abc'] },
    ]);
    expect(message).toMatch(
      /^invalid configuration: ROUTES\[2\]\.to\[0\]: must be <channel>:<id> with channel slack or line/,
    );
  });

  it('names an unknown source, severity or field, and an empty to', () => {
    expect(refusal([{ source: 'pagerduty', to: ['slack:C1'] }])).toMatch(
      /ROUTES\[0\]\.source\[0\]: .*expected one of "alertmanager"\|"argocd"/,
    );
    expect(refusal([{ cluster: [], to: ['slack:C1'] }])).toMatch(/ROUTES\[0\]\.cluster: /);
    expect(refusal([{ severity: ['critical', 'urgent'], to: ['slack:C1'] }])).toMatch(
      /ROUTES\[0\]\.severity\[1\]: .*"critical"\|"warning"\|"info"/,
    );
    expect(refusal([{ namspace: 'prod-*', to: ['slack:C1'] }])).toMatch(/ROUTES\[0\]: .*namspace/);
    expect(refusal([{ namespace: 'prod-*', to: [] }])).toMatch(/ROUTES\[0\]\.to: /);
    expect(refusal([{ namespace: 'prod-*' }])).toMatch(/ROUTES\[0\]\.to: /);
    expect(refusal([{ to: ['slack:C1'], continue: 'yes' }])).toMatch(/ROUTES\[0\]\.continue: /);
  });

  it('says when it is not JSON, or not a list', () => {
    expect(refusal('[{"to": ["slack:C1"]')).toBe('invalid configuration: ROUTES is not valid JSON');
    expect(refusal({ to: ['slack:C1'] })).toMatch(/^invalid configuration: ROUTES: /);
  });

  it('is refused where targets are chosen, not when the Worker loads (chat keeps working)', () => {
    const config = loadConfig({ ROUTES: '[{"to":["slack:"]}]' });
    expect(() => routerFor(config)).toThrow(/ROUTES\[0\]\.to\[0\]/);
  });
});
