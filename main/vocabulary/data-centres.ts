// The Zoho data centres: the one table of codes, names, sign-in domains, accounts servers, API
// domains and API Consoles (docs/zoho.md, "Data centres"). Core builds its trust rules on it, the
// rpc contract its DC enum, the CLI its --dc choices and the UI its pickers and labels.
// To add a data centre: add it here; everything else follows.

export const DC_CODES = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'sa', 'uk', 'cn'] as const;
export type DcCode = (typeof DC_CODES)[number];

export interface DataCentre {
  code: DcCode;
  label: string;
  /** The ending of the Zoho address people sign in at (zoho.eu): how they recognise their DC. */
  domain: string;
  accountsUrl: string;
  apiDomain: string;
  /** API Console of this DC, where admins register clients. */
  consoleUrl: string;
  /** The authorization may start at accounts.zoho.com and be redirected here (multi-DC). */
  federated: boolean;
}

export const DATA_CENTRES: Readonly<Record<DcCode, DataCentre>> = {
  us: {
    code: 'us',
    label: 'United States',
    domain: 'zoho.com',
    accountsUrl: 'https://accounts.zoho.com',
    apiDomain: 'https://www.zohoapis.com',
    consoleUrl: 'https://api-console.zoho.com',
    federated: true,
  },
  eu: {
    code: 'eu',
    label: 'Europe',
    domain: 'zoho.eu',
    accountsUrl: 'https://accounts.zoho.eu',
    apiDomain: 'https://www.zohoapis.eu',
    consoleUrl: 'https://api-console.zoho.eu',
    federated: true,
  },
  in: {
    code: 'in',
    label: 'India',
    domain: 'zoho.in',
    accountsUrl: 'https://accounts.zoho.in',
    apiDomain: 'https://www.zohoapis.in',
    consoleUrl: 'https://api-console.zoho.in',
    federated: true,
  },
  au: {
    code: 'au',
    label: 'Australia',
    domain: 'zoho.com.au',
    accountsUrl: 'https://accounts.zoho.com.au',
    apiDomain: 'https://www.zohoapis.com.au',
    consoleUrl: 'https://api-console.zoho.com.au',
    federated: true,
  },
  jp: {
    code: 'jp',
    label: 'Japan',
    domain: 'zoho.jp',
    accountsUrl: 'https://accounts.zoho.jp',
    apiDomain: 'https://www.zohoapis.jp',
    consoleUrl: 'https://api-console.zoho.jp',
    federated: true,
  },
  // Canada signs in at zohocloud.ca, but its API host is www.zohoapis.ca.
  ca: {
    code: 'ca',
    label: 'Canada',
    domain: 'zohocloud.ca',
    accountsUrl: 'https://accounts.zohocloud.ca',
    apiDomain: 'https://www.zohoapis.ca',
    consoleUrl: 'https://api-console.zohocloud.ca',
    federated: true,
  },
  sa: {
    code: 'sa',
    label: 'Saudi Arabia',
    domain: 'zoho.sa',
    accountsUrl: 'https://accounts.zoho.sa',
    apiDomain: 'https://www.zohoapis.sa',
    consoleUrl: 'https://api-console.zoho.sa',
    federated: true,
  },
  uk: {
    code: 'uk',
    label: 'United Kingdom',
    domain: 'zoho.uk',
    accountsUrl: 'https://accounts.zoho.uk',
    apiDomain: 'https://www.zohoapis.uk',
    consoleUrl: 'https://api-console.zoho.uk',
    federated: true,
  },
  // China runs apart: no sign-in starts at accounts.zoho.com and is redirected there.
  cn: {
    code: 'cn',
    label: 'China',
    domain: 'zoho.com.cn',
    accountsUrl: 'https://accounts.zoho.com.cn',
    apiDomain: 'https://www.zohoapis.com.cn',
    consoleUrl: 'https://api-console.zoho.com.cn',
    federated: false,
  },
};

export function isDcCode(value: string): value is DcCode {
  return (DC_CODES as readonly string[]).includes(value);
}
