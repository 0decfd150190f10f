// Plain-text rendering for the terminal: aligned tables, the --json text and human times. No
// colours, so output is the same in a pipe and in a terminal.

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n') + '\n';
}

/** What --json prints for scripts: indented two spaces, one line end after it. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** "in 42 min", "in 3 s", "expired 5 min ago". */
export function relativeTime(target: number, now: number): string {
  const delta = target - now;
  const abs = Math.abs(delta);
  const text =
    abs < 90_000
      ? `${Math.round(abs / 1000)} s`
      : abs < 5_400_000
        ? `${Math.round(abs / 60_000)} min`
        : `${Math.round(abs / 3_600_000)} h`;
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}
