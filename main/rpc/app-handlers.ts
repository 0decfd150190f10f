// The rpc methods about the app itself: app.info, settings, the scope catalog and its samples,
// and the corrupt-file notices.

import {
  leastPrivilegeWarnings,
  normalizeScopes,
  PRODUCTS,
  sampleRequestsFor,
} from '../core/catalog/index.js';
import { corruptBackupNotices } from '../core/store/corrupt-backups.js';
import type { HandlerGroup, RpcHandlerDeps } from './handlers.js';

export interface CipherStatus {
  id: string;
  description: string;
  secure: boolean;
  warning?: string;
}

type AppDeps = Pick<
  RpcHandlerDeps,
  'version' | 'shell' | 'home' | 'vaultControl' | 'settings' | 'store' | 'corruptBackups'
>;

export function createAppHandlers(
  deps: AppDeps,
): HandlerGroup<'app' | 'settings' | 'catalog' | 'store'> {
  return {
    'app.info': async () => {
      const status = await deps.vaultControl.status();
      const cipher: CipherStatus = {
        id: status.primary,
        description: status.description,
        secure: status.secure,
        ...(status.warning ? { warning: status.warning } : {}),
      };
      return { version: deps.version, shell: deps.shell, home: deps.home, cipher };
    },
    'settings.get': async () => deps.settings.get(),
    'settings.set': async (change) => deps.settings.set(change),

    'catalog.products': async () =>
      PRODUCTS.map((product) => ({
        id: product.id,
        name: product.name,
        servicePrefix: product.servicePrefix,
        scopes: product.scopes.map((s) => ({
          scope: s.scope,
          product: product.id,
          description: s.description,
          sensitivity: s.sensitivity,
          confirmed: s.confirmed,
        })),
        presets: product.presets.map((p) => ({ id: p.id, label: p.label, scopes: [...p.scopes] })),
        orgContext: product.orgContext && {
          kind: product.orgContext.kind,
          name: product.orgContext.name,
          label: product.orgContext.label,
          whereInUi: product.orgContext.whereInUi,
        },
      })),
    'catalog.checkScopes': async ({ scopes, presetIds }) => {
      const normalized = normalizeScopes(scopes);
      return {
        scopes: normalized.scopes,
        errors: normalized.errors,
        warnings: leastPrivilegeWarnings(normalized.scopes, { presetIds }).map((w) => w.message),
      };
    },
    'catalog.samples': async ({ name }) => {
      const connection = deps.store.require(name);
      // Values Token Desk knows for a sample's path (WorkDrive's {zuid}); the user types the rest.
      const known: Record<string, string | undefined> = { zuid: connection.user?.zuid };
      return sampleRequestsFor(connection.grantedScopes ?? connection.scopes).map((s) => ({
        id: s.id,
        product: s.product,
        label: s.label,
        method: 'GET' as const,
        path: s.path,
        scope: s.scope,
        headers: Object.entries(s.headers ?? {}),
        params: (s.params ?? []).map((param) => ({
          ...param,
          ...(known[param.name] ? { value: known[param.name] } : {}),
        })),
        needsOrg: s.needsOrg,
      }));
    },
    'store.corruptBackups': async () =>
      corruptBackupNotices(deps.corruptBackups?.() ?? { connections: [], vault: [] }),
  };
}
