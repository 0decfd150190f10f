// Token Desk's shared vocabulary: the facts and words that core, the rpc contract, the CLI and
// the renderer all use, written once. Plain data and pure functions, no Node built-ins, no zod:
// the schemas that need zod are in ./connection-schema.ts, imported by path where needed.

export * from './connections.js';
export * from './data-centres.js';
export * from './http-methods.js';
export * from './products.js';
export * from './scopes.js';
export * from './passphrase.js';
export * from './self-client-file.js';
export * from './text.js';
