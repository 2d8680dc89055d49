/** Whether February of `year` has 29 days. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** How many days the month of `date` has (UTC). */
export function daysInMonth(date: Date): number {
  const month = date.getUTCMonth();
  if (month === 1) return isLeapYear(date.getUTCFullYear()) ? 29 : 28;
  // 31 for January, March, May, July, August, October and December
  return month < 7 ? 31 - (month % 2) : 30 + (month % 2);
}
