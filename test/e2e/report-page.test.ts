// The report page in headless Chromium (Debian's /usr/bin/chromium through playwright-core), served by the Worker
// under wrangler dev: a real diagnosed alert's "Full report" link from Slack opens a page that reads at 390 and
// 1280 px, in light and dark, with landmarks, ordered headings and ≥ 4.5:1 text contrast, no console error and
// no request but the page itself. Tampered and expired links are 403, an unknown report 404. Screenshots go to
// test-artifacts/report-page/.
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Redis } from '@upstash/redis';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from '../../infra/stack/stack.ts';
import { reportLinkSignature } from '../../lib/report/index.ts';
import { eventually, slackPosts } from '../support/messages.ts';

// The page's globals as the in-page check uses them: this file is type-checked for Node, which has no DOM.
// biome-ignore lint/suspicious/noExplicitAny: DOM objects inside page.evaluate
type Dom = any;
declare const document: Dom;
declare const window: Dom;
declare const Node: Dom;
declare const getComputedStyle: (element: Dom) => Dom;
type Element = Dom;

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/report-page');
const LINK_SECRET = 'report-link-secret-for-the-page-test-0123456789';

let stack: Stack;
let browser: Browser;
let reportUrl: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  stack = await startStack({ workerVars: { REPORT_LINK_SECRET: LINK_SECRET } });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const payload = JSON.parse(
    await readFile(resolve(import.meta.dirname, '../fixtures/demo/alert-crashloop.json'), 'utf8'),
  );
  const posted = await fetch(`${stack.info.worker}/events/alertmanager`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${stack.info.secrets.alertmanagerToken}`,
    },
    body: JSON.stringify(payload),
  });
  expect(posted.status).toBe(202);
  // The link a person taps: the Slack message's "Full report" URL button.
  reportUrl = await eventually(
    'a Slack message with a Full report button',
    async () => {
      for (const post of await slackPosts(stack.info.slack)) {
        const blocks = (post.body as { blocks?: { type: string; elements?: { url?: string }[] }[] }).blocks;
        const url = blocks?.flatMap((b) => b.elements ?? []).find((e) => e.url)?.url;
        if (url) return url;
      }
      return undefined;
    },
    60_000,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface PageCheck {
  landmarks: string[];
  h1: number;
  headingSkips: string[];
  lowContrast: string[];
  scrollWidth: number;
  innerWidth: number;
  text: string;
}

/** An axe-like check of what a screen reader and a low-vision reader need, computed in the page. */
const checkPage = (page: Page): Promise<PageCheck> =>
  page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (value: string): Rgba | undefined => {
      const match = /^rgba?\(([^)]+)\)$/.exec(value);
      if (!match) return undefined;
      const [r, g, b, a = 1] = match[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r!, g!, b!, a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const channel = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    /** The colour behind an element: the first opaque background up the tree (the canvas is white). */
    const backgroundOf = (element: Element | null): Rgba => {
      for (let el = element; el; el = el.parentElement) {
        const bg = parse(getComputedStyle(el).backgroundColor);
        if (bg && bg[3] > 0) return bg;
      }
      return [255, 255, 255, 1];
    };
    const landmarks = ['header', 'main', 'footer'].filter((tag) => document.querySelector(`body > ${tag}`));
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')];
    const headingSkips: string[] = [];
    let previous = 0;
    for (const heading of headings) {
      const level = Number(heading.tagName[1]);
      if (level > previous + 1)
        headingSkips.push(`${heading.tagName} "${heading.textContent}" after h${previous}`);
      previous = level;
    }
    const lowContrast: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const hasText = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim(),
      );
      if (!hasText || element.getClientRects().length === 0) continue;
      const style = getComputedStyle(element);
      const fg = parse(style.color);
      const bg = backgroundOf(element);
      if (!fg) {
        lowContrast.push(`${element.tagName}: unparsed colour ${style.color}`);
        continue;
      }
      // A translucent text colour is seen blended over its background.
      const seen: Rgba = [0, 1, 2].map((i) => fg[i]! * fg[3] + bg[i]! * (1 - fg[3])) as unknown as Rgba;
      const [light, dark] = [luminance(seen), luminance(bg)].sort((a, b) => b - a);
      const ratio = (light! + 0.05) / (dark! + 0.05);
      if (ratio < 4.5)
        lowContrast.push(`${element.tagName} "${element.textContent?.slice(0, 40)}" ${ratio.toFixed(2)}:1`);
    }
    return {
      landmarks,
      h1: document.querySelectorAll('h1').length,
      headingSkips,
      lowContrast,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      text: document.body.innerText,
    };
  });

/** Opens `url` in a fresh page, recording console errors and every request the page makes. */
async function open(url: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark') {
  // A viewer far from UTC, so the page's local-time rewrite shows.
  const context = await browser.newContext({ viewport, colorScheme, timezoneId: 'Asia/Taipei' });
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  const response = await page.goto(url, { waitUntil: 'load' });
  return { context, page, response, errors, requests, dialogs };
}

const sizes = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

describe('a real report through its Slack link', () => {
  for (const size of sizes)
    for (const scheme of ['light', 'dark'] as const)
      it(`reads well at ${size.width}×${size.height} in ${scheme}`, async () => {
        const { context, page, response, errors, requests } = await open(reportUrl, size, scheme);
        try {
          expect(response?.status()).toBe(200);
          expect(response?.headers()['content-security-policy']).toMatch(
            /^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-/,
          );
          const check = await checkPage(page);
          // What a person sees first (the viewport), and the whole page.
          await page.screenshot({ path: `${ARTIFACTS}/${size.width}-${scheme}.png` });
          await page.screenshot({ path: `${ARTIFACTS}/${size.width}-${scheme}-full.png`, fullPage: true });
          expect(await page.title()).toBe('KubePodCrashLooping — Deployment shop/payment');
          expect(check.text).toMatch(/DependencyUnreachable — Service shop\/mysql/);
          expect(check.text).toMatch(/ECONNREFUSED/);
          expect(check.text).toContain('What started it');
          // The local-time script ran (allowed by its CSP hash): the UTC text was rewritten.
          const started = await page.locator('header time').first();
          expect(await started.getAttribute('title')).toMatch(/ UTC$/);
          expect(await started.textContent()).toMatch(/GMT\+8$/);
          expect(check.landmarks).toEqual(['header', 'main', 'footer']);
          expect(check.h1).toBe(1);
          expect(check.headingSkips).toEqual([]);
          expect(check.lowContrast).toEqual([]);
          if (size.width === 390) expect(check.scrollWidth).toBeLessThanOrEqual(check.innerWidth);
          expect(errors).toEqual([]);
          expect(requests).toEqual([reportUrl]);
          console.log(
            `report page ${size.width}×${size.height} ${scheme}: scrollWidth ${check.scrollWidth}/${check.innerWidth}, screenshot test-artifacts/report-page/${size.width}-${scheme}.png`,
          );
        } finally {
          await context.close();
        }
      });

  it('prints without the dark palette', async () => {
    const { context, page } = await open(reportUrl, sizes[1], 'dark');
    try {
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const check = await checkPage(page);
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        'rgb(255, 255, 255)',
      );
      expect(check.lowContrast).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}/print.png`, fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe('links that open nothing', () => {
  const parts = () => {
    const url = new URL(reportUrl);
    return { url, id: decodeURIComponent(url.pathname.split('/').pop()!) };
  };

  it('answers 403 for a tampered signature, expiry or report id, with a plain page', async () => {
    const { url } = parts();
    const tampered = [
      new URL(url),
      new URL(url),
      new URL(url.toString().replace('/reports/', '/reports/x')),
      new URL(url),
    ];
    tampered[0]!.searchParams.set('sig', `${url.searchParams.get('sig')!.slice(0, -2)}AA`);
    tampered[1]!.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 60));
    tampered[3]!.searchParams.delete('sig');
    for (const link of tampered) {
      const { context, page, response, errors } = await open(link.toString(), sizes[0], 'light');
      expect(response?.status(), link.toString()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('This link is not valid');
      expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
      await context.close();
    }
  });

  it('answers 403 saying it expired for a link signed with a past expiry', async () => {
    const { id, url } = parts();
    const exp = Math.floor(Date.now() / 1000) - 60;
    const expired = `${url.origin}/reports/${encodeURIComponent(id)}?exp=${exp}&sig=${await reportLinkSignature(LINK_SECRET, id, exp)}`;
    const { context, page, response } = await open(expired, sizes[0], 'light');
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('This link has expired');
    await page.screenshot({ path: `${ARTIFACTS}/expired.png` });
    await context.close();
  });

  it('answers 404 for a validly signed link to a report that is not kept', async () => {
    const { url } = parts();
    const exp = Math.floor(Date.now() / 1000) + 600;
    const unknown = `${url.origin}/reports/no-such-report?exp=${exp}&sig=${await reportLinkSignature(LINK_SECRET, 'no-such-report', exp)}`;
    const response = await fetch(unknown);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<h1>Report not found</h1>');
    expect(html).not.toMatch(/at .*\.ts:\d+|Error:/);
  });
});

it('renders a stored report of hostile text as text: no script runs, no markup is injected', async () => {
  const redis = new Redis({
    url: stack.info.redis,
    token: stack.info.secrets.redisToken,
    enableTelemetry: false,
  });
  const hostile =
    '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><a href="javascript:alert(1)">tap</a>';
  const report = {
    id: 'hostile-1',
    source: 'alertmanager',
    cluster: 'demo',
    scope: { kind: 'alert', namespace: 'shop' },
    startedAt: new Date().toISOString(),
    alert: { name: hostile, labels: { [hostile]: hostile } },
    findings: [
      {
        code: 'ApplicationError',
        severity: 'critical',
        object: { kind: 'Pod', namespace: 'shop', name: hostile },
        rootCause: { code: 'ApplicationError', detail: hostile },
        summary: hostile,
        evidence: [`log: ${hostile}`],
        suggestions: [hostile],
      },
    ],
    summary: hostile,
    proposals: [],
  };
  await redis.set('kr:report:hostile-1', JSON.stringify(report), { ex: 600 });
  const exp = Math.floor(Date.now() / 1000) + 600;
  const link = `${new URL(reportUrl).origin}/reports/hostile-1?exp=${exp}&sig=${await reportLinkSignature(LINK_SECRET, 'hostile-1', exp)}`;
  const { context, page, response, errors, requests, dialogs } = await open(link, sizes[0], 'light');
  try {
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main a, main script').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toContain('<script>window.__pwned=1</script>');
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([link]);
  } finally {
    await context.close();
  }
});
