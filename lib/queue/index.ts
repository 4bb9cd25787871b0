// The Queue port: publish a message for the job route. QStash in production; inline for a bare `wrangler dev`.
// It knows nothing of the job kinds: a message is anything with a `kind` (its route) and an `id` (its dedup id).
import type { Client } from '@upstash/qstash';

export interface QueueMessage {
  /** The route it is delivered to: `/jobs/<kind>`. */
  kind: string;
  /** The dedup id: a message published twice with one id is delivered once. */
  id: string;
  /** The cluster it is about: each cluster has its own flow-control key, so one cluster's storm queues alone. */
  cluster?: string;
}

/** The flow-control key of a message: its kind and cluster (`kr-diagnose-alert-prod`), in QStash's key alphabet. */
export const flowControlKey = (message: Pick<QueueMessage, 'kind' | 'cluster'>) =>
  `kr-${message.kind}${message.cluster ? `-${message.cluster}` : ''}`
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 200);

export interface PublishResult {
  messageId: string;
  /** True when the queue already had a message with this job's dedup id (nothing new will run). */
  deduplicated: boolean;
}

/** How often QStash retries a job after its first delivery; the last delivery is attempt JOB_RETRIES + 1. */
export const JOB_RETRIES = 3;

export interface PublishOptions {
  /** Deliver no earlier than this many seconds from now. */
  delaySeconds?: number;
}

export interface Queue<M extends QueueMessage = QueueMessage> {
  publish(job: M, options?: PublishOptions): Promise<PublishResult>;
}

export interface QStashQueueOptions {
  client: Client;
  /** Base URL of the Worker, e.g. `https://responder.example.workers.dev`; jobs go to `/jobs/<kind>`. */
  workerUrl: string;
  /** Concurrent jobs per kind and cluster (flow control), so a storm cannot fan out into many parallel diagnoses. */
  parallelism: number;
  retries?: number;
}

export class QStashQueue<M extends QueueMessage = QueueMessage> implements Queue<M> {
  constructor(private readonly options: QStashQueueOptions) {}

  async publish(job: M, options: PublishOptions = {}): Promise<PublishResult> {
    const result = await this.options.client.publishJSON({
      ...(options.delaySeconds ? { delay: Math.ceil(options.delaySeconds) } : {}),
      url: `${this.options.workerUrl.replace(/\/+$/, '')}/jobs/${job.kind}`,
      body: job,
      deduplicationId: job.id,
      retries: this.options.retries ?? JOB_RETRIES,
      flowControl: { key: flowControlKey(job), parallelism: this.options.parallelism },
    });
    const { messageId, deduplicated } = result as { messageId: string; deduplicated?: boolean };
    return { messageId, deduplicated: deduplicated === true };
  }
}

/**
 * Runs each job right away in the background (waitUntil). No retries and no dedup of its own: the job's
 * idempotency keys in the Store keep a repeated alert from sending twice.
 */
export class InlineQueue<M extends QueueMessage = QueueMessage> implements Queue<M> {
  constructor(
    private readonly run: (job: M) => Promise<void>,
    private readonly waitUntil: (promise: Promise<unknown>) => void,
  ) {}

  async publish(job: M, options: PublishOptions = {}): Promise<PublishResult> {
    // A Worker cannot sleep past its request; a delayed job (an AI follow-up) needs QStash.
    if (options.delaySeconds)
      throw new Error('QUEUE=inline cannot delay a job; use QStash for AI follow-ups');
    this.waitUntil(
      this.run(job).catch((error: unknown) => {
        console.error(JSON.stringify({ msg: 'inline job failed', job: job.id, error: String(error) }));
      }),
    );
    return { messageId: `inline-${job.id}`, deduplicated: false };
  }
}
