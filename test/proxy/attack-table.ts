// Prints the attacks of attacks.ts as a Markdown table with the status each got (for the proxy's README and the
// issue note): `npx tsx test/proxy/attack-table.ts`.
import { attacks } from './attacks.ts';
import { startHarness } from './harness.ts';

const h = await startHarness();
try {
  const rows = ['| attack | expected | got | refusal |', '| --- | --- | --- | --- |'];
  for (const attack of attacks) {
    const result = await attack.run(h);
    let message = '';
    try {
      message = (JSON.parse(result.body) as { message?: string }).message ?? '';
    } catch {
      message = result.body.slice(0, 80);
    }
    rows.push(`| ${attack.name} | ${attack.expect} | ${result.status} | ${message.replaceAll('|', '\\|')} |`);
  }
  process.stdout.write(`${rows.join('\n')}\n`);
} finally {
  await h.close();
}
