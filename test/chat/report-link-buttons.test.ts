// Every message that has a report links to its page: a "Full report" URL button in Slack (no press value, so it
// is never taken for an approval press), a URI button in a LINE bubble and a tappable last line in LINE texts.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import {
  aiFollowupMessage,
  parsePress,
  reportMessage,
  textMessage,
  toLine,
  toLineShort,
  toSlack,
  withReportUrl,
} from '../../lib/chat/index.ts';
import { Report } from '../../lib/report/index.ts';

const url =
  'https://responder.example.com/reports/am-1?exp=1795000000&sig=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const report = Report.parse({
  id: 'am-1',
  source: 'alertmanager',
  cluster: 'prod',
  scope: { kind: 'alert', namespace: 'shop' },
  startedAt: '2026-11-23T08:00:00Z',
  alert: { name: 'KubePodCrashLooping', labels: {} },
  findings: [
    {
      code: 'CrashLoopBackOff',
      severity: 'critical',
      object: { kind: 'Pod', namespace: 'shop', name: 'payment-1' },
      summary: 'crash-looping',
      evidence: ['restartCount=7'],
      suggestions: [],
    },
  ],
  summary: 'Deployment shop/payment is crash-looping.',
  proposals: [],
  ai: { model: 'gemini', text: 'the database is gone', toolCalls: 1, tokens: { prompt: 1, output: 1 } },
});

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON
const linkButtons = (blocks: any[]) =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : [])).filter((e) => e.url);

describe('Slack', () => {
  it('adds one Full report URL button to a report, a follow-up and a text answer', () => {
    for (const message of [reportMessage(report), aiFollowupMessage(report), textMessage('t1', 'hi')]) {
      const buttons = linkButtons(toSlack(withReportUrl(message, url)).blocks);
      expect(buttons).toEqual([
        {
          type: 'button',
          action_id: 'kr.report-link',
          text: { type: 'plain_text', text: 'Full report', emoji: true },
          url,
        },
      ]);
      expect(parsePress(buttons[0].value)).toBeUndefined();
    }
  });

  it('adds nothing without a link, or for a link that is not http(s) or too long', () => {
    const plain = toSlack(reportMessage(report));
    expect(linkButtons(plain.blocks)).toEqual([]);
    expect(toSlack(withReportUrl(reportMessage(report), 'javascript:alert(1)'))).toEqual(plain);
    expect(toSlack(withReportUrl(reportMessage(report), `https://x/${'a'.repeat(3000)}`))).toEqual(plain);
  });
});

describe('LINE', () => {
  it('puts a URI action in the report bubble', () => {
    const [flex] = toLine(withReportUrl(reportMessage(report), url)) as messagingApi.FlexMessage[];
    const footer = (flex!.contents as messagingApi.FlexBubble).footer!.contents;
    expect(footer).toContainEqual({
      type: 'button',
      style: 'link',
      height: 'sm',
      action: { type: 'uri', label: 'Full report', uri: url },
    });
    expect(messageErrors([flex])).toEqual([]);
  });

  it('ends a text, a follow-up and the short form with the link', () => {
    const texts = [
      ...toLine(withReportUrl(textMessage('t1', 'hi'), url)),
      ...toLine(withReportUrl(aiFollowupMessage(report), url)),
      ...toLineShort(withReportUrl(reportMessage(report), url)),
    ] as messagingApi.TextMessage[];
    for (const message of texts) expect(message.text.endsWith(`\nFull report: ${url}`)).toBe(true);
  });

  it('leaves out a link longer than LINE allows (1,000 characters) rather than cut it', () => {
    const long = `https://x/${'a'.repeat(1000)}`;
    const [flex] = toLine(withReportUrl(reportMessage(report), long)) as messagingApi.FlexMessage[];
    expect(JSON.stringify(flex)).not.toContain(long);
    expect(JSON.stringify(toLine(withReportUrl(textMessage('t1', 'hi'), long)))).not.toContain(long);
  });
});
