// Small pieces of wording and ordering that every shell shows alike: a server named by its host,
// names in natural order, and lengths of time.

/**
 * Host (and port) only, for progress lines and messages: the path and query of a call are
 * nobody's business there. Something that is not a URL is not echoed either.
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

const naturalOrder = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * Natural order for connection and org names: "Org 2" before "Org 10", "client-9" before
 * "client-10", letters compared without regard to case or accents first, then exactly, so that
 * the order is total (the sidebar, the tray menu and `token-desk list` agree).
 */
export function compareNatural(a: string, b: string): number {
  return naturalOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Time left, as a countdown: "59:57" under an hour, "1 h 04 min" above, "0:00" once past. The
 * one format for "time left" (the token card, the wizard's code, the tray menu, notifications).
 */
export function formatTimeLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A set length of seconds: "45 s", "5 min", "1 min 30 s" (1 second never reads "1 min"). */
export function describeSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** In words, for messages: "just now", "45 seconds ago", "4 minutes ago", "3 hours ago". */
export function describeAgo(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'just now';
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}
