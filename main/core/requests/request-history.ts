// History of test requests, for replay. It never stores a secret: the Authorization header is
// dropped before saving, and the token is added again when a request is replayed. What it does
// keep, in plain JSON (history.json, 0600), is what the user typed: method, path or URL, query,
// the other headers, the body, the org id and product, and the answer's status, time or error.
// Whether requests are added at all is the user's setting (request-service.ts); clear() and
// forget() remove what is kept.

import { randomUUID } from 'node:crypto';
import * as z from '../schema.js';
import type { Clock, DocumentStore } from '../ports.js';
import { HTTP_METHODS, PRODUCT_IDS } from '../../vocabulary/index.js';

const MAX_ENTRIES = 200;

const entrySchema = z.object({
  id: z.string(),
  connection: z.string(),
  at: z.number(),
  request: z.object({
    method: z.enum(HTTP_METHODS),
    pathOrUrl: z.string(),
    query: z.array(z.tuple([z.string(), z.string()])),
    headers: z.array(z.tuple([z.string(), z.string()])),
    body: z.optional(z.string()),
    // Kept so that a replay goes to the same product host with the same organization.
    orgId: z.optional(z.string()),
    product: z.optional(z.enum(PRODUCT_IDS)),
  }),
  status: z.optional(z.number()),
  durationMs: z.optional(z.number()),
  error: z.optional(z.string()),
});
export type HistoryEntry = z.infer<typeof entrySchema>;

const SECRET_HEADERS = new Set(['authorization', 'cookie', 'x-zoho-oauthtoken']);

export function createRequestHistory(document: DocumentStore, clock: Clock) {
  const read = (): HistoryEntry[] => {
    const parsed = z.array(entrySchema).safeParse(document.read() ?? []);
    // History is a convenience: a damaged file is not worth failing a request over.
    return parsed.success ? parsed.data : [];
  };
  return {
    list(connection?: string): HistoryEntry[] {
      const all = read();
      return (connection ? all.filter((e) => e.connection === connection) : all).sort(
        (a, b) => b.at - a.at,
      );
    },
    async add(entry: Omit<HistoryEntry, 'id' | 'at'>): Promise<HistoryEntry> {
      const saved: HistoryEntry = {
        ...entry,
        id: randomUUID(),
        at: clock.now(),
        request: {
          ...entry.request,
          headers: entry.request.headers.filter(([key]) => !SECRET_HEADERS.has(key.toLowerCase())),
        },
      };
      await document.write([saved, ...read()].slice(0, MAX_ENTRIES));
      return saved;
    },
    /** Forget a connection's history (when the connection is removed). */
    async forget(connection: string): Promise<void> {
      await document.write(read().filter((e) => e.connection !== connection));
    },
    /** Forget every request ("Clear history"); returns how many were removed. */
    async clear(): Promise<number> {
      const removed = read().length;
      // Written even when it looked empty: a damaged file (read as []) is overwritten too.
      await document.write([]);
      return removed;
    },
  };
}
export type RequestHistory = ReturnType<typeof createRequestHistory>;
