// HTTP through the host (Extism `http_request`): it lets a request out only to the origins the
// person granted, under the same redirect and private-address rules as every servlet.
import * as kernel from "./kernel";
import { loadString, storeString } from "./host";
import { jsonString } from "./json";

/** An HTTP response. `status` is 0 when the host refused or could not send the request. */
export class HttpResponse {
  constructor(public status: i32, public body: string) {}
}

/** Sends `method url` with an optional body and headers (name/value pairs). */
export function httpRequest(method: string, url: string, body: string | null = null, headers: string[] = []): HttpResponse {
  let headerJson = "{";
  for (let i = 0; i + 1 < headers.length; i += 2) {
    headerJson += (i > 0 ? "," : "") + jsonString(headers[i]) + ":" + jsonString(headers[i + 1]);
  }
  headerJson += "}";
  const request = storeString('{"method":' + jsonString(method) + ',"url":' + jsonString(url) + ',"headers":' + headerJson + "}");
  const bodyBlock: u64 = body === null ? 0 : storeString(body);
  const answer = kernel.http_request(request, bodyBlock);
  const status = kernel.http_status_code();
  kernel.free(request);
  if (bodyBlock != 0) kernel.free(bodyBlock);
  return new HttpResponse(status, answer == 0 ? "" : loadString(answer));
}

export function httpGet(url: string): HttpResponse {
  return httpRequest("GET", url);
}
