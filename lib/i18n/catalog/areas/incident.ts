// Catalogue area "incident": an incident's thread: joined alerts, escalation, resolved, firing again. Spread into the three catalogues (lib/i18n/catalog/*.ts); one key, three languages.
import type { AreaCatalog } from './area.ts';

export const en = {
  'incident.alsoFiring': '➕ Also firing: {names} — {count, plural, one {# alert} other {# alerts}} firing',
  'incident.severityUp':
    '🔺 Severity up to {severity}: {names} — {count, plural, one {# alert} other {# alerts}} firing',
  'incident.severityUpWas':
    '🔺 Severity up to {severity} (was {was}): {names} — {count, plural, one {# alert} other {# alerts}} firing',
  'incident.higherSeverity': 'higher',
  'incident.resolvedNote': '✅ Resolved: {title}, after {duration}',
  'incident.statusLabel': 'Status',
  'incident.resolvedAfter': 'resolved after {duration}',
  'incident.resolvedSummary': 'Resolved after {duration}. {summary}',
  'incident.firingAgain': '🔴 Firing again: {title}',
  'incident.newCause': '🔁 New root cause: {object} — {detail}',
  'incident.minutes': '{minutes} min',
  'incident.hours': '{hours} h',
  'incident.hoursMinutes': '{hours} h {minutes} min',
  'incident.daysHours': '{days, plural, one {# day} other {# days}} {hours} h',
} as const satisfies Record<string, string>;

export const zhTW: AreaCatalog<typeof en> = {
  'incident.alsoFiring': '➕ 另有告警觸發：{names}（{count, plural, other {#}} 個告警觸發中）',
  'incident.severityUp': '🔺 嚴重度升為 {severity}：{names}（{count, plural, other {#}} 個告警觸發中）',
  'incident.severityUpWas':
    '🔺 嚴重度升為 {severity}（原為 {was}）：{names}（{count, plural, other {#}} 個告警觸發中）',
  'incident.higherSeverity': '更高',
  'incident.resolvedNote': '✅ 已解決：{title}，持續 {duration}',
  'incident.statusLabel': '狀態',
  'incident.resolvedAfter': '已解決，持續 {duration}',
  'incident.resolvedSummary': '已解決，持續 {duration}。{summary}',
  'incident.firingAgain': '🔴 再次觸發：{title}',
  'incident.newCause': '🔁 新的根本原因：{object}：{detail}',
  'incident.minutes': '{minutes} 分鐘',
  'incident.hours': '{hours} 小時',
  'incident.hoursMinutes': '{hours} 小時 {minutes} 分鐘',
  'incident.daysHours': '{days, plural, other {#}} 天 {hours} 小時',
};

export const zhCN: AreaCatalog<typeof en> = {
  'incident.alsoFiring': '➕ 另有告警触发：{names}（{count, plural, other {#}} 个告警触发中）',
  'incident.severityUp': '🔺 严重级别升至 {severity}：{names}（{count, plural, other {#}} 个告警触发中）',
  'incident.severityUpWas':
    '🔺 严重级别升至 {severity}（原为 {was}）：{names}（{count, plural, other {#}} 个告警触发中）',
  'incident.higherSeverity': '更高',
  'incident.resolvedNote': '✅ 已解决：{title}，持续 {duration}',
  'incident.statusLabel': '状态',
  'incident.resolvedAfter': '已解决，持续 {duration}',
  'incident.resolvedSummary': '已解决，持续 {duration}。{summary}',
  'incident.firingAgain': '🔴 再次触发：{title}',
  'incident.newCause': '🔁 新的根本原因：{object}：{detail}',
  'incident.minutes': '{minutes} 分钟',
  'incident.hours': '{hours} 小时',
  'incident.hoursMinutes': '{hours} 小时 {minutes} 分钟',
  'incident.daysHours': '{days, plural, other {#}} 天 {hours} 小时',
};
