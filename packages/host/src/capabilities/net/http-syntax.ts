/**
 * HTTP syntax both guest-facing HTTP paths check (`wasi:http` fields and methods, Extism's
 * `http_request`): RFC 9110 tokens, and the headers a guest may never set because the host derives
 * them from the checked URL and the body (so a request to a granted address cannot claim to be for
 * another host, or smuggle a second request).
 */

/** RFC 9110 token: the syntax of a header name and of an extension method. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Header names (lower case) a guest may not set. */
export const FORBIDDEN_HEADERS: ReadonlySet<string> = new Set(['host', 'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'http2-settings']);
