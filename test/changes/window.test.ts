// The timing rule: a change is blamed only within the window before the trouble (CHANGE_WINDOW_MINUTES), and
// turning the pass off reads and says nothing about changes.
import { describe, expect, it } from 'vitest';
import { diagnoseScenario } from './diagnose-fixture.ts';

describe('change window', () => {
  it('blames the rollout 4 min before the crash loop with the default 30 min window', async () => {
    const { report } = await diagnoseScenario('change-bad-image-rollout.yaml');
    expect(report.findings[0]?.rootCause?.code).toBe('RecentChange');
  });

  it('does not blame it with a 3 min window, and says when it landed instead', async () => {
    const { report } = await diagnoseScenario('change-bad-image-rollout.yaml', { changeWindowMinutes: 3 });
    expect(report.findings[0]?.rootCause?.code).not.toBe('RecentChange');
    expect(report.findings[0]?.evidence.join('\n')).toContain(
      'Deployment shop/payment rolled out revision 14: image payment:2.3.0 → payment:2.3.1, env DB_HOST changed 4 min before it started: outside the 3 min window, not blamed',
    );
  });

  it('an alert that started before the rollout: the rollout came after, not the cause', async () => {
    const { report } = await diagnoseScenario('change-bad-image-rollout.yaml', {
      troubleSince: '2026-11-23T09:45:00Z',
    });
    expect(report.findings[0]?.rootCause?.code).not.toBe('RecentChange');
    expect(report.findings[0]?.evidence.join('\n')).toContain('came 5 min after it started: not the cause');
  });

  it('whatChanged: false reads no change evidence and adds no change line', async () => {
    const on = await diagnoseScenario('change-configmap-edited.yaml');
    const off = await diagnoseScenario('change-configmap-edited.yaml', { whatChanged: false });
    expect(off.report.meta!.apiRequests).toBeLessThan(on.report.meta!.apiRequests);
    expect(JSON.stringify(off.report)).not.toContain('was edited');
  });
});
