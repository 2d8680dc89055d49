import { parkingFee, STANDARD, type Tariff } from './tariff.js';

/** Minutes from entry to exit, both "HH:MM"; an exit earlier than the entry is on the next day. */
export function minutesBetween(entry: string, exit: string): number {
  const start = toMinutes(entry);
  const end = toMinutes(exit);
  return end >= start ? end - start : end + 24 * 60 - start;
}

function toMinutes(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new SyntaxError(`not a time: ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export interface Ticket {
  plate: string;
  entry: string;
  exit: string;
}

/** What each plate owes for its tickets, in euros. */
export function settle(tickets: Ticket[], tariff: Tariff = STANDARD): Map<string, number> {
  const owed = new Map<string, number>();
  for (const ticket of tickets) {
    const fee = parkingFee(minutesBetween(ticket.entry, ticket.exit), tariff);
    owed.set(ticket.plate, Math.round(((owed.get(ticket.plate) ?? 0) + fee) * 100) / 100);
  }
  return owed;
}
