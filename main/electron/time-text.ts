// Short, plain-language time texts for notifications. Time left and lengths of time are the
// shared vocabulary's (formatTimeLeft, describeSeconds), as in the window and the CLI.

/** Local wall-clock time, e.g. "14:05" (or "2:05 PM", as the OS locale says). */
export function formatClockTime(ms: number): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(ms);
}
