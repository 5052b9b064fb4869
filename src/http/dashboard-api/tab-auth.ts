/**
 * Who is calling the tab API. In Teams: the Entra ID token from teams-js `authentication.getAuthToken()`,
 * checked for signature (Entra's published keys), expiry, audience (the app's webApplicationInfo
 * resource, or its client id), issuer, tenant and scope: it must be an access token for this app's API
 * (`scp` holds `access_as_user`). An ID token has the app id as its audience too, but no `scp`, and is
 * meant for the client, not for calling an API; it is refused. Locally, with no app id and only on loopback (the
 * config refuses anything else), a labelled local mode acts as one of the plans' own people instead.
 */
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { emailAddress } from '../../domain/email-address';
import type { Clock, Stores } from '../../usecases/ports/index';
import type { Actor } from '../../usecases/shared/actor';

/** The delegated scope the app exposes (Expose an API) and teams-js asks for with the SSO token. */
export const API_SCOPE = 'access_as_user';

export const ENTRA_JWKS_URL = 'https://login.microsoftonline.com/common/discovery/v2.0/keys';

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

export interface TokenSettings {
  appId: string;
  /** `api://<host>/<app id>`, as the manifest's webApplicationInfo.resource says. */
  resource: string;
  /** Lower-case tenant ids whose people may use the tab. */
  allowedTenants: readonly string[];
  /** Where Entra publishes its signing keys; tests serve their own. */
  jwksUrl?: string;
}

interface EntraClaims extends JWTPayload {
  tid?: string;
  oid?: string;
  name?: string;
  preferred_username?: string;
  upn?: string;
  email?: string;
  /** Space-separated delegated scopes; only access tokens have it. */
  scp?: string;
  groups?: unknown;
}

export class TokenValidator {
  private readonly keys: JWTVerifyGetKey;

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {
    // Keys are fetched on first use and when a token names a key not seen yet (Entra rotates them).
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl ?? ENTRA_JWKS_URL), {
      cacheMaxAge: 6 * 60 * 60 * 1000,
      timeoutDuration: 5000,
    });
  }

  /** The actor a valid token names; AuthenticationError (never saying which check failed to the client). */
  async validate(token: string): Promise<Actor & { tenantId: string }> {
    let claims: EntraClaims;
    try {
      ({ payload: claims } = await jwtVerify<EntraClaims>(token, this.keys, {
        algorithms: ['RS256'],
        audience: [this.settings.resource, this.settings.appId],
        currentDate: this.clock.now(),
        clockTolerance: 60,
        requiredClaims: ['exp', 'iss', 'aud'],
      }));
    } catch (error) {
      throw new AuthenticationError(`token refused: ${(error as { code?: string }).code ?? 'invalid'}`);
    }
    const scopes = typeof claims.scp === 'string' ? claims.scp.split(' ') : [];
    if (!scopes.includes(API_SCOPE))
      throw new AuthenticationError('token refused: not an access token for this API');
    const tenantId = claims.tid?.toLowerCase();
    if (!tenantId || !this.settings.allowedTenants.includes(tenantId)) {
      throw new AuthenticationError('token refused: tenant not allowed');
    }
    // v2.0 and v1.0 tokens name the same tenant in different issuers.
    const issuers = [
      `https://login.microsoftonline.com/${tenantId}/v2.0`,
      `https://sts.windows.net/${tenantId}/`,
    ];
    if (!claims.iss || !issuers.includes(claims.iss.toLowerCase())) {
      throw new AuthenticationError('token refused: issuer does not match tenant');
    }
    const email = emailAddress(claims.preferred_username ?? claims.upn ?? claims.email ?? '');
    if (!claims.oid || !email) throw new AuthenticationError('token refused: no user in it');
    const groups = Array.isArray(claims.groups)
      ? claims.groups.filter((g): g is string => typeof g === 'string').map((g) => g.toLowerCase())
      : [];
    return { aadObjectId: claims.oid, name: claims.name ?? email, email, tenantId, groups };
  }
}

/** Resolves the actor's e-mail as the bot does: from the Teams roster when the person is known to it. */
export async function withRosterEmail(stores: Stores, actor: Actor): Promise<Actor> {
  const known = await stores.users.get(actor.aadObjectId);
  return known?.value.email
    ? { ...actor, email: known.value.email, name: known.value.name || actor.name }
    : actor;
}
