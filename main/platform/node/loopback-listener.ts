// The loopback listener port with node:http: one server per address, answering each request with
// the receiver's response. It owns only the socket work (exclusive listen, sending, closing every
// connection, idle ones too); the receiver in main/core/auth decides everything else. It never
// logs: the request URL holds the authorization code.

import { createServer, type ServerResponse } from 'node:http';
import type {
  LoopbackListener,
  LoopbackListenerPort,
  LoopbackRequest,
  LoopbackResponse,
} from '../../core/ports.js';

export const nodeLoopbackListener: LoopbackListenerPort = {
  async listen({ address, port, handle }) {
    // Answers not yet fully handed to the system: closing waits for them.
    const sending = new Set<ServerResponse>();
    const server = createServer((req, res) => {
      sending.add(res);
      const done = () => sending.delete(res);
      res.once('finish', done);
      res.once('close', done);
      send(res, answer(handle, { method: req.method ?? 'GET', url: req.url ?? '/' }));
    });

    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        server.off('listening', onListening);
        reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ port, host: address, ipv6Only: address.includes(':'), exclusive: true });
    });

    const bound = server.address();
    const listener: LoopbackListener = {
      port: bound !== null && typeof bound === 'object' ? bound.port : port,
      close() {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const endAll = () => server.closeAllConnections();
        const inFlight = [...sending];
        if (inFlight.length === 0) endAll();
        // Let the answer page reach the browser first (the receiver closes from inside `handle`).
        else void Promise.all(inFlight.map(finished)).then(endAll);
        return closed;
      },
    };
    return listener;
  },
};

function answer(
  handle: (request: LoopbackRequest) => LoopbackResponse,
  request: LoopbackRequest,
): LoopbackResponse {
  try {
    return handle(request);
  } catch {
    // The receiver does not throw; should it ever, the browser gets an answer and no details.
    return { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: '' };
  }
}

function send(res: ServerResponse, response: LoopbackResponse): void {
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  });
  res.end(response.body);
}

function finished(res: ServerResponse): Promise<void> {
  if (res.writableFinished || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.once('finish', () => resolve());
    res.once('close', () => resolve());
  });
}
