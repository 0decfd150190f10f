// What the UI says about each Zoho data centre: a label with the sign-in address ending people
// recognise, and the API Console where clients are registered. The table is the shared
// vocabulary's (main/vocabulary/data-centres.ts).

import {
  DATA_CENTRES as BY_CODE,
  DC_CODES,
  type DataCentre,
} from '../../../main/vocabulary/index.js';

export { DEFAULT_REDIRECT_URI } from '../../../main/vocabulary/index.js';
export type { DcCode } from '../../../main/vocabulary/index.js';

/** The data centres in the table's order, for pickers. */
export const DATA_CENTRES: readonly DataCentre[] = DC_CODES.map((code) => BY_CODE[code]);

export function dcInfo(code: string): DataCentre | undefined {
  return DATA_CENTRES.find((dc) => dc.code === code);
}

/** "EU", or "Custom" for a configured server pair. */
export function dcShortLabel(code: string): string {
  return code === 'custom' ? 'Custom' : code.toUpperCase();
}

export function dcLongLabel(code: string): string {
  if (code === 'custom') return 'Custom server';
  const dc = dcInfo(code);
  return dc ? `${dc.label} (${dc.domain})` : code;
}
