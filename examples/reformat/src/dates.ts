const DAY_MS = 24*60*60*1000;
export function startOfDayUTC(date: Date): Date {
   return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
export function addDays(date: Date, days: number): Date { return new Date(date.getTime() + days*DAY_MS); }
export function daysBetween(from: Date, to: Date): number {
   const a = startOfDayUTC(from).getTime(), b = startOfDayUTC(to).getTime();
   return Math.round((b-a)/DAY_MS);
}
export function isWeekend(date: Date): boolean {
    const day = date.getUTCDay();
    return day === 0 || day === 6;
}
export function addBusinessDays(date: Date, days: number): Date {
  let result = startOfDayUTC(date); let remaining = days;
  while (remaining > 0) { result = addDays(result, 1); if (!isWeekend(result)) remaining--; }
  return result;
}
export function toISODate(date: Date): string { return date.toISOString().slice(0,10); }
