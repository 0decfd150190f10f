// A Zoho accounts server + CRM-like API on 127.0.0.1 for tests, written from
// the Zoho facts in docs/zoho.md. Implementation lives in ./zoho-simulator/.
export { startZohoSimulator } from './zoho-simulator/start.js';
export { THROTTLE_BODY } from './zoho-simulator/token-endpoint.js';
export type {
  InjectedFailure,
  RecordedRequest,
  SelfClientCode,
  SelfClientJson,
  SimulatedClientRegistration,
  SimulatedClientType,
  SimulatedUser,
  SimulatorStats,
  ZohoSimulator,
  ZohoSimulatorOptions,
} from './zoho-simulator/types.js';
