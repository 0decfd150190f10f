// LockPort across processes (several token-desk runs, the desktop app) with proper-lockfile: an
// atomic mkdir of `<home>/locks/<key>.lock`, refreshed while held and taken over when stale (a
// crashed holder). Calls within one process first queue in memory, so they serialize without
// polling the file; waiting (in memory or on the file) ends with lock_timeout, never a hang.

import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { TokenDeskError } from '../../core/errors.js';
import type { LockPort } from '../../core/ports.js';
import { worstCaseTokenCallMs } from '../../core/zoho/oauth-client.js';

export interface FileLockOptions {
  /** Token Desk home folder; lock files live in `<home>/locks/`. */
  home: string;
  /** How long to wait for a lock before lock_timeout (default: a worst-case refresh + 30 s, ~94 s). */
  timeoutMs?: number;
  /** A lock not refreshed for this long belongs to a dead process and is taken over (default 15 s). */
  staleMs?: number;
}

/**
 * A `token` process waiting behind another one's refresh must outlast that refresh at its slowest
 * (every attempt timing out, with backoff), or it would fail while the other is about to succeed.
 * The margin covers the store and vault writes around the call and a slow start.
 */
export const DEFAULT_LOCK_TIMEOUT_MS = worstCaseTokenCallMs() + 30_000;
export const DEFAULT_LOCK_STALE_MS = 15_000;

// Keyed by lock file path and shared by every FileLock in the process: two adapters on the same
// home (the vault's and the store's) must queue behind each other, not poll each other's file.
const queues = new Map<string, Promise<void>>();

export function createFileLock(options: FileLockOptions): LockPort {
  const locksDir = join(options.home, 'locks');
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_LOCK_STALE_MS;

  return {
    async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      const name = lockFileName(key);
      const lockfilePath = join(locksDir, `${name}.lock`);
      const deadline = Date.now() + timeoutMs;
      const leaveQueue = await takeTurn(lockfilePath, deadline, () =>
        lockTimeout(key, lockfilePath, timeoutMs),
      );
      try {
        mkdirSync(locksDir, { recursive: true, mode: 0o700 });
        const release = await acquire(join(locksDir, name), lockfilePath, staleMs, deadline, () =>
          lockTimeout(key, lockfilePath, timeoutMs),
        );
        try {
          return await fn();
        } finally {
          // A failed release means the lock was already lost (compromised) or removed; the work is
          // done either way, and the next holder will find the lock free or stale.
          await release().catch(() => undefined);
        }
      } finally {
        leaveQueue();
      }
    },
  };
}

/** Waits for this process's earlier holders of the same lock; returns the function that lets the next one in. */
async function takeTurn(
  lockfilePath: string,
  deadline: number,
  onTimeout: () => Error,
): Promise<() => void> {
  const previous = queues.get(lockfilePath) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  // Later callers wait for the earlier holder too, even if this caller gives up waiting.
  const tail = previous.then(() => mine);
  queues.set(lockfilePath, tail);
  const leave = () => {
    release();
    if (queues.get(lockfilePath) === tail) queues.delete(lockfilePath);
  };
  try {
    await untilDeadline(previous, deadline, onTimeout);
  } catch (error) {
    leave();
    throw error;
  }
  return leave;
}

async function acquire(
  target: string,
  lockfilePath: string,
  staleMs: number,
  deadline: number,
  onTimeout: () => Error,
): Promise<() => Promise<void>> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await lockfile.lock(target, {
        lockfilePath,
        realpath: false,
        stale: staleMs,
        retries: 0,
        // The default throws from a timer and kills the process; losing the lock (e.g. after the
        // machine slept past the stale time) is survivable, so it is only noted by the failed release.
        onCompromised: () => undefined,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED')
        throw lockFailed(lockfilePath, error);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw onTimeout();
      // Exponential backoff with jitter, so waiting processes do not poll in lockstep.
      const backoff = Math.min(1_000, 15 * 1.5 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, Math.min(remaining, backoff)));
    }
  }
}

async function untilDeadline(
  waitFor: Promise<void>,
  deadline: number,
  onTimeout: () => Error,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, deadline - Date.now()));
  });
  try {
    await Promise.race([waitFor, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lock keys are names like "store" or "refresh-<id>"; anything else is made file-safe and kept distinct. */
function lockFileName(key: string): string {
  if (/^[A-Za-z0-9._-]{1,100}$/.test(key) && !key.startsWith('.')) return key;
  const safe = key.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60);
  return `${safe}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}

function lockTimeout(key: string, lockfilePath: string, timeoutMs: number): TokenDeskError {
  return new TokenDeskError(
    'lock_timeout',
    `Waited ${Math.round(timeoutMs / 1000)} s for the "${key}" lock: another Token Desk process (a token-desk command or the desktop app) is holding it.`,
    {
      category: 'local',
      remedy:
        'Wait for the other Token Desk process to finish and try again. If one is stuck, end it; ' +
        `a lock left by a crashed process expires by itself after a few seconds (${lockfilePath}).`,
      details: { key, lockfilePath },
    },
  );
}

function lockFailed(lockfilePath: string, cause: unknown): TokenDeskError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new TokenDeskError(
    'lock_failed',
    `Token Desk could not create its lock ${lockfilePath}${code ? ` (${code})` : ''}.`,
    {
      category: 'local',
      remedy: 'Check that the Token Desk home folder exists and is writable by you.',
      details: { lockfilePath },
      cause,
    },
  );
}
