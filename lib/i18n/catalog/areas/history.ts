// Catalogue area "history": probes, restarts and Warning events by recency; failed Jobs and CronJobs. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

// A probe's failure: `kind` is liveness/readiness/startup, `action` what it does (`GET :8080/ready`) or none,
// `said` the probe's answer (cluster text) or none, `listens` the container's ports when the probe misses them.
export const en = {
  'history.probeKills':
    '{who} keeps being restarted by its {kind} probe{action, select, none {} other { {action}}}: killed {count, plural, one {# time} other {# times}} in the last hour{said, select, none {{listens, select, none {} other { (the container listens on {listens})}}} other { ({said}{listens, select, none {} other {; the container listens on {listens}}})}}.',
  'history.probeNotReady':
    '{who} is running but not ready: its {kind} probe{action, select, none {} other { {action}}} fails{said, select, none {{listens, select, none {} other { (the container listens on {listens})}}} other { ({said}{listens, select, none {} other {; the container listens on {listens}}})}}.',
  'history.probeWaitsOnServer':
    '{server} answers {state}, so {who} fails its {kind} probe{action, select, none {} other { {action}}}{said, select, none {} other { ({said})}}.',
  'history.probeWaitsOn':
    '{who} fails its {kind} probe{action, select, none {} other { {action}}}: {dependency, select, none {a dependency it waits on is unreachable} other {it cannot reach {dependency}}}{said, select, none {} other { ({said})}}.',
  'history.checkDependency': 'fix {object} first: the probe waits on it',
  'history.probePort': 'point the probe at the port the container listens on',
  'history.probeCheck': 'check the probe path/port against what the app serves, and its timeouts',
  'history.podRestarts':
    'pod {pod} container {container}: {ready, select, yes {Ready now} other {not ready}}, restarted {count} times',
  'history.podNotReady': 'pod {pod}: Running, Ready=False',
  'history.probeListens':
    '{kind} probe {action} — {ports, select, none {the container declares no ports} other {the container listens on {ports}}}',
  'history.eventKilling':
    'event Killing ×{count} (last {agoUnit, select, min {{ago} min ago} h {{ago} h ago} days {{ago} days ago} other {at an unknown time}}): container {container} failed {kind} probe',
  'history.eventUnhealthy': 'event Unhealthy ×{count}: {message}',
  'history.lastTerminated':
    'last terminated {agoUnit, select, min {{ago} min ago} h {{ago} h ago} days {{ago} days ago} other {at an unknown time}}: exit code {exitCode}{reason, select, none {} other { ({reason})}}',
  'history.eventBackOff':
    'event BackOff ×{count} (last {agoUnit, select, min {{ago} min ago} h {{ago} h ago} days {{ago} days ago} other {at an unknown time}})',
  'history.morePods': '{count} pods {what, select, restarted {restarted by their probe} other {not ready}}',
  'history.jobFailed': '{job} failed ({reason}){detail, select, none {} other {: {detail}}}.',
  'history.jobCondition': 'condition Failed {reason}: {message}',
  'history.jobCounts': 'succeeded {succeeded}, failed {failed}, backoffLimit {backoffLimit}',
  'history.jobPodsGone': "the Job's pods are gone; no logs to read",
  'history.eventResolved':
    'event FailedCreate ×{count} ({agoUnit, select, min {{ago} min ago} h {{ago} h ago} days {{ago} days ago} other {at an unknown time}}) is resolved: {why, select, exists {{object} exists now} other {it was last seen before the latest attempt started ({sinceUnit, select, min {{since} min ago} h {{since} h ago} days {{since} days ago} other {at an unknown time}})}}',
  'history.eventFailedCreate': 'event FailedCreate ×{count}: {message}',
  'history.serviceAccountMissing': 'ServiceAccount {account} does not exist, so it cannot create its pods',
  'history.cronJobFailingBefore':
    '{cronJob} is failing: its last Job {job} failed ({reason}) and left no pods; the run before, Job {before}, failed: {detail}.',
  'history.cronJobFailing':
    '{cronJob} is failing: its last Job {job} failed{detail, select, none { ({reason})} other {: {detail}}}.',
  'history.cronJobRunFailed':
    'Job {job}: Failed{reason, select, none {} other { {reason}}}{message, select, none {} other { {message}}}',
  'history.cronJobRunBefore': 'the log below is from the run before, Job {job}',
  'history.cronJobNotRun': '{cronJob} has not run since {last} although it is scheduled "{schedule}".',
  'history.cronJobSchedule':
    'lastScheduleTime {last}, schedule {schedule}{timeZone, select, none {} other { ({timeZone})}}',
  'history.cronJobDue': 'next run was due {due}, {late} min before now',
  'history.cronJobCheck': 'check the {component} and {field}',
  'history.serverNotServing': '{server} answers {state}: it is up but not serving yet',
  'history.serverSilent': "{server} does not answer the probe's check",
} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {
  'history.probeKills':
    '{who} 一直被{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針{action, select, none {} other {（{action}）}}重啟：過去一小時被終止 {count} 次{said, select, none {{listens, select, none {} other {（容器監聽的是 {listens}）}}} other {（{said}{listens, select, none {} other {；容器監聽的是 {listens}}}）}}。',
  'history.probeNotReady':
    '{who} 正在執行但未就緒：{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針{action, select, none {} other {（{action}）}}失敗{said, select, none {{listens, select, none {} other {（容器監聽的是 {listens}）}}} other {（{said}{listens, select, none {} other {；容器監聽的是 {listens}}}）}}。',
  'history.probeWaitsOnServer':
    '{server} 回應 {state}，所以 {who} 的{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針{action, select, none {} other {（{action}）}}失敗{said, select, none {} other {（{said}）}}。',
  'history.probeWaitsOn':
    '{who} 的{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針{action, select, none {} other {（{action}）}}失敗：{dependency, select, none {它依賴的服務無法連線} other {無法連線到 {dependency}}}{said, select, none {} other {（{said}）}}。',
  'history.checkDependency': '先修好 {object}：探針在等它',
  'history.probePort': '把探針指向容器實際監聽的連接埠',
  'history.probeCheck': '核對探針的路徑與連接埠是否與應用程式提供的一致，並檢查逾時設定',
  'history.podRestarts':
    'Pod {pod} 的容器 {container}：{ready, select, yes {目前已就緒} other {未就緒}}，已重啟 {count} 次',
  'history.podNotReady': 'Pod {pod}：執行中，Ready=False',
  'history.probeListens':
    '{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針 {action}：{ports, select, none {容器沒有宣告任何連接埠} other {容器監聽的是 {ports}}}',
  'history.eventKilling':
    '事件 Killing ×{count}（最近一次 {agoUnit, select, min {{ago} 分鐘前} h {{ago} 小時前} days {{ago} 天前} other {時間不明}}）：容器 {container} 的{kind, select, liveness {存活} readiness {就緒} other {啟動}}探針失敗',
  'history.eventUnhealthy': '事件 Unhealthy ×{count}：{message}',
  'history.lastTerminated':
    '上次終止於 {agoUnit, select, min {{ago} 分鐘前} h {{ago} 小時前} days {{ago} 天前} other {時間不明}}：結束代碼 {exitCode}{reason, select, none {} other {（{reason}）}}',
  'history.eventBackOff':
    '事件 BackOff ×{count}（最近一次 {agoUnit, select, min {{ago} 分鐘前} h {{ago} 小時前} days {{ago} 天前} other {時間不明}}）',
  'history.morePods': '{count} 個 Pod {what, select, restarted {被探針重啟} other {未就緒}}',
  'history.jobFailed': '{job} 失敗（{reason}）{detail, select, none {} other {：{detail}}}。',
  'history.jobCondition': '狀態 Failed {reason}：{message}',
  'history.jobCounts': '成功 {succeeded}，失敗 {failed}，重試上限 {backoffLimit}',
  'history.jobPodsGone': '這個 Job 的 Pod 都已經不在了，沒有日誌可讀',
  'history.eventResolved':
    '事件 FailedCreate ×{count}（{agoUnit, select, min {{ago} 分鐘前} h {{ago} 小時前} days {{ago} 天前} other {時間不明}}）已解決：{why, select, exists {{object} 現在已存在} other {最近一次出現在最新一次嘗試開始之前（{sinceUnit, select, min {{since} 分鐘前} h {{since} 小時前} days {{since} 天前} other {時間不明}}）}}',
  'history.eventFailedCreate': '事件 FailedCreate ×{count}：{message}',
  'history.serviceAccountMissing': 'ServiceAccount {account} 不存在，所以無法建立它的 Pod',
  'history.cronJobFailingBefore':
    '{cronJob} 持續失敗：最近一次的 Job {job} 失敗（{reason}），而且沒有留下 Pod；前一次執行的 Job {before} 失敗：{detail}。',
  'history.cronJobFailing':
    '{cronJob} 持續失敗：最近一次的 Job {job} 失敗{detail, select, none {（{reason}）} other {：{detail}}}。',
  'history.cronJobRunFailed':
    'Job {job}：失敗{reason, select, none {} other {（{reason}）}}{message, select, none {} other { {message}}}',
  'history.cronJobRunBefore': '下面的日誌來自前一次執行的 Job {job}',
  'history.cronJobNotRun': '{cronJob} 自 {last} 以來都沒有執行，但它的排程是「{schedule}」。',
  'history.cronJobSchedule':
    '上次排程時間 {last}，排程 {schedule}{timeZone, select, none {} other {（{timeZone}）}}',
  'history.cronJobDue': '下一次執行應在 {due}，已經過了 {late} 分鐘',
  'history.cronJobCheck': '檢查 {component} 與 {field}',
  'history.serverNotServing': '{server} 回應 {state}：它已啟動，但還不能提供服務',
  'history.serverSilent': '{server} 沒有回應探針的檢查',
};

export const zhCN: AreaCatalog<typeof en> = {
  'history.probeKills':
    '{who} 一直被{kind, select, liveness {存活} readiness {就绪} other {启动}}探针{action, select, none {} other {（{action}）}}重启：过去一小时被终止 {count} 次{said, select, none {{listens, select, none {} other {（容器监听的是 {listens}）}}} other {（{said}{listens, select, none {} other {；容器监听的是 {listens}}}）}}。',
  'history.probeNotReady':
    '{who} 正在运行但未就绪：{kind, select, liveness {存活} readiness {就绪} other {启动}}探针{action, select, none {} other {（{action}）}}失败{said, select, none {{listens, select, none {} other {（容器监听的是 {listens}）}}} other {（{said}{listens, select, none {} other {；容器监听的是 {listens}}}）}}。',
  'history.probeWaitsOnServer':
    '{server} 返回 {state}，所以 {who} 的{kind, select, liveness {存活} readiness {就绪} other {启动}}探针{action, select, none {} other {（{action}）}}失败{said, select, none {} other {（{said}）}}。',
  'history.probeWaitsOn':
    '{who} 的{kind, select, liveness {存活} readiness {就绪} other {启动}}探针{action, select, none {} other {（{action}）}}失败：{dependency, select, none {它依赖的服务无法连接} other {无法连接到 {dependency}}}{said, select, none {} other {（{said}）}}。',
  'history.checkDependency': '先修复 {object}：探针在等它',
  'history.probePort': '把探针指向容器实际监听的端口',
  'history.probeCheck': '核对探针的路径和端口是否与应用提供的一致，并检查超时设置',
  'history.podRestarts':
    'Pod {pod} 的容器 {container}：{ready, select, yes {当前已就绪} other {未就绪}}，已重启 {count} 次',
  'history.podNotReady': 'Pod {pod}：运行中，Ready=False',
  'history.probeListens':
    '{kind, select, liveness {存活} readiness {就绪} other {启动}}探针 {action}：{ports, select, none {容器没有声明任何端口} other {容器监听的是 {ports}}}',
  'history.eventKilling':
    '事件 Killing ×{count}（最近一次 {agoUnit, select, min {{ago} 分钟前} h {{ago} 小时前} days {{ago} 天前} other {时间不明}}）：容器 {container} 的{kind, select, liveness {存活} readiness {就绪} other {启动}}探针失败',
  'history.eventUnhealthy': '事件 Unhealthy ×{count}：{message}',
  'history.lastTerminated':
    '上次终止于 {agoUnit, select, min {{ago} 分钟前} h {{ago} 小时前} days {{ago} 天前} other {时间不明}}：退出码 {exitCode}{reason, select, none {} other {（{reason}）}}',
  'history.eventBackOff':
    '事件 BackOff ×{count}（最近一次 {agoUnit, select, min {{ago} 分钟前} h {{ago} 小时前} days {{ago} 天前} other {时间不明}}）',
  'history.morePods': '{count} 个 Pod {what, select, restarted {被探针重启} other {未就绪}}',
  'history.jobFailed': '{job} 失败（{reason}）{detail, select, none {} other {：{detail}}}。',
  'history.jobCondition': '状态 Failed {reason}：{message}',
  'history.jobCounts': '成功 {succeeded}，失败 {failed}，重试上限 {backoffLimit}',
  'history.jobPodsGone': '这个 Job 的 Pod 都已不存在，没有日志可读',
  'history.eventResolved':
    '事件 FailedCreate ×{count}（{agoUnit, select, min {{ago} 分钟前} h {{ago} 小时前} days {{ago} 天前} other {时间不明}}）已解决：{why, select, exists {{object} 现在已存在} other {最近一次出现在最新一次尝试开始之前（{sinceUnit, select, min {{since} 分钟前} h {{since} 小时前} days {{since} 天前} other {时间不明}}）}}',
  'history.eventFailedCreate': '事件 FailedCreate ×{count}：{message}',
  'history.serviceAccountMissing': 'ServiceAccount {account} 不存在，所以无法创建它的 Pod',
  'history.cronJobFailingBefore':
    '{cronJob} 持续失败：最近一次的 Job {job} 失败（{reason}），且没有留下 Pod；上一次运行的 Job {before} 失败：{detail}。',
  'history.cronJobFailing':
    '{cronJob} 持续失败：最近一次的 Job {job} 失败{detail, select, none {（{reason}）} other {：{detail}}}。',
  'history.cronJobRunFailed':
    'Job {job}：失败{reason, select, none {} other {（{reason}）}}{message, select, none {} other { {message}}}',
  'history.cronJobRunBefore': '下面的日志来自上一次运行的 Job {job}',
  'history.cronJobNotRun': '{cronJob} 自 {last} 以来一直没有运行，但它的调度是“{schedule}”。',
  'history.cronJobSchedule':
    '上次调度时间 {last}，调度 {schedule}{timeZone, select, none {} other {（{timeZone}）}}',
  'history.cronJobDue': '下一次运行应在 {due}，已经过了 {late} 分钟',
  'history.cronJobCheck': '检查 {component} 和 {field}',
  'history.serverNotServing': '{server} 返回 {state}：它已启动，但还不能提供服务',
  'history.serverSilent': '{server} 没有响应探针的检查',
};
