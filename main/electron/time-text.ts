// Short, plain-language time texts for the tray menu and notifications.

const MINUTE = 60_000;

/** "58 min", "1 h 5 min", "less than a minute". */
export function formatDuration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Local wall-clock time, e.g. "14:05" (or "2:05 PM", as the OS locale says). */
export function formatClockTime(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(ms);
}
