// The ids of the Zoho products the catalog describes, in the catalog's order. The catalog's data
// (main/core/catalog) is keyed by them and the rpc contract validates them; the data itself stays
// in core, so the renderer and the CLI's start-up path do not carry it.

export const PRODUCT_IDS = [
  'accounts',
  'crm',
  'bigin',
  'books',
  'invoice',
  'inventory',
  'expense',
  'billing',
  'desk',
  'projects',
  'people',
  'recruit',
  'creator',
  'analytics',
  'campaigns',
  'sign',
  'workdrive',
  'mail',
  'cliq',
  'sheet',
  'writer',
  'fsm',
] as const;
export type ProductId = (typeof PRODUCT_IDS)[number];
