// What a connection is called and where its sign-in returns to, and the one way of saying that a
// name is taken: the core's store and use cases, the CLI, the wizard and the renderer's test fake
// all use these, so they accept the same names and say the same thing.

/** 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const CONNECTION_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Default loopback redirect: Zoho matches the registered URI exactly and rejects 127.0.0.1. */
export const DEFAULT_REDIRECT_URI = 'http://localhost:53134/callback';

/** An error as every shell shows it: cause, remedy, and what to type at the command line. */
export interface ErrorText {
  code: string;
  message: string;
  remedy: string;
  details: Record<string, unknown>;
  cliHint?: string;
}

/** A connection of that name exists already (names are compared without regard to case). */
export function duplicateConnection(existingName: string): ErrorText & {
  code: 'duplicate_connection';
} {
  return {
    code: 'duplicate_connection',
    message: `A connection named "${existingName}" already exists.`,
    remedy: 'Choose another name, or remove the old one first.',
    details: { name: existingName },
    cliHint: `token-desk remove ${existingName}`,
  };
}
