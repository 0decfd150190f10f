// The core's FetchPort over Electron's net.fetch: Chromium's network stack, so the system proxy
// settings (and PAC files, and the OS certificate store) apply, unlike Node's fetch. Two defaults
// are changed for every call: no cookies (tokens travel in headers; nothing from Zoho should ride
// along in, or be kept by, the window's session) and no HTTP cache (API answers carry customer
// data and must not land in the cache folder).

import type { FetchPort } from '../core/ports.js';

/** RequestInit as Chromium (and undici at run time) take it; Node's types leave out `cache`. */
export type NetRequestInit = RequestInit & {
  cache?: 'default' | 'no-store' | 'reload' | 'no-cache' | 'force-cache' | 'only-if-cached';
};

/** The part of Electron's `net` used here. */
export interface NetLike {
  fetch(input: string, init?: NetRequestInit): Promise<Response>;
}

export function createNetFetch(net: NetLike): FetchPort {
  return (input, init) =>
    net.fetch(typeof input === 'string' ? input : input.href, {
      ...init,
      credentials: 'omit',
      cache: 'no-store',
    });
}
