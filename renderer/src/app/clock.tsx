// Time for countdowns: one shared one-second ticker and an injectable `now()`, so every countdown
// on screen moves together and tests drive time by hand (no fixed sleeps).

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

export interface Clock {
  now(): number;
  /** Calls onTick about once a second until the returned function is called. */
  subscribe(onTick: () => void): () => void;
}

function createSystemClock(intervalMs = 1000): Clock {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    now: () => Date.now(),
    subscribe(onTick) {
      listeners.add(onTick);
      timer ??= setInterval(() => listeners.forEach((listener) => listener()), intervalMs);
      return () => {
        listeners.delete(onTick);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
  };
}

export const systemClock = createSystemClock();

const ClockContext = createContext<Clock>(systemClock);

export function ClockProvider({ clock, children }: { clock: Clock; children: ReactNode }) {
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

export const useClock = (): Clock => useContext(ClockContext);

/** The current time, re-rendering the caller on every tick of the clock. */
export function useNow(): number {
  const clock = useClock();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    setNow(clock.now());
    return clock.subscribe(() => setNow(clock.now()));
  }, [clock]);
  return now;
}
