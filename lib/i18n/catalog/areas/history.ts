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
};
