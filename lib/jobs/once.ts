// What makes a job safe to deliver twice: one worker at a time, nothing redone once it finished, and each chat
// target sent to once even when a retry follows a partial failure.
import { type Destination, destinationKey } from '../chat/index.ts';
import type { JobLedger } from '../store/index.ts';
import type { ReplyTarget } from './schema.ts';

/** The ledger's key of a target (`slack:C…`): the chat's own name for a destination. */
export const targetKey = (target: ReplyTarget) => destinationKey(target);

/**
 * Runs `work` under the job's claim: a finished job answers `duplicate`, one held by another delivery `busy`.
 * When `work` returns the job is done for good; when it throws the claim is released so a retry can take it.
 */
export async function runOnce<T>(
  ledger: JobLedger,
  jobId: string,
  lockSeconds: number,
  work: () => Promise<T>,
): Promise<T | { status: 'duplicate' } | { status: 'busy' }> {
  const claim = await ledger.claim(jobId, lockSeconds);
  if (claim === 'done') return { status: 'duplicate' };
  if (claim === 'running') return { status: 'busy' };
  try {
    const result = await work();
    await ledger.finish(jobId);
    return result;
  } catch (error) {
    // The work's own failure is the one to report, even when the ledger cannot take the claim back.
    await ledger.release(jobId).catch(() => undefined);
    throw error;
  }
}

/** Sends to every target that has not had this job's message yet; answers what each send now returned. */
export async function deliverOnce<R>(
  ledger: JobLedger,
  jobId: string,
  targets: ReplyTarget[],
  send: (target: ReplyTarget & Pick<Destination, 'sendKey'>) => Promise<R>,
): Promise<{ target: ReplyTarget; key: string; result: R }[]> {
  const sent: { target: ReplyTarget; key: string; result: R }[] = [];
  for (const target of targets) {
    const key = targetKey(target);
    if (await ledger.wasDelivered(jobId, key)) continue;
    // The key stays the same across redeliveries, unlike the report id each delivery makes afresh.
    const result = await send({ ...target, sendKey: `${jobId}:${key}` });
    await ledger.markDelivered(jobId, key);
    sent.push({ target, key, result });
  }
  return sent;
}
