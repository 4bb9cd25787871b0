// What every job kind shares: the adapters a job runs on, what one delivery may say about itself, and the
// outcomes the job route answers QStash with.
import type { ChatMessage, MessageRef } from '../chat/index.ts';
import type { ClusterReader, ClusterWriter } from '../cluster/index.ts';
import type { ChatModel, TurnLimiter } from '../conversation/index.ts';
import type { Locale } from '../locale/index.ts';
import type { Report } from '../report/index.ts';
import type {
  ApprovalStore,
  ArgoFailureStore,
  ConversationStore,
  DigestStore,
  IncidentStore,
  JobLedger,
  ReportStore,
} from '../store/index.ts';
import type { AiFollowupJob } from './ai-followup.ts';
import type { ProfileLanguage } from './profile-language.ts';
import type { ReplyTarget } from './schema.ts';

/** The report with its AI part when the model answered; `retryAfterMs` when it could not now but may later. */
export interface Enriched {
  report: Report;
  retryAfterMs?: number;
}

export interface JobDeps {
  ledger: JobLedger;
  reports: ReportStore;
  /** With incidents, a job whose alert the cluster shows to be about an open incident joins it (see confirmOwner). */
  incidents?: IncidentStore;
  /** How long an incident stays open (INCIDENT_WINDOW_SECONDS); the owner's incident is opened for as long. */
  incidentWindowSeconds?: number;
  /** How long before the trouble a change is blamed (CHANGE_WINDOW_MINUTES). */
  changeWindowMinutes?: number;
  /** A reader for the named cluster that acts (and is audited) as `actor`. */
  readerFor(cluster: string, actor: string): ClusterReader;
  /** Sends the report to one chat target; answers the posted message's reference when the chat gives one. */
  deliver(target: ReplyTarget, report: Report): Promise<MessageRef | undefined>;
  /** Adds the AI part when a model is configured; must not throw (the rule-based report stands). */
  enrich?(report: Report, reader: ClusterReader): Promise<Enriched>;
  /** The signed link to a stored report's page, when links are configured (REPORT_LINK_SECRET). */
  reportLink?(reportId: string): Promise<string | undefined>;
  /** Sends any chat message (a command's plain answer) to one target, through the target's channel. */
  say?(target: ReplyTarget, message: ChatMessage): Promise<MessageRef | undefined>;
  /** Chat conversations' memory (the chat-turn job keeps the commands engine's context in it). */
  conversations?: ConversationStore;
  /** How long a conversation's memory lasts after its last turn (CHAT_MEMORY_TTL_SECONDS). */
  chatMemoryTtlSeconds?: number;
  /** The model free chat text goes to (with the enricher's call budget); without it the commands engine answers. */
  chatLlm?: ChatModel;
  /** A person's chat profile language (LINE `language`, Slack `locale`), cached; never throws. */
  profileLanguage?: ProfileLanguage;
  /** LOCALE: the language of a chat that says nothing of its own (see lib/locale's `answerLocale`). */
  locale?: Locale;
  /** The token budget of a conversation's history (CHAT_MEMORY_TOKENS; older turns fold into a summary). */
  chatMemoryTokens?: number;
  /** Each person's chat turns per minute (CHAT_TURNS_PER_MINUTE), across every instance; none without Redis. */
  turnLimiter?: TurnLimiter;
  /** The clusters a conversation may switch to with /use (the names in CLUSTERS). */
  clusterNames?: readonly string[];
  /** Sends the AI part of a report under the message the target already has (the ai-followup job). */
  reply?(target: ReplyTarget, report: Report): Promise<void>;
  /** Queues a job for later (QStash only): the AI follow-up of a report that went out without its AI part. */
  scheduleAiFollowup?(job: AiFollowupJob, delaySeconds: number): Promise<void>;
  /** Pending approvals: a write command or an alert's action button asks for one, an approver's press takes it. */
  approvals?: ApprovalStore;
  /** Who may approve a write on a cluster (APPROVERS): `line:U…`, `slack:U…`. */
  approversFor?(cluster: string): string[];
  /** How long an approval card can be approved (APPROVAL_TTL_SECONDS). */
  approvalTtlSeconds?: number;
  /** A writer for the named cluster's proxy; every write it sends is signed (and audited) as `actor`. */
  writerFor?(cluster: string, actor: string): ClusterWriter;
  /** Replaces a message posted earlier (an approval card once decided); LINE pushes a short note instead. */
  update?(ref: MessageRef, message: ChatMessage): Promise<void>;
  /** How long an approved restart or scale is watched (ROLLOUT_WATCH_SECONDS; 0 = no watch). */
  rolloutWatchSeconds?: number;
  /** Waits between rollout looks (tests pass one that does not wait). */
  sleep?(ms: number): Promise<void>;
  /** Argo CD failures on record per app, so the sync that succeeds later answers ✅ in the failure's thread. */
  argoFailures?: ArgoFailureStore;
  /** Each cluster's last health digest (the health-report job compares with it). */
  digests?: DigestStore;
  reportTtlSeconds?: number;
  /** How long one delivery may hold the job before another may take over. */
  lockSeconds?: number;
  now?: () => Date;
}

export type JobOutcome =
  | {
      status: 'done';
      reportId: string;
      delivered: string[];
      /** How many findings the report holds (for the job's summary line). */
      findings?: number;
      /** What the report is about, as its message's title names it (`Deployment shop/payment`). */
      subject?: string;
      aiFollowup?: number;
      /** The cluster could not be read: the message says what fired and why there is no diagnosis. */
      diagnosed?: false;
      /** The last delivery could not reach Redis: sent without dedup, the message says it may be a duplicate. */
      dedupUnavailable?: true;
    }
  | { status: 'duplicate' }
  | { status: 'busy' }
  /** The cluster showed the alert to be about an incident another job already reported: nothing was sent. */
  | { status: 'grouped'; incident: string; jobId: string };

export interface AttemptInfo {
  /** No delivery will follow this one: rather than fail, say what could not be done. */
  finalAttempt: boolean;
}
