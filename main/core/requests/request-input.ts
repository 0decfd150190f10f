// What a test request can refuse before any token is fetched or any call is made: the method, the
// JSON body, an extra header line. Shared by every shell, so the window and the CLI refuse alike;
// remedies are shell-neutral and the command-line spelling is the cliHint.

import { inputError } from '../errors.js';
import { HTTP_METHODS_TEXT, isHttpMethod, type HttpMethod } from '../../vocabulary/index.js';

/** The method, upper-cased, or bad_method. */
export function checkHttpMethod(method: string): HttpMethod {
  const upper = method.trim().toUpperCase();
  if (!isHttpMethod(upper)) {
    throw inputError(
      'bad_method',
      `"${method}" is not an HTTP method.`,
      `Use ${HTTP_METHODS_TEXT}: the methods a test request can use.`,
    );
  }
  return upper;
}

/** A request body must be JSON text; anything else is bad_json naming the parser's complaint. */
export function checkJsonBody(body: string): void {
  try {
    JSON.parse(body);
  } catch (error) {
    throw inputError(
      'bad_json',
      `The request body is not valid JSON (${(error as Error).message}).`,
      'Fix the JSON; a long body is easier to keep in a file.',
      undefined,
      '--data @file.json',
    );
  }
}

/** `Name: value` as a [name, value] pair, or bad_header. */
export function parseHeaderLine(text: string): [string, string] {
  const index = text.indexOf(':');
  if (index <= 0)
    throw inputError(
      'bad_header',
      `The header "${text}" is not of the form 'Name: value'.`,
      'Write it as the name, a colon and the value, for example orgId: 12345.',
      undefined,
      "--header 'orgId: 12345'",
    );
  return [text.slice(0, index).trim(), text.slice(index + 1).trim()];
}
