// Parsers for option and argument values (commander argParsers). A bad value is a usage error
// (exit 2) of one line that names the option, the value and a good example.

import { inputError } from '../core/errors.js';

export { describeSeconds } from '../vocabulary/index.js';

/** Longest --timeout: an hour is more than any sign-in needs, and keeps timers in range. */
export const MAX_TIMEOUT_SECONDS = 3600;

function wholeNumber(flag: string, value: string, example: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw inputError(
      'bad_number',
      `${flag} takes a whole number of seconds, not "${value}".`,
      `For example ${flag} ${example}.`,
    );
  }
  return n;
}

/** Seconds, 0 or more (e.g. --min-valid). */
export function parseSeconds(flag: string, example = '300') {
  return (value: string): number => wholeNumber(flag, value, example);
}

/** A wait in seconds, 1 to MAX_TIMEOUT_SECONDS (e.g. --timeout): 0 would give up at once. */
export function parseTimeoutSeconds(flag: string) {
  return (value: string): number => {
    const n = wholeNumber(flag, value, '300');
    if (n < 1 || n > MAX_TIMEOUT_SECONDS) {
      throw inputError(
        'bad_number',
        `${flag} must be between 1 and ${MAX_TIMEOUT_SECONDS} seconds, not ${n}.`,
        `For example ${flag} 300 (five minutes).`,
      );
    }
    return n;
  };
}

/** A TCP port: 1-65535, or 0 for any free one. */
export function parsePort(flag: string) {
  return (value: string): number => {
    const n = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n) || n < 0 || n > 65535) {
      throw inputError(
        'bad_port',
        `${flag} takes a port number from 1 to 65535 (or 0 for any free port), not "${value}".`,
        `For example ${flag} 8787, or leave it out to let Token Desk pick a free port.`,
      );
    }
    return n;
  };
}
