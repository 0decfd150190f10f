import { describe, expect, it } from 'vitest';
import {
  REFRESH_WINDOW_MS,
  describeWait,
  pruneRefreshLog,
  recordRefreshAttempt,
  refreshRateLimitedError,
  refreshRefusal,
} from '../../../../main/core/tokens/rate-guard.js';

const NOW = Date.UTC(2025, 2, 1, 10, 0, 0);
const MINUTE = 60_000;
const minutesAgo = (n: number) => NOW - n * MINUTE;

describe('pruneRefreshLog', () => {
  it('keeps attempts younger than 10 minutes, oldest first', () => {
    expect(
      pruneRefreshLog(
        [minutesAgo(1), minutesAgo(11), minutesAgo(10), NOW - REFRESH_WINDOW_MS + 1, minutesAgo(5)],
        NOW,
      ),
    ).toEqual([NOW - REFRESH_WINDOW_MS + 1, minutesAgo(5), minutesAgo(1)]);
  });

  it('pulls attempts from the future (clock set back) to now, so they block one window at most', () => {
    expect(pruneRefreshLog([NOW + 60 * MINUTE], NOW)).toEqual([NOW]);
  });

  it('records a new attempt on the pruned log', () => {
    expect(recordRefreshAttempt([minutesAgo(20), minutesAgo(2)], NOW)).toEqual([
      minutesAgo(2),
      NOW,
    ]);
  });
});

describe('refreshRefusal', () => {
  const log = (count: number, startMinutesAgo: number) =>
    Array.from({ length: count }, (_, i) => minutesAgo(startMinutesAgo) + i * 1000);

  it('allows up to 9 recent attempts', () => {
    expect(refreshRefusal({ refreshLog: log(9, 1) }, NOW)).toBeUndefined();
  });

  it('refuses at 10 until the oldest leaves the window', () => {
    const refreshLog = log(10, 4);
    expect(refreshRefusal({ refreshLog }, NOW)).toEqual({
      retryAt: minutesAgo(4) + REFRESH_WINDOW_MS,
      reason: 'local_limit',
    });
    expect(refreshRefusal({ refreshLog }, minutesAgo(4) + REFRESH_WINDOW_MS)).toBeUndefined();
  });

  it('with more than 10 (e.g. written by an older version), waits until only 9 remain', () => {
    const refreshLog = log(12, 4);
    expect(refreshRefusal({ refreshLog }, NOW)?.retryAt).toBe(refreshLog[2]! + REFRESH_WINDOW_MS);
  });

  it("honours Zoho's block, and the later of the two times when both apply", () => {
    expect(refreshRefusal({ refreshLog: [], refreshBlockedUntil: NOW + MINUTE }, NOW)).toEqual({
      retryAt: NOW + MINUTE,
      reason: 'zoho_throttled',
    });
    expect(refreshRefusal({ refreshLog: [], refreshBlockedUntil: NOW }, NOW)).toBeUndefined();
    expect(
      refreshRefusal({ refreshLog: log(10, 4), refreshBlockedUntil: NOW + MINUTE }, NOW)?.reason,
    ).toBe('local_limit');
    expect(
      refreshRefusal({ refreshLog: log(10, 9), refreshBlockedUntil: NOW + 5 * MINUTE }, NOW),
    ).toEqual({ retryAt: NOW + 5 * MINUTE, reason: 'zoho_throttled' });
  });
});

describe('refreshRateLimitedError', () => {
  it('says what happened, when to retry (UTC ISO time and a countdown), and carries retryAt', () => {
    const error = refreshRateLimitedError(
      'acme',
      { retryAt: NOW + 90_000, reason: 'local_limit' },
      NOW,
    );
    expect(error).toMatchObject({
      code: 'refresh_rate_limited',
      category: 'refused',
      details: { connection: 'acme', retryAt: NOW + 90_000 },
    });
    expect(error.message).toContain('"acme"');
    expect(error.message).toContain('10 token refreshes per 10 minutes');
    expect(error.remedy).toContain('2025-03-01T10:01:30Z (in 2 minutes)');
  });

  it('rounds waits up, so nobody comes back early', () => {
    expect(describeWait(1)).toBe('in 1 second');
    expect(describeWait(59_001)).toBe('in 1 minute');
    expect(describeWait(45_000)).toBe('in 45 seconds');
    expect(describeWait(60_001)).toBe('in 2 minutes');
    expect(describeWait(-5)).toBe('in 1 second');
  });
});
