// The preload calls contextBridge at import time, so this one test mocks the 'electron' module;
// everything it checks goes through buildPreloadApi's ipcRenderer parameter.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  channelOf,
  EVENT_NAMES,
  METHOD_NAMES,
  type PreloadApi,
} from '../../../main/rpc/contract.js';

const exposed = vi.hoisted(() => ({ key: '', api: undefined as unknown }));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => Object.assign(exposed, { key, api }),
  },
  ipcRenderer: {
    invoke: async () => undefined,
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc() {
  const listeners = new Map<string, Set<Listener>>();
  return {
    listeners,
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({
      ok: true,
      result: { channel, args },
    })),
    on: (channel: string, listener: Listener) =>
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel: string, listener: Listener) =>
      listeners.get(channel)?.delete(listener),
    emit: (channel: string, payload: unknown) =>
      listeners.get(channel)?.forEach((listener) => listener({ sender: 'ipcRenderer' }, payload)),
  };
}

let buildPreloadApi: (ipc: ReturnType<typeof fakeIpc>) => PreloadApi;
beforeAll(async () => {
  ({ buildPreloadApi } = (await import('../../../preload/index.js')) as unknown as {
    buildPreloadApi: typeof buildPreloadApi;
  });
});

describe('preload bridge', () => {
  it('exposes window.tokenDesk with exactly { call, on }', () => {
    expect(exposed.key).toBe('tokenDesk');
    expect(Object.keys(exposed.api as object).sort()).toEqual(['call', 'on']);
  });

  it('has one function per contract method and one subscribe function per event, nothing else', () => {
    const api = buildPreloadApi(fakeIpc());
    expect(Object.keys(api.call).sort()).toEqual([...METHOD_NAMES].sort());
    expect(Object.keys(api.on).sort()).toEqual([...EVENT_NAMES].sort());
    expect(Object.isFrozen(api) && Object.isFrozen(api.call) && Object.isFrozen(api.on)).toBe(true);
  });

  it('each method invokes its own channel with exactly one argument', async () => {
    const ipc = fakeIpc();
    const api = buildPreloadApi(ipc);
    for (const method of METHOD_NAMES) {
      await (api.call[method] as (...args: unknown[]) => Promise<unknown>)(
        { probe: method },
        'smuggled',
        'channel',
      );
    }
    expect(ipc.invoke.mock.calls).toEqual(
      METHOD_NAMES.map((method) => [channelOf(method), { probe: method }]),
    );
  });

  it('a subscription gets the payload only and can unsubscribe', () => {
    const ipc = fakeIpc();
    const api = buildPreloadApi(ipc);
    const seen: unknown[] = [];
    const unsubscribe = api.on['connections.changed']((payload) => seen.push(payload));
    ipc.emit(channelOf('connections.changed'), {});
    unsubscribe();
    ipc.emit(channelOf('connections.changed'), { again: true });
    expect(seen).toEqual([{}]);
    expect(ipc.listeners.get(channelOf('connections.changed'))?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    const api = buildPreloadApi(fakeIpc());
    expect(() =>
      (api.on['authorization.progress'] as (l: unknown) => void)('not a function'),
    ).toThrow(TypeError);
  });
});
