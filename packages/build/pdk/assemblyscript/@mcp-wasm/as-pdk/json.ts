// A small JSON reader and string escaper: enough to take a tool's arguments out of the input and
// to write results. Malformed input gives null, never a trap.

export enum JsonKind {
  Null,
  Bool,
  Number,
  String,
  Array,
  Object,
}

/** A parsed JSON value. */
export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  number: f64 = 0;
  text: string = "";
  items: JsonValue[] = [];
  keys: string[] = [];

  /** The member `key` of an object, or null. */
  get(key: string): JsonValue | null {
    if (this.kind != JsonKind.Object) return null;
    for (let i = this.keys.length - 1; i >= 0; i--) if (this.keys[i] == key) return this.items[i];
    return null;
  }

  /** The value at a dotted path of keys such as "request.arguments.path", or null. */
  at(path: string): JsonValue | null {
    let value: JsonValue | null = this;
    const parts = path.split(".");
    for (let i = 0; i < parts.length && value !== null; i++) value = value.get(parts[i]);
    return value;
  }

  /** The string at `path`, or null when it is missing or not a string. */
  stringAt(path: string): string | null {
    const value = this.at(path);
    return value !== null && value.kind == JsonKind.String ? value.text : null;
  }
}

class Parser {
  pos: i32 = 0;
  failed: bool = false;
  constructor(public source: string) {}

  space(): void {
    while (this.pos < this.source.length) {
      const c = this.source.charCodeAt(this.pos);
      if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
      this.pos++;
    }
  }

  peek(): i32 {
    return this.pos < this.source.length ? this.source.charCodeAt(this.pos) : -1;
  }

  fail(): JsonValue {
    this.failed = true;
    return new JsonValue();
  }

  value(depth: i32): JsonValue {
    this.space();
    // Bounded nesting: hostile input cannot exhaust the stack.
    if (depth > 64) return this.fail();
    const c = this.peek();
    const out = new JsonValue();
    if (c == 0x22) {
      out.kind = JsonKind.String;
      out.text = this.string();
    } else if (c == 0x7b || c == 0x5b) {
      out.kind = c == 0x7b ? JsonKind.Object : JsonKind.Array;
      const close = c == 0x7b ? 0x7d : 0x5d;
      this.pos++;
      this.space();
      if (this.peek() == close) {
        this.pos++;
        return out;
      }
      while (!this.failed) {
        if (out.kind == JsonKind.Object) {
          this.space();
          if (this.peek() != 0x22) return this.fail();
          out.keys.push(this.string());
          this.space();
          if (this.peek() != 0x3a) return this.fail();
          this.pos++;
        }
        out.items.push(this.value(depth + 1));
        this.space();
        const next = this.peek();
        this.pos++;
        if (next == close) break;
        if (next != 0x2c) return this.fail();
      }
    } else if (this.source.startsWith("true", this.pos) || this.source.startsWith("false", this.pos)) {
      out.kind = JsonKind.Bool;
      out.bool = c == 0x74;
      this.pos += out.bool ? 4 : 5;
    } else if (this.source.startsWith("null", this.pos)) {
      this.pos += 4;
    } else {
      const start = this.pos;
      while (this.pos < this.source.length && "+-0123456789.eE".includes(this.source.charAt(this.pos))) this.pos++;
      if (this.pos == start) return this.fail();
      out.kind = JsonKind.Number;
      out.number = parseFloat(this.source.substring(start, this.pos));
    }
    return out;
  }

  string(): string {
    this.pos++; // the opening quote
    let out = "";
    let start = this.pos;
    while (this.pos < this.source.length) {
      const c = this.source.charCodeAt(this.pos);
      if (c == 0x22) {
        out += this.source.substring(start, this.pos);
        this.pos++;
        return out;
      }
      if (c != 0x5c) {
        this.pos++;
        continue;
      }
      out += this.source.substring(start, this.pos);
      const e = this.source.charCodeAt(this.pos + 1);
      this.pos += 2;
      if (e == 0x6e) out += "\n";
      else if (e == 0x72) out += "\r";
      else if (e == 0x74) out += "\t";
      else if (e == 0x62) out += "\b";
      else if (e == 0x66) out += "\f";
      else if (e == 0x75) {
        const code = I32.parseInt(this.source.substring(this.pos, this.pos + 4), 16);
        if (this.pos + 4 > this.source.length || isNaN(<f64>code)) {
          this.failed = true;
          return "";
        }
        out += String.fromCharCode(code); // UTF-16 units: surrogate pairs come out right
        this.pos += 4;
      } else out += String.fromCharCode(e);
      start = this.pos;
    }
    this.failed = true;
    return "";
  }
}

/** Parses `text`; null when it is not valid JSON. */
export function parseJson(text: string): JsonValue | null {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.space();
  return parser.failed || parser.pos != text.length ? null : value;
}

/** `text` as a JSON string literal, quotes included. */
export function jsonString(text: string): string {
  // Runs of plain characters are copied whole: concatenating one character at a time would be
  // quadratic for a large file's contents.
  const parts: string[] = ['"'];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) continue;
    parts.push(text.substring(start, i));
    if (c == 0x22) parts.push('\\"');
    else if (c == 0x5c) parts.push("\\\\");
    else if (c == 0x0a) parts.push("\\n");
    else if (c == 0x0d) parts.push("\\r");
    else if (c == 0x09) parts.push("\\t");
    else parts.push("\\u00" + (c < 0x10 ? "0" : "") + c.toString(16));
    start = i + 1;
  }
  parts.push(text.substring(start));
  parts.push('"');
  return parts.join("");
}

/** A CallToolResult with one text block. */
export function toolText(text: string, isError: bool = false): string {
  return '{"content":[{"type":"text","text":' + jsonString(text) + '}],"isError":' + (isError ? "true" : "false") + "}";
}
