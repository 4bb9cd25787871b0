// Catalogue area "chat": chat answers not yet in the main catalogue: tool heads, the agent's wrappers, rollout watch, expired approvals. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {
  // /pods: after the count, how many need a look (the agent tools' pod view says the same to the model).
  'chat.podsUnhealthy': '; {count} not running/ready or restarting',
  // /logs: the head line above the log text; `grep` is `"word"` or `/pattern/`.
  'chat.logHead':
    'log of {namespace}/{pod}{hasContainer, select, yes { container {container}} other {}}{previous, select, yes { (previous)} other {}}{hasGrep, select, yes { grep {grep}} other {}}{emptyNote, select, yes { (current log empty; showing previous instance)} other {}}: {count, plural, one {# line} other {# lines}}',
  // Between log lines: the line above, collapsed.
  'chat.logRepeated': '(previous line repeated {count} more times)',
  // The agent's wrappers.
  'chat.modelUnavailable': '(the model is unavailable right now)',
  'chat.agentRootCause': 'Root cause: {cause}',
  // After an approved write: the rollout watch, one line a phone can read.
  'chat.rolloutDone': 'Rollout done: {name} has {ready}/{desired} pods ready.',
  'chat.rolloutGone': '{name} no longer exists.',
  'chat.rolloutProgress': '{updated}/{desired} updated, {ready}/{desired} ready',
  'chat.rolloutNotPickedUp': 'the controller has not picked up the change yet',
  'chat.rolloutNotFinished': 'Rollout not finished: {name} — {progress}.',
  'chat.rolloutStuck': 'Rollout not finished: {name} — {progress}. {stuck}',
  'chat.podNotReady': 'Pod {pod} is not ready: {why}.',
  'chat.containerWaiting': '{container}: {reason}',
  'chat.containerNotReady': '{container}: not ready',
  'chat.lastTerminated': 'last terminated {reason}',
  'chat.lastTerminatedExit': 'last terminated {reason} (exit {code})',
  'chat.unknownReason': 'unknown',
  'chat.notReady': 'not ready',
  'chat.reasonsJoin': '{first}, {second}',
  'chat.containersJoin': '{first}; {second}',
  'chat.deletedNoController': 'Pod {name} was deleted; it has no controller to replace it.',
  'chat.deletedNoReplacement': 'Pod {name} was deleted; no replacement has appeared yet.',
  'chat.deletedReplaced': 'Pod {name} was deleted; its replacement {replacement} is ready.',
  'chat.deletedReplacementNotReady':
    'Pod {name} was deleted; its replacement {replacement} is not ready yet: {why}.',
  'chat.watchFailed': 'Could not watch the rollout: {error}',
  // A press on a card that has nothing left to decide.
  'chat.expired':
    'This approval has expired (or never existed); nothing was done. Ask again to get a new card.',
  'chat.alreadyDecided':
    'Already {decision, select, approve {approved} other {rejected}} by {by} at {at}; nothing more was done.',
} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {
  'chat.podsUnhealthy': '；其中 {count} 個未執行、未就緒或正在重啟',
  'chat.logHead':
    '{namespace}/{pod}{hasContainer, select, yes { 容器 {container}} other {}} 的{previous, select, yes {上一個實例} other {}}日誌{hasGrep, select, yes {（篩選 {grep}）} other {}}{emptyNote, select, yes {（目前的日誌是空的，改顯示上一個實例）} other {}}：{count} 行',
  'chat.logRepeated': '（上一行又重複了 {count} 次）',
  'chat.modelUnavailable': '（模型目前無法使用）',
  'chat.agentRootCause': '根本原因：{cause}',
  'chat.rolloutDone': '滾動更新完成：{name} 的 {ready}/{desired} 個 Pod 已就緒。',
  'chat.rolloutGone': '{name} 已不存在。',
  'chat.rolloutProgress': '已更新 {updated}/{desired}、已就緒 {ready}/{desired}',
  'chat.rolloutNotPickedUp': '控制器還沒套用這次變更',
  'chat.rolloutNotFinished': '滾動更新尚未完成：{name} — {progress}。',
  'chat.rolloutStuck': '滾動更新尚未完成：{name} — {progress}。{stuck}',
  'chat.podNotReady': 'Pod {pod} 尚未就緒：{why}。',
  'chat.containerWaiting': '{container}：{reason}',
  'chat.containerNotReady': '{container}：未就緒',
  'chat.lastTerminated': '上次終止原因 {reason}',
  'chat.lastTerminatedExit': '上次終止原因 {reason}（結束代碼 {code}）',
  'chat.unknownReason': '不明',
  'chat.notReady': '未就緒',
  'chat.reasonsJoin': '{first}，{second}',
  'chat.containersJoin': '{first}；{second}',
  'chat.deletedNoController': 'Pod {name} 已刪除；它沒有控制器可以補上新的 Pod。',
  'chat.deletedNoReplacement': 'Pod {name} 已刪除；還沒有出現替代的 Pod。',
  'chat.deletedReplaced': 'Pod {name} 已刪除；替代的 {replacement} 已就緒。',
  'chat.deletedReplacementNotReady': 'Pod {name} 已刪除；替代的 {replacement} 尚未就緒：{why}。',
  'chat.watchFailed': '無法追蹤滾動更新：{error}',
  'chat.expired': '這個核准已過期（或不存在），沒有做任何變更。請重新提出以取得新的卡片。',
  'chat.alreadyDecided': '{by} 已在 {at} {decision, select, approve {核准} other {拒絕}}，不會再做任何變更。',
};

export const zhCN: AreaCatalog<typeof en> = {
  'chat.podsUnhealthy': '；其中 {count} 个未运行、未就绪或正在重启',
  'chat.logHead':
    '{namespace}/{pod}{hasContainer, select, yes { 容器 {container}} other {}} 的{previous, select, yes {上一个实例} other {}}日志{hasGrep, select, yes {（筛选 {grep}）} other {}}{emptyNote, select, yes {（当前日志为空，改为显示上一个实例）} other {}}：{count} 行',
  'chat.logRepeated': '（上一行又重复了 {count} 次）',
  'chat.modelUnavailable': '（模型暂时无法使用）',
  'chat.agentRootCause': '根本原因：{cause}',
  'chat.rolloutDone': '滚动更新完成：{name} 的 {ready}/{desired} 个 Pod 已就绪。',
  'chat.rolloutGone': '{name} 已不存在。',
  'chat.rolloutProgress': '已更新 {updated}/{desired}，已就绪 {ready}/{desired}',
  'chat.rolloutNotPickedUp': '控制器还没有应用这次变更',
  'chat.rolloutNotFinished': '滚动更新尚未完成：{name} — {progress}。',
  'chat.rolloutStuck': '滚动更新尚未完成：{name} — {progress}。{stuck}',
  'chat.podNotReady': 'Pod {pod} 尚未就绪：{why}。',
  'chat.containerWaiting': '{container}：{reason}',
  'chat.containerNotReady': '{container}：未就绪',
  'chat.lastTerminated': '上次终止原因 {reason}',
  'chat.lastTerminatedExit': '上次终止原因 {reason}（退出码 {code}）',
  'chat.unknownReason': '未知',
  'chat.notReady': '未就绪',
  'chat.reasonsJoin': '{first}，{second}',
  'chat.containersJoin': '{first}；{second}',
  'chat.deletedNoController': 'Pod {name} 已删除；它没有控制器来创建替代的 Pod。',
  'chat.deletedNoReplacement': 'Pod {name} 已删除；还没有出现替代的 Pod。',
  'chat.deletedReplaced': 'Pod {name} 已删除；替代的 {replacement} 已就绪。',
  'chat.deletedReplacementNotReady': 'Pod {name} 已删除；替代的 {replacement} 尚未就绪：{why}。',
  'chat.watchFailed': '无法跟踪滚动更新：{error}',
  'chat.expired': '这个审批已过期（或不存在），没有做任何变更。请重新发起以获取新的卡片。',
  'chat.alreadyDecided': '{by} 已在 {at} {decision, select, approve {批准} other {拒绝}}，不会再做任何变更。',
};
