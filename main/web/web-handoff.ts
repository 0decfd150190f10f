// How a browser tab gets the run's secret (web-server.ts says why it never travels in an
// address): one-time codes, the short-lived ticket cookie RPC_HANDOFF_PATH sets when it receives
// a code, and RPC_SESSION_PATH, which trades a pasted code or that ticket for the secret once.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { RPC_SESSION_PATH } from '../rpc/contract.js';
import { cookieValue, readBody, readText, refuse, takeOnce } from './web-http.js';

/** The hand-over ticket only has to survive the redirect to the page and its first request. */
const TICKET_SECONDS = 60;

export interface HandOffOptions {
  secret: string;
  /** The server's port, known once it listens. */
  port(): number;
  /** Told each time a one-time code is used (whoever used it), with that code. */
  onCodeUsed?: (code: string) => void;
}

export interface HandOff {
  /** A fresh one-time code: it opens one browser session, then dies. */
  issueCode(): string;
  /** A code arrives by navigation (GET, or the hand-over page's POST): trade it for a ticket. */
  handOver(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** The page trades a pasted code or its ticket cookie for the run's secret. */
  openSession(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Kills every live code and ticket (the run ends). */
  clear(): void;
}

export function createHandOff(options: HandOffOptions): HandOff {
  const codes = new Set<string>();
  const tickets = new Set<string>();
  // Cookies are shared by every port of 127.0.0.1: the port in the name keeps two runs apart.
  const ticketCookie = () => `token-desk-handoff-${options.port()}`;
  const useCode = (code: string | undefined): boolean => {
    if (!code || !takeOnce(codes, code)) return false;
    options.onCodeUsed?.(code);
    return true;
  };
  const issueTicket = (): string => {
    const ticket = randomBytes(32).toString('base64url');
    tickets.add(ticket);
    setTimeout(() => tickets.delete(ticket), TICKET_SECONDS * 1000).unref();
    return `${ticketCookie()}=${ticket}; Path=${RPC_SESSION_PATH}; Max-Age=${TICKET_SECONDS}; HttpOnly; SameSite=Strict`;
  };

  return {
    issueCode() {
      const code = randomBytes(24).toString('base64url');
      codes.add(code);
      return code;
    },

    async handOver(req, res, url) {
      let code: string | undefined;
      if (req.method === 'GET' || req.method === 'HEAD') code = url.searchParams.get('code') ?? '';
      else if (req.method === 'POST') {
        try {
          code = new URLSearchParams(await readText(req)).get('code') ?? '';
        } catch {
          return refuse(res, 400, 'bad_body', 'The hand-over was too large.');
        }
      } else return refuse(res, 405, 'method_not_allowed', 'Use GET or POST here.');
      const headers: Record<string, string> = {
        Location: '/',
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
      };
      // A dead or wrong code still lands on the page, which offers the way back in.
      if (useCode(code)) headers['Set-Cookie'] = issueTicket();
      res.writeHead(303, headers);
      res.end();
    },

    async openSession(req, res) {
      if (req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', 'Use POST here.');
      let body: unknown;
      try {
        body = await readBody(req);
      } catch {
        return refuse(res, 400, 'bad_body', 'The request body was not JSON, or too large.');
      }
      const pasted = pastedCode(body);
      const granted = pasted
        ? useCode(pasted)
        : takeOnce(tickets, cookieValue(req, ticketCookie()));
      if (!granted)
        return refuse(
          res,
          401,
          pasted ? 'code_not_valid' : 'no_session',
          pasted
            ? 'That code does not open Token Desk: it was used already, mistyped, or is from an earlier run.'
            : 'This page is not signed in to Token Desk.',
        );
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // The ticket is spent: let the browser forget it.
        'Set-Cookie': `${ticketCookie()}=; Path=${RPC_SESSION_PATH}; Max-Age=0; HttpOnly; SameSite=Strict`,
      });
      res.end(JSON.stringify({ ok: true, result: { secret: options.secret } }));
    },

    clear() {
      codes.clear();
      tickets.clear();
    },
  };
}

function pastedCode(body: unknown): string | undefined {
  return typeof body === 'object' &&
    body !== null &&
    'code' in body &&
    typeof body.code === 'string'
    ? body.code.trim()
    : undefined;
}
