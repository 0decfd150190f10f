import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../../../main/core/tokens/single-flight.js';
import { createDeferred } from '../../../support/fakes.js';

describe('SingleFlight', () => {
  it('shares one running piece of work between callers of the same key', async () => {
    const flights = new SingleFlight<string>();
    const gate = createDeferred<string>();
    let started = 0;
    const work = () => {
      started += 1;
      return gate.promise;
    };
    const a = flights.run('k', work);
    const b = flights.run('k', work);
    expect(b).toBe(a);
    gate.resolve('token');
    expect(await Promise.all([a, b])).toEqual(['token', 'token']);
    expect(started).toBe(1);
  });

  it('keeps keys apart', async () => {
    const flights = new SingleFlight<string>();
    const [a, b] = await Promise.all([
      flights.run('a', async () => 'A'),
      flights.run('b', async () => 'B'),
    ]);
    expect([a, b]).toEqual(['A', 'B']);
  });

  it('forgets the work once it settles, whether it succeeded or failed', async () => {
    const flights = new SingleFlight<number>();
    await flights.run('k', async () => 1);
    expect(flights.isRunning('k')).toBe(false);
    await expect(flights.run('k', async () => Promise.reject(new Error('no')))).rejects.toThrow(
      'no',
    );
    expect(flights.isRunning('k')).toBe(false);
    expect(await flights.run('k', async () => 2)).toBe(2);
  });

  it('cleans up after work that throws synchronously', async () => {
    const flights = new SingleFlight<number>();
    await expect(
      flights.run('k', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(flights.isRunning('k')).toBe(false);
    expect(await flights.run('k', async () => 3)).toBe(3);
  });
});
