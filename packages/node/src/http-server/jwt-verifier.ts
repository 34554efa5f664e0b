/**
 * OAuth 2.1 resource server: verifies JWT access tokens issued by one configured authorization
 * server. The issuer's RFC 8414 metadata names its key set (`jwks_uri`); a token is accepted only if
 * it is signed by one of those keys with an asymmetric algorithm, names that issuer (`iss`), names
 * this server as its audience (`aud`, RFC 8707), and has not expired (`exp` is required).
 * jose does the cryptography and the claim checks; the SDK maps our `OAuthError`s to 401/403.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthMetadata, type OAuthTokenVerifier } from '@modelcontextprotocol/server';

/** Signature algorithms accepted: asymmetric only, so no shared secret can be forged with the public keys. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** The RFC 8414 metadata URLs of `issuer`: the well-known part goes before the issuer's path. */
function metadataUrls(issuer: URL): URL[] {
  const path = issuer.pathname === '/' ? '' : issuer.pathname.replace(/\/$/, '');
  return [
    new URL(`/.well-known/oauth-authorization-server${path}`, issuer),
    new URL(`${path}/.well-known/openid-configuration`, issuer),
  ];
}

/**
 * Fetches the issuer's authorization server metadata. Its `issuer` must be exactly the configured
 * one (RFC 8414 §3.3: a metadata document speaking for another issuer is an impersonation attempt).
 */
export async function discoverIssuer(issuer: string, fetchImpl: typeof fetch = fetch): Promise<OAuthMetadata> {
  const issuerUrl = new URL(issuer);
  const failures: string[] = [];
  for (const url of metadataUrls(issuerUrl)) {
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      failures.push(`${url.href}: ${(error as Error).message}`);
      continue;
    }
    if (!response.ok) {
      failures.push(`${url.href}: HTTP ${response.status}`);
      continue;
    }
    const metadata = (await response.json()) as OAuthMetadata & { jwks_uri?: string };
    if (metadata.issuer !== issuer) throw new Error(`the metadata at ${url.href} is for issuer ${JSON.stringify(metadata.issuer)}, not ${issuer}`);
    if (typeof metadata.jwks_uri !== 'string') throw new Error(`the metadata at ${url.href} names no jwks_uri: tokens of ${issuer} cannot be verified`);
    return metadata;
  }
  throw new Error(`cannot read the authorization server metadata of ${issuer} (${failures.join('; ')})`);
}

function scopesOf(payload: JWTPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

/** A verifier for JWTs of `metadata.issuer` meant for `audience`. */
export function jwtVerifier(metadata: OAuthMetadata & { jwks_uri?: string }, audience: string): OAuthTokenVerifier {
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri!));
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: metadata.issuer, audience, algorithms: ALGORITHMS, requiredClaims: ['exp'], clockTolerance: 30 }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Token has expired');
        if (error instanceof errors.JWTClaimValidationFailed) throw new OAuthError(OAuthErrorCode.InvalidToken, `Token refused: its "${error.claim}" claim is not valid for this server`);
        if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) throw new OAuthError(OAuthErrorCode.InvalidToken, 'Token refused: not a valid signed JWT of the configured issuer');
        // The key set could not be fetched: our failure, not the client's.
        throw new OAuthError(OAuthErrorCode.ServerError, 'Cannot verify tokens now: the authorization server key set is unreachable');
      }
      const clientId = [payload.client_id, payload.azp, payload.sub].find((value): value is string => typeof value === 'string') ?? 'unknown';
      return { token, clientId, scopes: scopesOf(payload), expiresAt: payload.exp, resource: new URL(audience), extra: { subject: payload.sub ?? null } };
    },
  };
}
