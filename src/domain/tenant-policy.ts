/**
 * Which Microsoft 365 tenants' people may use the bot and the tab. People are matched to plans by the
 * e-mail address their tenant's admin sets, so a tenant we do not trust could claim anyone's address:
 * the list is ALLOWED_TENANTS when given, else the app's own tenant. Undefined in local mode (no app
 * id), where no tenant is checked.
 */
export function allowedTenantsOf(settings: {
  ALLOWED_TENANTS?: readonly string[] | undefined;
  MicrosoftAppId?: string | undefined;
  MicrosoftAppTenantId?: string | undefined;
}): readonly string[] | undefined {
  if (settings.ALLOWED_TENANTS && settings.ALLOWED_TENANTS.length > 0) return settings.ALLOWED_TENANTS;
  if (!settings.MicrosoftAppId || !settings.MicrosoftAppTenantId) return undefined;
  return [settings.MicrosoftAppTenantId.toLowerCase()];
}
