// `npm run dev:local`: starts the local dev loop (local.ts), prints its guide, and stops everything on a signal.
import { startLocalDev } from './local.ts';

const dev = await startLocalDev();
process.stdout.write(`${dev.guide.join('\n')}\n`);
let stopping = false;
const stop = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await dev.stop();
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(0));
void dev.stack.failed.then((why) => {
  process.stderr.write(`${why}\n`);
  void stop(1);
});
