/**
 * A small OAuth authorization server on loopback for the resource-server tests: it publishes RFC 8414
 * metadata and a JWKS, and mints signed JWT access tokens with whatever audience, scopes and expiry a
 * test chooses (real ES256 signatures made with jose, verified by the server under test).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** What a minted token says. */
export interface TokenClaims {
  audience: string;
  scopes?: string[];
  /** Seconds from now until expiry; negative for a token that has already expired. Default 300. */
  expiresIn?: number;
  subject?: string;
  /** Sign with a key the server does not publish (a forged token). */
  foreignKey?: boolean;
  /** Claim another issuer. */
  issuer?: string;
}

/** A running authorization server. */
export interface OAuthServer {
  issuer: string;
  mint(claims: TokenClaims): Promise<string>;
  close(): Promise<void>;
}

/** Starts the authorization server on 127.0.0.1, on a free port. */
export async function startOAuthServer(): Promise<OAuthServer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
  let issuer = '';
  const server = createServer((req, res) => {
    const json = (value: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(value));
    };
    if (req.url === '/.well-known/oauth-authorization-server') {
      return json({
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (req.url === '/jwks') return json({ keys: [jwk] });
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    mint: async (claims) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ scope: (claims.scopes ?? []).join(' '), client_id: 'test-client' })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key', typ: 'at+jwt' })
        .setIssuer(claims.issuer ?? issuer)
        .setAudience(claims.audience)
        .setSubject(claims.subject ?? 'user-1')
        .setIssuedAt(now - 60)
        .setExpirationTime(now + (claims.expiresIn ?? 300))
        .sign(claims.foreignKey ? foreign.privateKey : privateKey);
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
