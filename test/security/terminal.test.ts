// Cluster text printed on a terminal cannot clear the screen, retitle the window or write the clipboard.
import { expect, it } from 'vitest';
import { renderReportText } from '../../infra/cli/output.ts';
import { Report } from '../../lib/report/index.ts';
import { stripControl } from '../../lib/security/index.ts';

const attacks = [
  ['clear screen', '\x1b[2J\x1b[H'],
  ['colour', '\x1b[31;1m'],
  ['window title (BEL)', '\x1b]0;owned\x07'],
  ['clipboard write (OSC 52, ST)', '\x1b]52;c;ZWNobyBwd25lZA==\x1b\\'],
  ['8-bit CSI', '\x9b2J'],
  ['carriage return overwrite', 'ok\rFAKE'],
  ['backspaces', 'abc\b\b\b'],
  ['bidi override', '\u202eevil'],
  ['keypad mode escape', '\x1b='],
] as const;

it.each(attacks)('removes %s', (_name, sequence) => {
  const out = stripControl(`before ${sequence} after`);
  const controls = [...out].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e);
  });
  expect(controls).toEqual([]);
  expect(out.startsWith('before ')).toBe(true);
  expect(out.endsWith(' after')).toBe(true);
});

it('keeps newlines, tabs and every printable character, Chinese included', () => {
  const text = 'line 1\n\tline 2: 無法連線到 Service mysql:3306 (拒絕連線) — ok ✓';
  expect(stripControl(text)).toBe(text);
});

it('the text output of a report carries no escape from cluster text, only its own colours', () => {
  const report = Report.parse({
    id: 'r1',
    source: 'cli',
    cluster: 'fixture',
    scope: { kind: 'namespace', namespace: 'shop' },
    startedAt: '2026-11-23T08:00:00Z',
    findings: [
      {
        code: 'CrashLoopBackOff',
        severity: 'critical',
        object: { kind: 'Pod', namespace: 'shop', name: 'payment-1' },
        summary: 'crash \x1b]52;c;cHduZWQ=\x07looping',
        evidence: ['log: \x1b[2J\x1b]0;title\x07boom'],
        suggestions: [],
      },
    ],
    summary: 'summary \x1b[2J here',
    proposals: [],
  });
  const plain = renderReportText(report, { color: false });
  expect(plain).not.toContain('\x1b');
  expect(plain).toContain('log: boom');
  const coloured = renderReportText(report, { color: true });
  expect(coloured).not.toContain('\x1b]');
  expect(coloured).not.toContain('\x1b[2J');
  expect(coloured).toContain('\x1b[1m');
});
