// The LINE message a person reads: one Flex bubble per report, within LINE's limits however large or CJK-heavy the
// report, counted in UTF-16 units like LINE, never a surrogate pair cut in half and never a control character.
import type { messagingApi } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { messageErrors } from '../../infra/stack/line-messages.ts';
import {
  aiFollowupMessage,
  clipUnits,
  LINE_LIMITS,
  parsePress,
  reportMessage,
  toLine,
  toLineShort,
} from '../../lib/chat/index.ts';
import { type Finding, Report } from '../../lib/report/index.ts';

const finding = (i: number, extra: Partial<Finding> = {}): Finding => ({
  code: 'CrashLoopBackOff',
  severity: 'critical',
  object: { kind: 'Pod', namespace: 'shop', name: `payment-${i}` },
  owner: { kind: 'Deployment', namespace: 'shop', name: 'payment' },
  summary: `finding ${i}`,
  evidence: ['restartCount=7', 'lastState.terminated exitCode=1'],
  suggestions: ['kubectl -n shop logs deploy/payment --previous'],
  ...extra,
});

const report = (
  findings: Finding[],
  summary = 'Deployment shop/payment is crash-looping.',
  ai?: string,
): Report =>
  Report.parse({
    id: 'r1',
    source: 'alertmanager',
    cluster: 'prod',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00Z',
    alert: { name: 'KubePodCrashLooping', labels: {} },
    findings,
    summary,
    proposals: [],
    meta: { apiRequests: 7, bytesRead: 12000, durationMs: 42 },
    ...(ai
      ? { ai: { model: 'gemini-3.8-flash', text: ai, toolCalls: 2, tokens: { prompt: 900, output: 80 } } }
      : {}),
  });

const flexOf = (messages: messagingApi.Message[]) => {
  expect(messages).toHaveLength(1);
  const [message] = messages;
  expect(message!.type).toBe('flex');
  return message as messagingApi.FlexMessage;
};

/** Every `text` in a Flex tree. */
function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  return [
    ...(typeof record.text === 'string' ? [record.text] : []),
    ...Object.entries(record).flatMap(([key, value]) => (key === 'text' ? [] : texts(value))),
  ];
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
/** A lone high surrogate at the end, or a low one at the start: a pair cut in half. */
const cutPair = (text: string) =>
  /[\ud800-\udbff]$|^[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])/.test(text);

describe('toLine (report)', () => {
  it('is one bubble: icon and title in the header, summary, root cause, evidence, steps, and the report id', () => {
    const message = reportMessage(
      report([
        finding(1, {
          rootCause: {
            code: 'DependencyUnreachable',
            object: { kind: 'Service', namespace: 'shop', name: 'mysql' },
          },
        }),
        finding(2),
        finding(3),
      ]),
    );
    const flex = flexOf(toLine(message));
    const bubble = flex.contents as messagingApi.FlexBubble;
    expect(bubble.type).toBe('bubble');
    expect(texts(bubble.header)).toEqual(['🔴 KubePodCrashLooping — Deployment shop/payment']);
    const body = texts(bubble.body);
    expect(body).toContain('Deployment shop/payment is crash-looping.');
    expect(body).toContain('DependencyUnreachable — Service shop/mysql');
    expect(body).toContain('• restartCount=7');
    expect(body).toContain('• kubectl -n shop logs deploy/payment --previous');
    expect(body).toContain('Also found: 2 more findings');
    expect(texts(bubble.footer)).toEqual(['report r1 · 7 API reads · 42 ms']);
    expect(flex.altText).toBe(message.notification);
    expect(messageErrors(toLine(message))).toEqual([]);
  });

  it('stays within LINE limits for a huge report', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      finding(i, {
        summary: 'x'.repeat(5000),
        evidence: Array.from({ length: 100 }, () => 'e'.repeat(4000)),
      }),
    );
    const flex = flexOf(toLine(reportMessage(report(many, 's'.repeat(10_000), 'a'.repeat(20_000)))));
    expect(flex.altText.length).toBeLessThanOrEqual(LINE_LIMITS.altTextUnits);
    expect(flex.altText.endsWith('…')).toBe(true);
    expect(bytes(flex.contents)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
    for (const text of texts(flex.contents)) expect(text.length).toBeLessThanOrEqual(LINE_LIMITS.textUnits);
    expect(texts(flex.contents)).toContain('Also found: 499 more findings');
    expect(messageErrors([flex])).toEqual([]);
  });

  it('keeps a CJK- and emoji-heavy report under 30 KB and never cuts a surrogate pair', () => {
    const cjk = '漢字のログ行'.repeat(2000);
    // Odd offsets: one BMP char first, so a naive cut would land between the two halves of each 🍎.
    const emoji = `x${'🍎'.repeat(5000)}`;
    const message = reportMessage(
      report(
        [
          finding(1, {
            summary: cjk,
            evidence: Array.from({ length: 10 }, () => emoji),
            suggestions: Array.from({ length: 10 }, () => cjk),
            rootCause: { code: 'ImagePullFailure', detail: emoji },
          }),
        ],
        emoji,
        cjk,
      ),
    );
    const flex = flexOf(toLine(message));
    expect(bytes(flex.contents)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
    expect(flex.altText.length).toBeLessThanOrEqual(LINE_LIMITS.altTextUnits);
    for (const text of [flex.altText, ...texts(flex.contents)])
      expect(cutPair(text), text.slice(-8)).toBe(false);
    expect(messageErrors([flex])).toEqual([]);
  });

  it('says less of every text when JSON escaping alone would make the bubble too big', () => {
    // A lone surrogate is 6 bytes of JSON (`\\udc00`): per-text budgets alone would pass 30 KB.
    const heavy = (unit: string) => unit.repeat(10_000);
    const message = reportMessage(
      report(
        [
          finding(1, {
            // Not the summary's text: a line the summary already says is left out of the message.
            evidence: Array.from({ length: 10 }, () => heavy('\udc03')),
            suggestions: Array.from({ length: 4 }, () => heavy('\udc00')),
            rootCause: { code: 'ApplicationError', detail: heavy('\udc02') },
          }),
        ],
        heavy('\udc00'),
        heavy('\udc01'),
      ),
    );
    const flex = flexOf(toLine(message));
    expect(bytes(flex.contents)).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
    const summary = (flex.contents as messagingApi.FlexBubble).body!.contents[1] as messagingApi.FlexText;
    // Shorter than the full budget (1,000 units), but still a real part of it.
    expect(summary.text!.length).toBeLessThan(1000);
    expect(summary.text!.length).toBeGreaterThan(100);
    expect(messageErrors([flex])).toEqual([]);
  });

  it('strips control characters and escape sequences from cluster text', () => {
    const evil = 'line one\u001b[2J\u001b]52;c;ZXZpbA==\u0007\u0000 and \u202eevil\u202c\ttab\nnext';
    const flex = flexOf(toLine(reportMessage(report([finding(1, { evidence: [evil] })], evil))));
    const all = [flex.altText, ...texts(flex.contents)].join('\n');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that must be gone
    expect(all).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(texts(flex.contents)).toContain('line one and evil\ttab\nnext');
  });
});

describe('clipUnits', () => {
  it('counts UTF-16 units and keeps surrogate pairs whole', () => {
    expect(clipUnits('abc', 3)).toBe('abc');
    expect(clipUnits('abcd', 3)).toBe('ab…');
    expect(clipUnits('a🍎b', 3)).toBe('a…'); // the pair would be cut at unit 2: it goes whole
    expect(clipUnits('🍎🍎🍎', 4)).toBe('🍎…');
    expect(clipUnits('🍎🍎🍎', 4).length).toBeLessThanOrEqual(4);
  });
});

describe('toLine (AI follow-up) and the short form', () => {
  it('makes the follow-up one short text message', () => {
    const message = aiFollowupMessage(
      report([finding(1)], 'crash-looping', 'The DB password rotated.'.repeat(500)),
    );
    const messages = toLine(message);
    expect(messages).toHaveLength(1);
    const [text] = messages as messagingApi.TextMessage[];
    expect(text!.type).toBe('text');
    expect(text!.text.startsWith('AI follow-up (gemini-3.8-flash): The DB password rotated.')).toBe(true);
    expect(text!.text.length).toBeLessThanOrEqual(2000);
    expect(messageErrors(messages)).toEqual([]);
  });

  it('the short form keeps the report id line however long the notification', () => {
    const message = reportMessage(report([finding(1)], '漢'.repeat(10_000)));
    const [short] = toLineShort(message) as messagingApi.TextMessage[];
    expect(short!.text.length).toBeLessThanOrEqual(500);
    expect(short!.text.endsWith('\nreport r1 · 7 API reads · 42 ms')).toBe(true);
  });
});

describe('toLine (report proposal postbacks)', () => {
  const proposal = (i: number, name = 'payment') => ({
    id: `p${i}`,
    action: 'restart',
    target: { kind: 'Deployment', namespace: 'shop', name },
    reason: 'crash-looping',
  });
  const footerButtons = (proposals: unknown[]) => {
    const flex = flexOf(toLine(reportMessage(Report.parse({ ...report([finding(1)]), proposals }))));
    const footer = (flex.contents as messagingApi.FlexBubble).footer!;
    return {
      flex,
      buttons: footer.contents.filter((c) => c.type === 'button') as messagingApi.FlexButton[],
    };
  };

  it('puts one postback per proposal in the footer, asking for an approval card', () => {
    const { flex, buttons } = footerButtons([proposal(1)]);
    expect(buttons).toHaveLength(1);
    const action = buttons[0]!.action as messagingApi.PostbackAction;
    expect(action).toMatchObject({ type: 'postback', label: 'restart payment' });
    expect(action.displayText).toBe('Ask for approval: restart Deployment shop/payment');
    expect(parsePress(action.data)).toEqual({ press: 'propose', report: 'r1', proposal: 'p1' });
    expect(messageErrors([flex])).toEqual([]);
  });

  it('shows at most 3, each label within 20 and data within 300', () => {
    const { flex, buttons } = footerButtons(
      Array.from({ length: 6 }, (_, i) => proposal(i, `${'漢🍎'.repeat(60)}\u001b[2J`)),
    );
    expect(buttons).toHaveLength(3);
    for (const button of buttons) {
      const action = button.action as messagingApi.PostbackAction;
      expect(action.label!.length).toBeLessThanOrEqual(LINE_LIMITS.actionLabelUnits);
      expect(action.data!.length).toBeLessThanOrEqual(LINE_LIMITS.postbackDataUnits);
      expect(action.displayText!.length).toBeLessThanOrEqual(LINE_LIMITS.displayTextUnits);
      expect(cutPair(action.label!)).toBe(false);
      expect(action.displayText).not.toContain('\u001b');
    }
    expect(messageErrors([flex])).toEqual([]);
  });
});
