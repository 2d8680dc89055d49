/** The bus channel an event of a typed emitter is published on. */
export function channelOf<Events extends Record<string, unknown>>(event: keyof Events): string {
  return `evt:${String(event)}`;
}

/** How many handlers are subscribed to each event, by channel. */
export function subscriptionCounts(channels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const channel of channels) counts[channel] = (counts[channel] ?? 0) + 1;
  return counts;
}
