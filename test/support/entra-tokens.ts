/**
 * Entra ID, stood in for: a signing key whose JWKS is served over HTTP (as Entra serves its own), and
 * access tokens for the app's API signed with it. The only part of a sign-in a test may fake.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

export interface EntraPerson {
  oid: string;
  email: string;
}

export class FakeEntra {
  jwksUrl = '';
  private server: Server | undefined;
  private key: KeyLike | undefined;

  constructor(private readonly settings: { tenant: string; audience: string; now: () => Date }) {}

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256');
    this.key = pair.privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', use: 'sig', alg: 'RS256' };
    const keys = express();
    keys.get('/keys', (_req, res) => res.json({ keys: [jwk] }));
    this.server = createServer(keys);
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.jwksUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/keys`;
  }

  stop(): void {
    this.server?.closeAllConnections();
    this.server?.close();
  }

  /** An access token for the app's API (`scp` access_as_user), as teams-js getAuthToken gives one. */
  async accessToken(person: EntraPerson): Promise<string> {
    if (!this.key) throw new Error('start() first');
    const { tenant } = this.settings;
    const now = Math.floor(this.settings.now().getTime() / 1000);
    return new SignJWT({
      tid: tenant,
      oid: person.oid,
      preferred_username: person.email,
      name: person.email,
      scp: 'access_as_user',
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .setIssuer(`https://login.microsoftonline.com/${tenant}/v2.0`)
      .setAudience(this.settings.audience)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + 3600)
      .sign(this.key);
  }
}
