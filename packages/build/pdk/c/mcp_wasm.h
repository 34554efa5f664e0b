/*
 * mcp_wasm.h: write mcp-wasm servlets in C.
 *
 * A servlet is an Extism plugin: a core WebAssembly module (wasm32-wasi, reactor) that imports the
 * Extism kernel (`extism:host/env`) and exports the servlet interface, either mcp.run's
 * (`describe`, `call`) or hyper-mcp's v2 (`list_tools`, `call_tool`, ...). `mcp-wasm build` compiles
 * src/\*.c with clang-19 and this header on the include path, and embeds servlet.json.
 *
 * Only the kernel functions a servlet calls end up among its imports, so declaring them all here
 * asks the host for nothing. Files are plain libc (fopen, ...) through WASI preview 1: the host
 * shows the servlet only the directories it was granted, under the guest paths of servlet.json.
 *
 * Single header, no implementation macro: every helper is `static`, for one-file servlets.
 * Strings returned by helpers are malloc'd and NUL-terminated; free them when done (or don't: an
 * instance lives for one call or a few).
 */
#ifndef MCP_WASM_H
#define MCP_WASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Offset of a block in the host's Extism memory; 0 means none. */
typedef uint64_t mcp_handle;

#define MCP_WASM_IMPORT(name) __attribute__((import_module("extism:host/env"), import_name(name)))
/** Marks a function the host calls: `MCP_WASM_EXPORT("call") int32_t call(void) { ... }`. */
#define MCP_WASM_EXPORT(name) __attribute__((export_name(name)))
#define MCP_WASM_HELPER static __attribute__((unused))

/* The Extism kernel, with the names and signatures of extism:host/env. */
MCP_WASM_IMPORT("alloc") extern mcp_handle mcp_kernel_alloc(uint64_t length);
MCP_WASM_IMPORT("free") extern void mcp_kernel_free(mcp_handle block);
MCP_WASM_IMPORT("length") extern uint64_t mcp_kernel_length(mcp_handle block);
MCP_WASM_IMPORT("load_u8") extern uint8_t mcp_kernel_load_u8(uint64_t offset);
MCP_WASM_IMPORT("load_u64") extern uint64_t mcp_kernel_load_u64(uint64_t offset);
MCP_WASM_IMPORT("store_u8") extern void mcp_kernel_store_u8(uint64_t offset, uint8_t value);
MCP_WASM_IMPORT("store_u64") extern void mcp_kernel_store_u64(uint64_t offset, uint64_t value);
MCP_WASM_IMPORT("input_length") extern uint64_t mcp_kernel_input_length(void);
MCP_WASM_IMPORT("input_load_u8") extern uint8_t mcp_kernel_input_load_u8(uint64_t offset);
MCP_WASM_IMPORT("input_load_u64") extern uint64_t mcp_kernel_input_load_u64(uint64_t offset);
MCP_WASM_IMPORT("output_set") extern void mcp_kernel_output_set(uint64_t offset, uint64_t length);
MCP_WASM_IMPORT("error_set") extern void mcp_kernel_error_set(mcp_handle message);
MCP_WASM_IMPORT("config_get") extern mcp_handle mcp_kernel_config_get(mcp_handle key);
MCP_WASM_IMPORT("var_get") extern mcp_handle mcp_kernel_var_get(mcp_handle key);
MCP_WASM_IMPORT("var_set") extern void mcp_kernel_var_set(mcp_handle key, mcp_handle value);
MCP_WASM_IMPORT("http_request") extern mcp_handle mcp_kernel_http_request(mcp_handle request, mcp_handle body);
MCP_WASM_IMPORT("http_status_code") extern int32_t mcp_kernel_http_status_code(void);
MCP_WASM_IMPORT("log_debug") extern void mcp_kernel_log_debug(mcp_handle message);
MCP_WASM_IMPORT("log_info") extern void mcp_kernel_log_info(mcp_handle message);
MCP_WASM_IMPORT("log_warn") extern void mcp_kernel_log_warn(mcp_handle message);
MCP_WASM_IMPORT("log_error") extern void mcp_kernel_log_error(mcp_handle message);

/* ---- Memory between guest and host ---- */

/** Copies `length` bytes into a new block of host memory. */
MCP_WASM_HELPER mcp_handle mcp_store(const void *data, size_t length) {
  mcp_handle block = mcp_kernel_alloc(length);
  if (block == 0) return 0;
  const uint8_t *bytes = (const uint8_t *)data;
  size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    memcpy(&word, bytes + i, 8);
    mcp_kernel_store_u64(block + i, word);
  }
  for (; i < length; i++) mcp_kernel_store_u8(block + i, bytes[i]);
  return block;
}

/** A NUL-terminated copy of a host memory block (NULL for block 0); its length goes to `*length`. */
MCP_WASM_HELPER char *mcp_load(mcp_handle block, size_t *length) {
  if (block == 0) return NULL;
  uint64_t size = mcp_kernel_length(block);
  char *out = (char *)malloc((size_t)size + 1);
  if (out == NULL) return NULL;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word = mcp_kernel_load_u64(block + i);
    memcpy(out + i, &word, 8);
  }
  for (; i < size; i++) out[i] = (char)mcp_kernel_load_u8(block + i);
  out[size] = '\0';
  if (length) *length = (size_t)size;
  return out;
}

/** The call's input (JSON for every servlet export), NUL-terminated. */
MCP_WASM_HELPER char *mcp_input(size_t *length) {
  uint64_t size = mcp_kernel_input_length();
  char *out = (char *)malloc((size_t)size + 1);
  if (out == NULL) return NULL;
  size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t word = mcp_kernel_input_load_u64(i);
    memcpy(out + i, &word, 8);
  }
  for (; i < size; i++) out[i] = (char)mcp_kernel_input_load_u8(i);
  out[size] = '\0';
  if (length) *length = (size_t)size;
  return out;
}

/** Sets the call's output. */
MCP_WASM_HELPER void mcp_output(const char *data, size_t length) {
  mcp_kernel_output_set(mcp_store(data, length), length);
}

/** Fails the call with `message` (return a non-zero code from the export too). */
MCP_WASM_HELPER void mcp_error(const char *message) {
  mcp_kernel_error_set(mcp_store(message, strlen(message)));
}

/** A config value or secret the person granted, or NULL when it is not set or not granted. */
MCP_WASM_HELPER char *mcp_config(const char *key) {
  mcp_handle name = mcp_store(key, strlen(key));
  char *value = mcp_load(mcp_kernel_config_get(name), NULL);
  mcp_kernel_free(name);
  return value;
}

typedef enum { MCP_LOG_DEBUG, MCP_LOG_INFO, MCP_LOG_WARN, MCP_LOG_ERROR } mcp_log_level;

/** Writes `message` to the servlet's log. */
MCP_WASM_HELPER void mcp_log(mcp_log_level level, const char *message) {
  mcp_handle block = mcp_store(message, strlen(message));
  switch (level) {
    case MCP_LOG_DEBUG: mcp_kernel_log_debug(block); break;
    case MCP_LOG_INFO: mcp_kernel_log_info(block); break;
    case MCP_LOG_WARN: mcp_kernel_log_warn(block); break;
    default: mcp_kernel_log_error(block); break;
  }
  mcp_kernel_free(block);
}

/* ---- Building JSON ---- */

/** A growing NUL-terminated text buffer. Start with `mcp_buf b = {0};`. */
typedef struct {
  char *data;
  size_t length;
  size_t capacity;
} mcp_buf;

/** Appends `length` bytes; returns false when memory ran out (the buffer keeps what it had). */
MCP_WASM_HELPER bool mcp_buf_append_n(mcp_buf *buf, const char *text, size_t length) {
  if (buf->length + length + 1 > buf->capacity) {
    size_t capacity = buf->capacity ? buf->capacity : 64;
    while (capacity < buf->length + length + 1) capacity *= 2;
    char *grown = (char *)realloc(buf->data, capacity);
    if (grown == NULL) return false;
    buf->data = grown;
    buf->capacity = capacity;
  }
  memcpy(buf->data + buf->length, text, length);
  buf->length += length;
  buf->data[buf->length] = '\0';
  return true;
}

MCP_WASM_HELPER bool mcp_buf_append(mcp_buf *buf, const char *text) {
  return mcp_buf_append_n(buf, text, strlen(text));
}

/** Appends `text` as a JSON string literal, quotes included, escaping what JSON requires. */
MCP_WASM_HELPER bool mcp_buf_append_json_string(mcp_buf *buf, const char *text, size_t length) {
  static const char hex[] = "0123456789abcdef";
  bool ok = mcp_buf_append_n(buf, "\"", 1);
  for (size_t i = 0; i < length && ok; i++) {
    unsigned char c = (unsigned char)text[i];
    char escaped[7] = {'\\', 0, 0, 0, 0, 0, 0};
    size_t n = 2;
    switch (c) {
      case '"': escaped[1] = '"'; break;
      case '\\': escaped[1] = '\\'; break;
      case '\n': escaped[1] = 'n'; break;
      case '\r': escaped[1] = 'r'; break;
      case '\t': escaped[1] = 't'; break;
      default:
        if (c < 0x20) {
          escaped[1] = 'u', escaped[2] = '0', escaped[3] = '0', escaped[4] = hex[c >> 4], escaped[5] = hex[c & 15];
          n = 6;
        } else {
          escaped[0] = (char)c;
          n = 1;
        }
    }
    ok = mcp_buf_append_n(buf, escaped, n);
  }
  return ok && mcp_buf_append_n(buf, "\"", 1);
}

/** Sets the output to a CallToolResult with one text block (`is_error`: the tool failed). */
MCP_WASM_HELPER void mcp_output_tool_text(const char *text, size_t length, bool is_error) {
  mcp_buf out = {0};
  mcp_buf_append(&out, "{\"content\":[{\"type\":\"text\",\"text\":");
  mcp_buf_append_json_string(&out, text, length);
  mcp_buf_append(&out, is_error ? "}],\"isError\":true}" : "}],\"isError\":false}");
  mcp_output(out.data, out.length);
  free(out.data);
}

/* ---- Reading JSON: enough to take a tool's arguments out of the input ---- */

MCP_WASM_HELPER const char *mcp_json__space(const char *p) {
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
  return p;
}

/* Past the string starting at the quote `p`; NULL when it is unterminated. */
MCP_WASM_HELPER const char *mcp_json__skip_string(const char *p) {
  for (p++; *p; p++) {
    if (*p == '\\') {
      if (!*++p) return NULL;
    } else if (*p == '"') {
      return p + 1;
    }
  }
  return NULL;
}

/* Past the value at `p`; NULL when it is malformed. `depth` bounds nesting: hostile input can't
   exhaust the stack. */
MCP_WASM_HELPER const char *mcp_json__skip(const char *p, int depth) {
  p = mcp_json__space(p);
  if (depth > 64) return NULL;
  if (*p == '"') return mcp_json__skip_string(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    p = mcp_json__space(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
      if (close == '}') {
        if (*p != '"' || !(p = mcp_json__skip_string(p))) return NULL;
        p = mcp_json__space(p);
        if (*p++ != ':') return NULL;
      }
      if (!(p = mcp_json__skip(p, depth + 1))) return NULL;
      p = mcp_json__space(p);
      if (*p == close) return p + 1;
      if (*p++ != ',') return NULL;
      p = mcp_json__space(p);
    }
  }
  const char *start = p;
  while (*p && strchr("+-0123456789.eEtruefalsn", *p)) p++;
  return p == start ? NULL : p;
}

/* Whether the string literal at `p` equals the `length` bytes of `key` (keys with escapes never match). */
MCP_WASM_HELPER bool mcp_json__key_is(const char *p, const char *key, size_t length) {
  return strncmp(p + 1, key, length) == 0 && p[1 + length] == '"';
}

/**
 * The value at a dotted path of object keys, e.g. "params.arguments.path", as a pointer into
 * `json`; NULL when the path is not there or the JSON is malformed.
 */
MCP_WASM_HELPER const char *mcp_json_find(const char *json, const char *path) {
  const char *p = mcp_json__space(json);
  while (*path) {
    const char *dot = strchr(path, '.');
    size_t length = dot ? (size_t)(dot - path) : strlen(path);
    if (*p != '{') return NULL;
    p = mcp_json__space(p + 1);
    const char *found = NULL;
    while (*p == '"') {
      bool match = mcp_json__key_is(p, path, length);
      if (!(p = mcp_json__skip_string(p))) return NULL;
      p = mcp_json__space(p);
      if (*p++ != ':') return NULL;
      p = mcp_json__space(p);
      if (match) {
        found = p;
        break;
      }
      if (!(p = mcp_json__skip(p, 0))) return NULL;
      p = mcp_json__space(p);
      if (*p == ',') p = mcp_json__space(p + 1);
    }
    if (!found) return NULL;
    p = found;
    path += length + (dot ? 1 : 0);
  }
  return p;
}

MCP_WASM_HELPER int mcp_json__hex(const char *p) {
  int value = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * The string at `value` (from mcp_json_find), unescaped to UTF-8, or NULL when it is not a string.
 * Its byte length goes to `*length` (it may contain NUL bytes written as \u0000).
 */
MCP_WASM_HELPER char *mcp_json_string(const char *value, size_t *length) {
  if (value == NULL || *value != '"') return NULL;
  const char *end = mcp_json__skip_string(value);
  if (end == NULL) return NULL;
  char *out = (char *)malloc((size_t)(end - value));
  if (out == NULL) return NULL;
  size_t n = 0;
  for (const char *p = value + 1; p < end - 1; p++) {
    if (*p != '\\') {
      out[n++] = *p;
      continue;
    }
    char c = *++p;
    switch (c) {
      case 'n': out[n++] = '\n'; break;
      case 'r': out[n++] = '\r'; break;
      case 't': out[n++] = '\t'; break;
      case 'b': out[n++] = '\b'; break;
      case 'f': out[n++] = '\f'; break;
      case 'u': {
        int code = p + 4 < end ? mcp_json__hex(p + 1) : -1;
        if (code < 0) {
          free(out);
          return NULL;
        }
        p += 4;
        /* Surrogate pairs are passed through as two 3-byte sequences: enough for arguments. */
        if (code < 0x80) {
          out[n++] = (char)code;
        } else if (code < 0x800) {
          out[n++] = (char)(0xc0 | (code >> 6));
          out[n++] = (char)(0x80 | (code & 0x3f));
        } else {
          out[n++] = (char)(0xe0 | (code >> 12));
          out[n++] = (char)(0x80 | ((code >> 6) & 0x3f));
          out[n++] = (char)(0x80 | (code & 0x3f));
        }
        break;
      }
      default: out[n++] = c; break; /* \" \\ \/ */
    }
  }
  out[n] = '\0';
  if (length) *length = n;
  return out;
}

/** The number at `value` (from mcp_json_find) into `*out`; false when it is not a number. */
MCP_WASM_HELPER bool mcp_json_number(const char *value, double *out) {
  if (value == NULL || !(*value == '-' || (*value >= '0' && *value <= '9'))) return false;
  char *end = NULL;
  *out = strtod(value, &end);
  return end != value;
}

/* ---- HTTP ---- */

/** An HTTP response: status 0 when the request was refused or failed (the body then says why, if it can). */
typedef struct {
  int32_t status;
  char *body;
  size_t length;
} mcp_http_response;

/**
 * Sends an HTTP request through the host, which lets it out only to the origins the person granted.
 * `body` may be NULL. Headers beyond the defaults are not supported by this helper.
 */
MCP_WASM_HELPER mcp_http_response mcp_http_request(const char *method, const char *url, const char *body, size_t body_length) {
  mcp_buf request = {0};
  mcp_buf_append(&request, "{\"method\":");
  mcp_buf_append_json_string(&request, method, strlen(method));
  mcp_buf_append(&request, ",\"url\":");
  mcp_buf_append_json_string(&request, url, strlen(url));
  mcp_buf_append(&request, ",\"headers\":{}}");
  mcp_handle request_block = mcp_store(request.data, request.length);
  free(request.data);
  mcp_handle body_block = body ? mcp_store(body, body_length) : 0;
  mcp_http_response response = {0, NULL, 0};
  mcp_handle answer = mcp_kernel_http_request(request_block, body_block);
  response.status = mcp_kernel_http_status_code();
  response.body = mcp_load(answer, &response.length);
  mcp_kernel_free(request_block);
  if (body_block) mcp_kernel_free(body_block);
  return response;
}

MCP_WASM_HELPER mcp_http_response mcp_http_get(const char *url) {
  return mcp_http_request("GET", url, NULL, 0);
}

#ifdef __cplusplus
}
#endif
#endif /* MCP_WASM_H */
