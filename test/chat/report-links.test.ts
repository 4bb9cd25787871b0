// A report's links (the Application in Argo CD) become a button that opens the page: a Slack url button, a LINE
// uri action; a report without links renders as before, and a link that is not a web page is refused.
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import { reportMessage, toLine, toSlack } from '../../lib/chat/index.ts';
import { Report } from '../../lib/report/index.ts';

const base: Report = {
  id: 'argo-checkout-1a2b3c4d',
  source: 'argocd',
  cluster: 'prod-eu',
  scope: {
    kind: 'object',
    namespace: 'argocd',
    object: { kind: 'Application', namespace: 'argocd', name: 'checkout' },
  },
  startedAt: '2026-11-23T10:00:00Z',
  findings: [],
  summary: 'Argo CD Application checkout failed to sync.',
  proposals: [],
};
const url = 'https://argocd.example.com/applications/argocd/checkout';
const linked: Report = { ...base, links: [{ label: 'Open in Argo CD', url }] };

describe('report links', () => {
  it('Slack: a url button after the proposals', () => {
    const { blocks } = toSlack(reportMessage(linked));
    const actions = blocks.find((block) => block.type === 'actions' && block.elements[0]?.url);
    expect(actions.elements).toEqual([
      { type: 'button', action_id: 'kr.link-0', text: { type: 'plain_text', text: 'Open in Argo CD' }, url },
    ]);
  });

  it('LINE: a uri button in the footer, valid as LINE checks it', () => {
    const messages = toLine(reportMessage(linked));
    expect(messageErrors(messages)).toEqual([]);
    const json = JSON.stringify(messages);
    expect(json).toContain(`"action":{"type":"uri","label":"Open in Argo CD","uri":"${url}"}`);
  });

  it('no links: nothing added', () => {
    expect(reportMessage(base).links).toBeUndefined();
    expect(JSON.stringify(toSlack(reportMessage(base)))).not.toContain('"url"');
    expect(JSON.stringify(toLine(reportMessage(base)))).not.toContain('"uri"');
  });

  it('refuses a link that is not http(s)', () => {
    expect(Report.safeParse({ ...base, links: [{ label: 'x', url: 'javascript:alert(1)' }] }).success).toBe(
      false,
    );
    expect(Report.safeParse(linked).success).toBe(true);
  });
});
