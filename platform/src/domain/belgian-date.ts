const BELGIAN_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Today's date (YYYY-MM-DD) in Belgium at instant `now`: a decision taken at 00:30 in Brussels is
 * dated that day even though it is still the previous day in UTC.
 */
export function todayInBelgium(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayInBelgium needs a valid instant');
  return BELGIAN_DATE.format(now);
}
