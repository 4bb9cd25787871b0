// Catalogue area "report": the alert report message, its summary and chain, the AI follow-up, the report page's findings. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

// A finding's state on a hop of the chain, by its code; a code with no words of its own shows as itself.
const stateEn =
  '{code, select, CrashLoopBackOff {crash-looping} OOMKilled {killed out of memory} ImagePullFailure {image pull fails} ContainerConfigError {container config error} ProbeFailure {{probe, select, readiness {readiness probe fails} liveness {liveness probe fails} startup {startup probe fails} other {probe fails}}} Unschedulable {pods cannot be scheduled} FailedMount {volume mount fails} InitContainerFailure {init container fails} Evicted {pods evicted} RolloutStuck {rollout stuck} WorkloadUnavailable {replicas not ready} JobFailed {job failed} CronJobFailing {runs fail} ServiceNoEndpoints {no ready endpoints} IngressBackendMissing {answers 503} PVCPending {claim pending} NodeNotReady {not ready} NodePressure {under pressure} HPAAtLimit {at its max replicas} QuotaExceeded {quota exceeded} ArgoSyncFailed {sync failed} ArgoDegraded {degraded} DependencyUnreachable {unreachable} MissingConfig {config missing} BadImageReference {bad image reference} InsufficientResources {not enough resources} SelectorMismatch {labels do not match} ApplicationError {application error} UntoleratedTaint {no node tolerates it} StorageExhausted {out of capacity} other {{code}}}';
const stateZhTW =
  '{code, select, CrashLoopBackOff {反覆崩潰重啟} OOMKilled {記憶體不足被終止} ImagePullFailure {映像檔拉取失敗} ContainerConfigError {容器設定錯誤} ProbeFailure {{probe, select, readiness {就緒探針失敗} liveness {存活探針失敗} startup {啟動探針失敗} other {探針失敗}}} Unschedulable {Pod 無法排程} FailedMount {磁碟區掛載失敗} InitContainerFailure {初始化容器失敗} Evicted {Pod 被驅逐} RolloutStuck {部署卡住} WorkloadUnavailable {副本未就緒} JobFailed {Job 失敗} CronJobFailing {執行失敗} ServiceNoEndpoints {沒有就緒的端點} IngressBackendMissing {回應 503} PVCPending {儲存宣告等待中} NodeNotReady {未就緒} NodePressure {資源吃緊} HPAAtLimit {已達副本上限} QuotaExceeded {超出配額} ArgoSyncFailed {同步失敗} ArgoDegraded {狀態降級} DependencyUnreachable {無法連線} MissingConfig {缺少設定} BadImageReference {映像檔參照錯誤} InsufficientResources {資源不足} SelectorMismatch {標籤對不上} ApplicationError {應用程式錯誤} UntoleratedTaint {沒有節點容忍它} StorageExhausted {容量已滿} other {{code}}}';
const stateZhCN =
  '{code, select, CrashLoopBackOff {反复崩溃重启} OOMKilled {内存不足被终止} ImagePullFailure {镜像拉取失败} ContainerConfigError {容器配置错误} ProbeFailure {{probe, select, readiness {就绪探针失败} liveness {存活探针失败} startup {启动探针失败} other {探针失败}}} Unschedulable {Pod 无法调度} FailedMount {卷挂载失败} InitContainerFailure {初始化容器失败} Evicted {Pod 被驱逐} RolloutStuck {发布卡住} WorkloadUnavailable {副本未就绪} JobFailed {Job 失败} CronJobFailing {运行失败} ServiceNoEndpoints {没有就绪的端点} IngressBackendMissing {返回 503} PVCPending {存储声明等待中} NodeNotReady {未就绪} NodePressure {资源紧张} HPAAtLimit {已达副本上限} QuotaExceeded {超出配额} ArgoSyncFailed {同步失败} ArgoDegraded {状态降级} DependencyUnreachable {无法连接} MissingConfig {缺少配置} BadImageReference {镜像引用错误} InsufficientResources {资源不足} SelectorMismatch {标签不匹配} ApplicationError {应用程序错误} UntoleratedTaint {没有节点容忍它} StorageExhausted {容量已满} other {{code}}}';

export const en = {
  // The report message: title, fields, headings, footer, notification.
  'report.title': 'Diagnosis — {subject}',
  'report.severity':
    '{severity, select, critical {critical} warning {warning} info {info} ok {ok} other {{severity}}}',
  'report.field.severity': 'Severity',
  'report.field.cluster': 'Cluster',
  'report.field.namespace': 'Namespace',
  'report.field.workload': 'Workload',
  'report.rootCause': 'Root cause',
  'report.evidence': 'Evidence',
  'report.nextSteps': 'Next steps',
  'report.alsoFound': 'Also found',
  'report.moreFindings': '…and {count} more',
  'report.alsoFoundCount': 'Also found: {count, plural, one {# more finding} other {# more findings}}',
  'report.notification': '{icon} {title}: {summary}',
  'report.fullReport': 'Full report',
  'report.fullReportLine': 'Full report: {url}',
  // A report's proposals: each button only asks for an approval card.
  'report.proposal': '{action} {object}',
  'report.proposalRestart': 'restart {object}',
  'report.proposalDelete': 'delete-pod {object}',
  'report.proposalRollback': 'rollback {object}',
  'report.proposalScale': 'scale {object} to {replicas}',
  'report.proposed': 'Proposed:',
  'report.askHint': 'Asks for an approval card; nothing changes yet',
  'report.askTitle': 'Ask for approval?',
  'report.askText':
    'This only posts an approval card for: {what}. Nothing changes until an approver presses Approve on it.',
  'report.askConfirm': 'Ask for approval',
  'report.askCancel': 'Cancel',
  'report.askFor': 'Ask for approval: {what}',
  'report.moreProposals':
    '…and {count, plural, one {# more proposal} other {# more proposals}} in the report',
  // The AI follow-up under a rule-based report.
  'report.ai': 'AI ({model}):',
  'report.aiFollowup': 'AI follow-up ({model}):',
  'report.aiFooter':
    'report {id} · {calls, plural, one {# tool call} other {# tool calls}} · {tokens, plural, one {# prompt token} other {# prompt tokens}}',
  'report.aiNotification': 'AI follow-up: {text}',
  // The diagnosis's own sentences around the findings' (lib/diagnosis/findings.ts summarize).
  'report.noProblems':
    'No problems found in {where, select, object {{object}} namespace {namespace {namespace}} other {the cluster}} ({pods, plural, one {# pod} other {# pods}} checked).',
  'report.summary':
    '{target, select, none {} other {No problem found on {target} itself; in {namespace, select, none {the cluster} other {namespace {namespace}}}: }}{cause, select, none {{lead}} other {{cause} That is what breaks {subject} ({state}).}}{rest, plural, =0 {} one { # more finding below.} other { # more findings below.}}',
  'report.state': stateEn,
  // The report page (functions/pages): what started it, the chain, the AI panel.
  'report.page.eyebrow': '{product} report · cluster {cluster}',
  'report.page.startedAt': 'started {time}',
  'report.page.bySeverity': 'Findings by severity',
  'report.page.ownedBy': 'owned by {owner}',
  'report.page.causedBy': 'caused by {code}',
  'report.page.startedBy':
    'Started by {source} ({scope} scope{where, select, object {: {object}} namespace {: namespace {namespace}} other {}}).',
  'report.page.alert':
    '{kind, select, argocd {Argo CD notification} other {Alert}} {name}{severity, select, none {} other { (severity {severity})}} from {source}.',
  'report.page.aiEvidence': 'Evidence it quotes',
  'report.page.aiMeta':
    '{model}{confidence, select, none {} other { · confidence {confidence}}} · {calls, plural, one {# tool call} other {# tool calls}}',
  'report.page.linkUntil': 'This link works until {time}.',
} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {
  'report.title': '診斷 — {subject}',
  'report.severity':
    '{severity, select, critical {嚴重} warning {警告} info {資訊} ok {正常} other {{severity}}}',
  'report.field.severity': '嚴重程度',
  'report.field.cluster': '叢集',
  'report.field.namespace': '命名空間',
  'report.field.workload': '工作負載',
  'report.rootCause': '根本原因',
  'report.evidence': '證據',
  'report.nextSteps': '下一步',
  'report.alsoFound': '其他發現',
  'report.moreFindings': '…還有 {count} 項',
  'report.alsoFoundCount': '另外還有 {count} 項發現',
  'report.notification': '{icon} {title}：{summary}',
  'report.fullReport': '完整報告',
  'report.fullReportLine': '完整報告：{url}',
  'report.proposal': '{action} {object}',
  'report.proposalRestart': '重啟 {object}',
  'report.proposalDelete': '刪除 {object}',
  'report.proposalRollback': '回滾 {object}',
  'report.proposalScale': '將 {object} 擴展到 {replicas} 個副本',
  'report.proposed': '建議操作：',
  'report.askHint': '只會送出核准卡片，目前不會有任何變更',
  'report.askTitle': '要申請核准嗎？',
  'report.askText': '這只會送出一張核准卡片：{what}。核准人按下「核准」之前，不會有任何變更。',
  'report.askConfirm': '申請核准',
  'report.askCancel': '取消',
  'report.askFor': '申請核准：{what}',
  'report.moreProposals': '…報告中還有 {count} 項建議操作',
  'report.ai': 'AI（{model}）：',
  'report.aiFollowup': 'AI 補充分析（{model}）：',
  'report.aiFooter': '報告 {id} · 呼叫工具 {calls} 次 · 提示詞 {tokens} 個 Token',
  'report.aiNotification': 'AI 補充分析：{text}',
  'report.noProblems':
    '{where, select, object {{object}} namespace {命名空間 {namespace}} other {叢集}}中沒有發現問題（檢查了 {pods} 個 Pod）。',
  'report.summary':
    '{target, select, none {} other {{target} 本身沒有問題；在{namespace, select, none {叢集} other {命名空間 {namespace} }}中：}}{cause, select, none {{lead}} other {{cause}這就是 {subject} 出問題（{state}）的原因。}}{rest, plural, =0 {} other {下方還有 {rest} 項發現。}}',
  'report.state': stateZhTW,
  'report.page.eyebrow': '{product} 報告 · 叢集 {cluster}',
  'report.page.startedAt': '開始於 {time}',
  'report.page.bySeverity': '依嚴重程度統計的發現',
  'report.page.ownedBy': '屬於 {owner}',
  'report.page.causedBy': '起因 {code}',
  'report.page.startedBy':
    '由 {source} 發起（{scope, select, alert {告警} object {物件} namespace {命名空間} other {叢集}}範圍{where, select, object {：{object}} namespace {：命名空間 {namespace}} other {}}）。',
  'report.page.alert':
    '{kind, select, argocd {Argo CD 通知} other {告警}} {name}{severity, select, none {} other {（嚴重程度 {severity}）}}，來自 {source}。',
  'report.page.aiEvidence': '它引用的證據',
  'report.page.aiMeta':
    '{model}{confidence, select, none {} other { · 信心{confidence, select, low {低} medium {中} high {高} other {{confidence}}}}} · 呼叫工具 {calls} 次',
  'report.page.linkUntil': '此連結有效至 {time}。',
};

export const zhCN: AreaCatalog<typeof en> = {
  'report.title': '诊断 — {subject}',
  'report.severity':
    '{severity, select, critical {严重} warning {警告} info {信息} ok {正常} other {{severity}}}',
  'report.field.severity': '严重程度',
  'report.field.cluster': '集群',
  'report.field.namespace': '命名空间',
  'report.field.workload': '工作负载',
  'report.rootCause': '根本原因',
  'report.evidence': '证据',
  'report.nextSteps': '下一步',
  'report.alsoFound': '其他发现',
  'report.moreFindings': '…还有 {count} 项',
  'report.alsoFoundCount': '另外还有 {count} 项发现',
  'report.notification': '{icon} {title}：{summary}',
  'report.fullReport': '完整报告',
  'report.fullReportLine': '完整报告：{url}',
  'report.proposal': '{action} {object}',
  'report.proposalRestart': '重启 {object}',
  'report.proposalDelete': '删除 {object}',
  'report.proposalRollback': '回滚 {object}',
  'report.proposalScale': '将 {object} 扩容到 {replicas} 个副本',
  'report.proposed': '建议操作：',
  'report.askHint': '只会发出审批卡片，目前不会有任何变更',
  'report.askTitle': '要申请批准吗？',
  'report.askText': '这只会发出一张审批卡片：{what}。审批人按下“批准”之前，不会有任何变更。',
  'report.askConfirm': '申请批准',
  'report.askCancel': '取消',
  'report.askFor': '申请批准：{what}',
  'report.moreProposals': '…报告中还有 {count} 项建议操作',
  'report.ai': 'AI（{model}）：',
  'report.aiFollowup': 'AI 补充分析（{model}）：',
  'report.aiFooter': '报告 {id} · 调用工具 {calls} 次 · 提示词 {tokens} 个 Token',
  'report.aiNotification': 'AI 补充分析：{text}',
  'report.noProblems':
    '{where, select, object {{object}} namespace {命名空间 {namespace}} other {集群}}中没有发现问题（检查了 {pods} 个 Pod）。',
  'report.summary':
    '{target, select, none {} other {{target} 本身没有问题；在{namespace, select, none {集群} other {命名空间 {namespace} }}中：}}{cause, select, none {{lead}} other {{cause}这就是 {subject} 出问题（{state}）的原因。}}{rest, plural, =0 {} other {下方还有 {rest} 项发现。}}',
  'report.state': stateZhCN,
  'report.page.eyebrow': '{product} 报告 · 集群 {cluster}',
  'report.page.startedAt': '开始于 {time}',
  'report.page.bySeverity': '按严重程度统计的发现',
  'report.page.ownedBy': '属于 {owner}',
  'report.page.causedBy': '起因 {code}',
  'report.page.startedBy':
    '由 {source} 发起（{scope, select, alert {告警} object {对象} namespace {命名空间} other {集群}}范围{where, select, object {：{object}} namespace {：命名空间 {namespace}} other {}}）。',
  'report.page.alert':
    '{kind, select, argocd {Argo CD 通知} other {告警}} {name}{severity, select, none {} other {（严重程度 {severity}）}}，来自 {source}。',
  'report.page.aiEvidence': '它引用的证据',
  'report.page.aiMeta':
    '{model}{confidence, select, none {} other { · 置信度{confidence, select, low {低} medium {中} high {高} other {{confidence}}}}} · 调用工具 {calls} 次',
  'report.page.linkUntil': '此链接有效至 {time}。',
};
