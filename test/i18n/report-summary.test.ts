// The report's summary and chain are stored language-neutral: rendered in English they are byte for byte the
// sentences the diagnosis wrote, for every scenario, and in Chinese they say the same with the names unchanged.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chainLine, renderSummary } from '../../lib/chat/index.ts';
import { render } from '../../lib/i18n/index.ts';
import { diagnoseScenario, scenarioDir } from '../changes/diagnose-fixture.ts';

const files = readdirSync(scenarioDir).filter((file) => file.endsWith('.yaml'));

describe('the summary and the chain kept language-neutral', () => {
  it('render in English exactly as the diagnosis wrote them, in every scenario', async () => {
    let chains = 0;
    for (const file of files) {
      const { report } = await diagnoseScenario(file);
      expect(renderSummary(report, 'en'), file).toBe(report.summary);
      for (const link of report.chain ?? []) {
        expect(link.stateText, file).toBeDefined();
        expect(render(link.stateText!, 'en'), file).toBe(link.state);
        chains++;
      }
    }
    console.log(`report summary: ${files.length} scenarios, ${chains} chain hops, all the same in English`);
    expect(chains).toBeGreaterThan(0);
  });

  it('say the chain in Chinese, the objects as they are', async () => {
    const { report } = await diagnoseScenario(files.find((file) => file.includes('selector')) ?? files[0]!);
    const chain = report.chain ?? [];
    if (chain.length < 2) throw new Error('the scenario has no chain');
    const zhTW = chainLine(chain, 'zh-TW');
    for (const link of chain) expect(zhTW).toContain(link.object.name);
    expect(zhTW).not.toMatch(/\((no ready endpoints|labels do not match)\)/);
    expect(chainLine(chain)).toMatch(/ \([a-z]/);
    // Every scenario's summary has a Chinese frame (the findings' own sentences follow their analyzers).
    for (const file of files.slice(0, 10)) {
      const { report: other } = await diagnoseScenario(file);
      expect(renderSummary(other, 'zh-CN'), file).toBeDefined();
    }
  });
});
