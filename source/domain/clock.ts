/** `14:03:07` in the display zone: when live collection last looked, to the second. */
export function formatClock(date: Date, zone: string): string {
	return new Intl.DateTimeFormat('en-GB', {timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23'}).format(date);
}
