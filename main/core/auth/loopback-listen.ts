// Binds the loopback receiver's listeners (every address the redirect URI's host stands for, on
// one port) through the LoopbackListenerPort, and turns a failed bind into an error that says
// what to do (the port taken, not allowed, or no loopback interface).

import { TokenDeskError } from '../errors.js';
import type {
  LoopbackListener,
  LoopbackListenerPort,
  LoopbackRequest,
  LoopbackResponse,
} from '../ports.js';
import type { ParsedRedirect } from './loopback-redirect-uri.js';

const UNAVAILABLE_FAMILY = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

export async function listenAll(
  loopback: LoopbackListenerPort,
  parsed: ParsedRedirect,
  handle: (request: LoopbackRequest) => LoopbackResponse,
): Promise<{ listeners: LoopbackListener[]; port: number }> {
  // With port 0 the system picks a port for the first address; if it is taken on the other one,
  // pick again rather than share a port with a stranger.
  const attempts = parsed.port === 0 ? 5 : 1;
  for (let attempt = 1; ; attempt++) {
    const listeners: LoopbackListener[] = [];
    let port = parsed.port;
    try {
      for (const target of parsed.targets) {
        let listener: LoopbackListener;
        try {
          listener = await loopback.listen({ address: target.address, port, handle });
        } catch (error) {
          const code = errorCode(error);
          if (target.optional && code !== undefined && UNAVAILABLE_FAMILY.has(code)) continue;
          throw error;
        }
        listeners.push(listener);
        if (port === 0) port = listener.port;
      }
      return { listeners, port };
    } catch (error) {
      await closeAll(listeners);
      const code = errorCode(error);
      if (code === 'EADDRINUSE' && attempt < attempts) continue;
      if (code === 'EADDRINUSE') throw portInUse(port, parsed.url.href);
      const address = (error as { address?: unknown } | null)?.address;
      throw listenFailure(code, port, typeof address === 'string' ? address : parsed.url.hostname);
    }
  }
}

/** Stops every listener; resolves when nothing is left open. */
export function closeAll(listeners: LoopbackListener[]): Promise<void> {
  return Promise.all(listeners.map((listener) => listener.close())).then(() => undefined);
}

/** The system's reason a listen failed (EADDRINUSE, EACCES...), as the port promises. */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function portInUse(port: number, redirectUri: string): TokenDeskError {
  const other = `http://localhost:${port === 65535 ? port - 1 : port + 1}/callback`;
  return new TokenDeskError(
    'port_in_use',
    `Port ${port} on this computer is already in use by another program, so Token Desk cannot receive the Zoho answer at ${redirectUri}.`,
    {
      category: 'local',
      remedy: `Close the program that uses port ${port} (or a Token Desk sign-in still running), or give the connection a redirect URI with another port, for example ${other}, and register that exact URI in the Zoho API Console.`,
      cliHint: `--redirect-uri ${other} (when adding the connection)`,
      details: { port },
    },
  );
}

function listenFailure(code: string | undefined, port: number, address: string): TokenDeskError {
  if (code === 'EACCES') {
    return new TokenDeskError(
      'port_not_allowed',
      `Token Desk is not allowed to listen on port ${port} of this computer.`,
      {
        category: 'local',
        remedy:
          'Give the connection a redirect URI with a port above 1024 (for example http://localhost:53134/callback) and register that exact URI in the Zoho API Console.',
        cliHint: '--redirect-uri http://localhost:53134/callback (when adding the connection)',
        details: { port },
      },
    );
  }
  return new TokenDeskError(
    'loopback_unavailable',
    `Token Desk could not listen on ${address} port ${port}${code ? ` (${code})` : ''}.`,
    {
      category: 'local',
      remedy:
        'Check that the loopback network interface is enabled and that no security software blocks local ports, or choose another redirect URI.',
      details: { port, address, code },
    },
  );
}
