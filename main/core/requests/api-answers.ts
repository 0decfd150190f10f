// How Zoho's APIs say "this token lacks a scope" (docs/zoho.md §11, Calling product APIs):
// CRM/Bigin OAUTH_SCOPE_MISMATCH, Mail and Social INVALID_OAUTHSCOPE,
// Books/Invoice/Inventory/Expense code 57 (which they also answer for other refusals, so it is a
// hint, not proof).

export function isScopeMismatch(status: number, body: string): boolean {
  if (status < 400) return false;
  return /OAUTH_SCOPE_MISMATCH|INVALID_OAUTHSCOPE|"code"\s*:\s*57\b/.test(body);
}
