// The bridge between the sandboxed page and main: `window.tokenDesk` with one function per rpc
// method, each bound to its own channel, and one subscribe function per event. Built by mapping
// over the contract's names, so it always matches the contract, and nothing in it lets the page
// choose a channel: the page can call exactly the contract's operations and nothing else.
// Bundled to CommonJS with its imports inlined, as sandboxed preloads require.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  channelOf,
  EVENT_NAMES,
  METHOD_NAMES,
  type EventName,
  type MethodName,
  type PreloadApi,
} from '../main/rpc/contract.js';

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, payload: unknown) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: IpcRendererEvent, payload: unknown) => void,
  ): unknown;
}

export function buildPreloadApi(ipc: IpcRendererLike): PreloadApi {
  const methodFunction = (method: MethodName) => {
    const channel = channelOf(method);
    // Exactly one argument crosses, whatever the page passes.
    return (params: unknown) => ipc.invoke(channel, params);
  };

  const subscribeFunction = (event: EventName) => {
    const channel = channelOf(event);
    return (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function')
        throw new TypeError(`tokenDesk.on['${event}'] needs a function`);
      // The page gets the payload only, never the IpcRendererEvent (its `sender` is ipcRenderer).
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipc.on(channel, wrapped);
      return () => {
        ipc.removeListener(channel, wrapped);
      };
    };
  };

  return Object.freeze({
    call: Object.freeze(
      Object.fromEntries(METHOD_NAMES.map((method) => [method, methodFunction(method)])),
    ),
    on: Object.freeze(
      Object.fromEntries(EVENT_NAMES.map((event) => [event, subscribeFunction(event)])),
    ),
  }) as unknown as PreloadApi;
}

contextBridge.exposeInMainWorld('tokenDesk', buildPreloadApi(ipcRenderer));
