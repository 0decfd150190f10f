// What the two servers share: the state, the resolved configuration, counters, the request log
// and injected failures. Built once both servers know their ports.
import type { IncomingMessage } from 'node:http';
import type { SimulatorState } from './state.js';
import type { TokenEndpointConfig } from './token-endpoint.js';
import type { InjectedFailure, SimulatedUser, SimulatorStats } from './types.js';

export interface SimulatorContext {
  readonly state: SimulatorState;
  readonly user: SimulatedUser;
  readonly accountsUrl: string;
  readonly apiDomain: string;
  readonly location: string;
  readonly accountsServerOnRedirect: string;
  readonly tokenConfig: TokenEndpointConfig;
  readonly stats: SimulatorStats;
  /** Adds the request to `requests` and counts secrets found in its query string. */
  record(req: IncomingMessage, url: URL, form: Record<string, string>): void;
  takeInjectedFailure(): InjectedFailure | undefined;
}
