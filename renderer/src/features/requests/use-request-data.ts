// What the request builder reads from and sends to main for one connection: the catalog's
// products and the samples for its granted scopes (loaded once per connection), its request
// history (read again after each send), sending a request (its response), and copying a request
// as cURL (with a note saying what was copied).

import { useCallback, useEffect, useState } from 'react';
import type { ApiRequestInput, ApiResponseView } from '../../../../main/rpc/contract.js';
import { useRpc } from '../../app/rpc-context.js';
import { useAction } from '../../app/use-action.js';
import { copyText } from '../../lib/clipboard.js';
import type { HistoryEntry } from './RequestHistory.js';
import type { Product, Sample } from './request-form.js';

/** What the note under "Copy as cURL" says after a copy. */
export const curlCopiedNote = (includeToken: boolean, name: string) =>
  includeToken
    ? 'Copied as cURL, with the access token: treat it as a password.'
    : `Copied as cURL. The token is a placeholder: in the terminal, first run export ZOHO_ACCESS_TOKEN=$(token-desk token ${name}), or copy with the token.`;

export function useRequestData(name: string) {
  const rpc = useRpc();
  const [samples, setSamples] = useState<Sample[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [response, setResponse] = useState<ApiResponseView | null>(null);
  const [curlNote, setCurlNote] = useState<string | null>(null);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await rpc.call('requests.history', { name }));
    } catch {
      // History is a convenience; the builder works without it.
    }
  }, [rpc, name]);

  useEffect(() => {
    let live = true;
    // Samples and products are conveniences too: without them the builder still sends.
    rpc.call('catalog.samples', { name }).then(
      (list) => live && setSamples(list),
      () => live && setSamples([]),
    );
    rpc.call('catalog.products', {}).then(
      (list) => live && setProducts(list),
      () => live && setProducts([]),
    );
    void loadHistory();
    return () => {
      live = false;
    };
  }, [rpc, name, loadHistory]);

  const send = useAction(async (request: ApiRequestInput) => {
    setResponse(null);
    setResponse(await rpc.call('requests.send', { name, request }));
    void loadHistory();
  });

  const curl = useAction(async (request: ApiRequestInput, includeToken: boolean) => {
    const { text } = await rpc.call('requests.curl', { name, request, includeToken });
    try {
      await copyText(text);
      setCurlNote(curlCopiedNote(includeToken, name));
    } catch {
      setCurlNote(null);
      curl.setError({
        code: 'clipboard',
        message: 'This window could not write to the clipboard.',
        remedy: 'Allow clipboard access, or copy the command from a terminal with token-desk.',
      });
    }
  });

  const clearCurlNote = useCallback(() => setCurlNote(null), []);

  return { samples, products, history, response, send, curl, curlNote, clearCurlNote };
}
