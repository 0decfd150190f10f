// Types of scripts/start-decision.mjs (a plain script, so `npm start` needs no build), for the tests.

export declare const DESKTOP_NODE_MIN: string;

export interface StartFacts {
  platform: string;
  nodeVersion: string;
  desktopNodeMin?: string;
  env: { DISPLAY?: string | undefined; WAYLAND_DISPLAY?: string | undefined };
  runtime: 'present' | 'missing' | 'fetch-failed';
  probe?: 'ok' | 'failed';
}

export type StartDecision =
  | { action: 'desktop' }
  | { action: 'fetch' }
  | { action: 'probe' }
  | { action: 'browser'; reason: string };

export declare function versionAtLeast(a: string, b: string): boolean;
export declare function displayPresent(platform: string, env: StartFacts['env']): boolean;
export declare function decideStart(facts: StartFacts): StartDecision;
