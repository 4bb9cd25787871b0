// A message whose four kept evidence lines are long quotes still fits a phone: the lines are clipped to their first
// words (marked …), the next steps and the cause are left whole.
import { describe, expect, it } from 'vitest';
import type { ReportMessage } from '../../lib/chat/message.ts';
import { fitToPhone, messageWords, PHONE_WORDS } from '../../lib/chat/phone.ts';

const quote = (n: number) =>
  `event ProvisioningFailed ×${n}: failed to provision volume with StorageClass "fast-ssd": rpc error: code = ResourceExhausted desc = insufficient capacity on array pure-01: requested 500Gi, free 120Gi on every pool of the array in zone a`;

const message: ReportMessage = {
  type: 'report',
  reportId: 'r1',
  severity: 'critical',
  icon: '🔴',
  title: 'KubePersistentVolumeClaimPending — StatefulSet db/pg',
  fields: [{ label: 'Severity', value: 'critical' }],
  summary: 'PersistentVolumeClaim db/data-pg-0 cannot be provisioned: the storage array is out of capacity.',
  rootCause: { code: 'StorageExhausted', object: 'StorageClass fast-ssd' },
  evidence: [quote(1), quote(2), quote(3), quote(4)],
  nextSteps: ['kubectl get storageclass', 'kubectl -n db describe pvc data-pg-0'],
  otherFindings: [],
  moreFindings: 0,
  footer: 'report r1',
  actions: [],
  notification: '',
};

describe('fitToPhone', () => {
  it('clips long evidence lines to their first words when cutting lines is not enough', () => {
    expect(messageWords(message)).toBeGreaterThan(PHONE_WORDS);
    const fitted = fitToPhone(message);
    expect(messageWords(fitted)).toBeLessThanOrEqual(PHONE_WORDS);
    expect(fitted.evidence).toHaveLength(4);
    for (const [index, line] of fitted.evidence.entries()) {
      expect(line.endsWith('…')).toBe(true);
      expect(quote(index + 1).startsWith(line.slice(0, -1))).toBe(true);
      expect(line).toContain('ResourceExhausted');
    }
    expect(fitted.nextSteps).toEqual(message.nextSteps);
  });

  it('leaves a message that fits as it is', () => {
    const short = { ...message, evidence: ['phase Pending, storageClassName fast-ssd, requests 500Gi'] };
    expect(fitToPhone(short)).toEqual(short);
  });
});
