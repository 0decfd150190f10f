// What a successful token-endpoint answer means to us, whatever shape it came in.

export interface TokenSet {
  accessToken: string;
  /** Present on code exchange with access_type=offline, and when a server rotates it on refresh. */
  refreshToken?: string;
  /** When the access token expires, ms since epoch (from expires_in s, or legacy expires_in_sec). */
  expiresAt: number;
  /** Where API calls for this grant go (Zoho's api_domain), when the server said. */
  apiDomain?: string;
  /** Granted scopes, when the server said. */
  scopes?: string[];
  tokenType: string;
  idToken?: string;
}

export interface ZohoUserInfo {
  email?: string;
  name?: string;
  zuid?: string;
}
