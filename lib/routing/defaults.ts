// Where an event goes when no rule of ROUTES matches (or ROUTES is unset): what the older settings say.
import { alertDestinations, channelNames, type Destination } from '../chat/index.ts';
import type { Config } from '../config/index.ts';
import { ConfigError } from '../config/index.ts';
import type { ReportSource } from '../report/index.ts';

/** ARGOCD_CHANNELS, else where alerts go. */
export function argocdDestinations(config: Config): Destination[] {
  if (!config.ARGOCD_CHANNELS?.length) return alertDestinations(config);
  return config.ARGOCD_CHANNELS.map(({ channel, to }) => {
    const known = channelNames.find((name) => name === channel);
    if (!known)
      throw new ConfigError(
        `ARGOCD_CHANNELS: no chat channel '${channel}' (known: ${channelNames.join(', ')})`,
      );
    return { channel: known, to };
  });
}

/** Argo CD: ARGOCD_CHANNELS; everything else: the alert destinations (SLACK_CHANNEL, LINE_ALERT_TO). */
export function defaultDestinations(config: Config, source: ReportSource): Destination[] {
  return source === 'argocd' ? argocdDestinations(config) : alertDestinations(config);
}
