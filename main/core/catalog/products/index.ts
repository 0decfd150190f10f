// The product definitions of the catalog, in the order the UI lists them.

import type { ProductDefinition } from '../types.js';
import { accounts } from './accounts.js';
import { analytics } from './analytics.js';
import { bigin } from './bigin.js';
import { campaigns } from './campaigns.js';
import { cliq } from './cliq.js';
import { creator } from './creator.js';
import { crm } from './crm.js';
import { desk } from './desk.js';
import { billing, books, expense, inventory, invoice } from './finance.js';
import { fsm } from './fsm.js';
import { mail } from './mail.js';
import { people } from './people.js';
import { projects } from './projects.js';
import { recruit } from './recruit.js';
import { sheet } from './sheet.js';
import { sign } from './sign.js';
import { workdrive } from './workdrive.js';
import { writer } from './writer.js';

export const PRODUCT_DEFINITIONS: readonly ProductDefinition[] = [
  accounts,
  crm,
  bigin,
  books,
  invoice,
  inventory,
  expense,
  billing,
  desk,
  projects,
  people,
  recruit,
  creator,
  analytics,
  campaigns,
  sign,
  workdrive,
  mail,
  cliq,
  sheet,
  writer,
  fsm,
];
