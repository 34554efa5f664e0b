// __NAME__: an mcp-wasm servlet in AssemblyScript, with hyper-mcp's v2 interface: each export reads
// a JSON request ({"request": ..., "context": ...}) and sets a JSON result. Build with `mcp-wasm build`.
import { inputString, jsonString, outputString, parseJson, setError, toolText } from "@mcp-wasm/as-pdk";

export function list_tools(): i32 {
  outputString(`{"tools":[{"name":"greet","description":"Greets someone by name",
    "inputSchema":{"type":"object","properties":{"name":{"type":"string","description":"Who to greet"}},"required":["name"]}}]}`);
  return 0;
}

export function call_tool(): i32 {
  const input = parseJson(inputString());
  if (input === null) {
    setError("the request is not JSON");
    return 1;
  }
  if (input.stringAt("request.name") != "greet") {
    outputString(toolText("unknown tool", true));
    return 0;
  }
  const name = input.stringAt("request.arguments.name");
  outputString(name === null ? toolText("missing argument: name", true) : toolText("Hello, " + name + "!"));
  return 0;
}

export function list_prompts(): i32 {
  outputString(`{"prompts":[{"name":"introduce","description":"Asks the model to introduce a topic",
    "arguments":[{"name":"topic","description":"What to introduce","required":true}]}]}`);
  return 0;
}

export function get_prompt(): i32 {
  const input = parseJson(inputString());
  let topic = "WebAssembly";
  if (input !== null) {
    const given = input.stringAt("request.arguments.topic");
    if (given !== null) topic = given;
  }
  const text = jsonString("Introduce " + topic + " in three sentences.");
  outputString(`{"messages":[{"role":"user","content":{"type":"text","text":` + text + `}}]}`);
  return 0;
}

export function list_resources(): i32 {
  outputString(`{"resources":[{"uri":"__NAME__://about","name":"about","mimeType":"text/plain"}]}`);
  return 0;
}

export function read_resource(): i32 {
  outputString(`{"contents":[{"uri":"__NAME__://about","mimeType":"text/plain","text":"__NAME__ is an mcp-wasm servlet written in AssemblyScript."}]}`);
  return 0;
}
