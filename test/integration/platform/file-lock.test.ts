import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_LOCK_TIMEOUT_MS, createFileLock } from '../../../main/platform/node/file-lock.js';
import { worstCaseTokenCallMs } from '../../../main/core/zoho/oauth-client.js';
import { rejection } from '../../support/typed-errors.js';

const run = promisify(execFile);
let home: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'td-lock-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('file lock: how long a waiter waits', () => {
  it('outlasts the slowest refresh another process can be making (every attempt timing out, with backoff)', () => {
    // A `token` process waiting behind a slow refresh must not give up while the refresh can still
    // succeed: the default wait is longer than the worst case, with room for the writes around it.
    expect(DEFAULT_LOCK_TIMEOUT_MS).toBeGreaterThanOrEqual(worstCaseTokenCallMs() + 10_000);
  });
});

describe('file lock within one process', () => {
  it('serializes holders of the same key, across lock instances on the same home', async () => {
    const locks = [createFileLock({ home }), createFileLock({ home })];
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        locks[i % 2]!.withLock('store', async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setImmediate(r));
          order.push(i);
          active -= 1;
        }),
      ),
    );
    expect(maxActive).toBe(1);
    expect(order).toHaveLength(12);
    expect(statSync(join(home, 'locks')).mode & 0o777).toBe(0o700);
  });

  it('lets different keys proceed independently', async () => {
    const lock = createFileLock({ home });
    const hold = deferred();
    const holding = lock.withLock('refresh-a', () => hold.promise);
    await expect(lock.withLock('refresh-b', async () => 'b done')).resolves.toBe('b done');
    hold.resolve();
    await holding;
  });

  it('releases the lock when the holder throws, and passes the error on', async () => {
    const lock = createFileLock({ home });
    await expect(
      lock.withLock('store', async () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    await expect(lock.withLock('store', async () => 'next')).resolves.toBe('next');
    await expect(
      lockfile.check(join(home, 'locks', 'store'), {
        realpath: false,
        lockfilePath: join(home, 'locks', 'store.lock'),
      }),
    ).resolves.toBe(false);
  });

  it('times out with lock_timeout instead of hanging behind a stuck holder in the same process', async () => {
    const lock = createFileLock({ home, timeoutMs: 200 });
    const hold = deferred();
    const holding = lock.withLock('store', () => hold.promise);
    const error = await rejection(lock.withLock('store', async () => 'never'));
    expect(error).toMatchObject({ code: 'lock_timeout', category: 'local' });
    expect(error.message).toContain('"store"');
    hold.resolve();
    await holding;
    await expect(lock.withLock('store', async () => 'after')).resolves.toBe('after');
  });

  it('times out with lock_timeout when another process holds the lock file', async () => {
    mkdirSync(join(home, 'locks'), { recursive: true });
    const lockfilePath = join(home, 'locks', 'vault.lock');
    const release = await lockfile.lock(join(home, 'locks', 'vault'), {
      realpath: false,
      lockfilePath,
    });
    try {
      const error = await rejection(
        createFileLock({ home, timeoutMs: 300 }).withLock('vault', async () => 'never'),
      );
      expect(error.code).toBe('lock_timeout');
      expect(error.remedy).toMatch(/Wait for the other Token Desk process/);
      expect(error.details.lockfilePath).toBe(lockfilePath);
    } finally {
      await release();
    }
  });

  it('takes over a lock left by a crashed process once it is stale', async () => {
    const lockDir = join(home, 'locks', 'store.lock');
    mkdirSync(lockDir, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lockDir, longAgo, longAgo);
    await expect(
      createFileLock({ home, timeoutMs: 2_000 }).withLock('store', async () => 'taken over'),
    ).resolves.toBe('taken over');
  });

  it('keeps odd keys inside the locks folder and apart from each other', async () => {
    const lock = createFileLock({ home });
    const hold = deferred();
    const holding = lock.withLock('../escape', () => hold.promise);
    await expect(lock.withLock('.._escape', async () => 'separate')).resolves.toBe('separate');
    hold.resolve();
    await holding;
  });
});

describe('file lock across processes', () => {
  it('4 processes x 20 increments under the lock end at exactly 80', async () => {
    const counter = join(home, 'counter.txt');
    writeFileSync(counter, '0');
    const worker = join(home, 'worker.mjs');
    // All workers start together (a barrier of ready files), then read, yield, and write: without
    // the lock, increments are lost (checked by hand: 4 unlocked workers end far from 80).
    writeFileSync(
      worker,
      `
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const { createFileLock } = await import(process.env.LOCK_MODULE);
const lock = createFileLock({ home: process.env.LOCK_HOME });
writeFileSync(join(process.env.BARRIER, 'ready-' + process.pid), '');
while (readdirSync(process.env.BARRIER).length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
for (let i = 0; i < 20; i += 1) {
  await lock.withLock('counter', async () => {
    const value = Number(readFileSync(process.env.COUNTER, 'utf8'));
    await new Promise((resolve) => setImmediate(resolve));
    writeFileSync(process.env.COUNTER, String(value + 1));
  });
}
`,
    );
    const barrier = join(home, 'barrier');
    mkdirSync(barrier);
    const env = {
      ...process.env,
      BARRIER: barrier,
      LOCK_MODULE: pathToFileURL(resolve('main/platform/node/file-lock.ts')).href,
      LOCK_HOME: home,
      COUNTER: counter,
    };
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, ['--import', 'tsx', worker], {
          env,
          cwd: process.cwd(),
          timeout: 60_000,
        }),
      ),
    );
    for (const result of results) expect(result.stderr).toBe('');
    expect(readFileSync(counter, 'utf8')).toBe('80');
  });
});
