// The HTTP methods a test request may use, everywhere: the request builder, the rpc contract, the
// request history and the CLI's `request` command. Zoho's REST APIs use these five; HEAD and
// OPTIONS tell nothing a test request needs, and a history entry must replay as it was sent.

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isHttpMethod(value: string): value is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(value);
}

/** "GET, POST, PUT, PATCH or DELETE": for help texts and error remedies. */
export const HTTP_METHODS_TEXT = `${HTTP_METHODS.slice(0, -1).join(', ')} or ${HTTP_METHODS.at(-1)}`;
