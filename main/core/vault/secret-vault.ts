// The keytar-style secret API that the rest of core uses. Implementations encrypt every value
// with a Cipher before it reaches disk; see vault/encrypted-vault.ts.

export interface Credential {
  account: string;
  password: string;
}

export interface SecretVault {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Credential[]>;
}
