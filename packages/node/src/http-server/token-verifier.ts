/**
 * Verifies the home's static bearer token. The stored token is read on every check, so
 * `mcp-wasm token --rotate` takes effect on the next request without a restart, and a deleted token
 * file refuses everything (fails closed).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { OAuthError, OAuthErrorCode, type AuthInfo, type OAuthTokenVerifier } from '@modelcontextprotocol/server';
import { readToken } from '../http-token.js';

/** The local token is not an OAuth token: it grants everything and lasts until rotated. */
const NEVER = Number.MAX_SAFE_INTEGER;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A verifier accepting exactly the token stored at `tokenFile`. */
export function staticTokenVerifier(tokenFile: string): OAuthTokenVerifier {
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const expected = await readToken(tokenFile);
      // Both sides are hashed first: equal lengths for timingSafeEqual, and the comparison time
      // says nothing about how much of the token was right.
      if (expected === undefined || !timingSafeEqual(digest(token), digest(expected))) {
        throw new OAuthError(OAuthErrorCode.InvalidToken, 'Invalid token: use the token `mcp-wasm token` prints');
      }
      return { token, clientId: 'local', scopes: [], expiresAt: NEVER };
    },
  };
}
