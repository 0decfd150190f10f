// Plain-language formatting of times, sizes and durations for the UI. Time left is written as
// everywhere else (the tray, notifications): the shared vocabulary's formatTimeLeft.

export { describeSeconds, formatTimeLeft } from '../../../main/vocabulary/index.js';

/** "45 s", "12 min", "3 h", "2 days": for "expires in …" and "… ago". */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} days`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How long a request took: "120 ms", "1.20 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString();
}
