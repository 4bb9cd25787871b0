// A message the bot posted, as a store keeps it to answer under it or edit it later (Slack: channel + ts; LINE: the
// chat only, a LINE message cannot be edited).
import { z } from 'zod';

export const PostedMessage = z.object({
  channel: z.string(),
  to: z.string(),
  id: z.string().optional(),
  thread: z.string().optional(),
});
export type PostedMessage = z.infer<typeof PostedMessage>;
