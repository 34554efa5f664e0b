/*
 * __NAME__: an mcp-wasm servlet in C, with mcp.run's interface: `describe` lists the tools and
 * `call` runs one. Build with `mcp-wasm build` (clang-19 for wasm32-wasi; mcp_wasm.h comes with it).
 */
#include "mcp_wasm.h"

static const char TOOLS[] =
    "{\"tools\":[{\"name\":\"greet\",\"description\":\"Greets someone by name\","
    "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"description\":\"Who to greet\"}},"
    "\"required\":[\"name\"]}}]}";

MCP_WASM_EXPORT("describe") int32_t describe(void) {
  mcp_output(TOOLS, sizeof TOOLS - 1);
  return 0;
}

/* Input: {"params":{"name":"greet","arguments":{...}}}. Output: a CallToolResult. */
MCP_WASM_EXPORT("call") int32_t call(void) {
  char *input = mcp_input(NULL);
  char *tool = mcp_json_string(mcp_json_find(input, "params.name"), NULL);
  char *name = mcp_json_string(mcp_json_find(input, "params.arguments.name"), NULL);
  if (tool == NULL || strcmp(tool, "greet") != 0) {
    const char message[] = "unknown tool";
    mcp_output_tool_text(message, sizeof message - 1, true);
  } else if (name == NULL) {
    const char message[] = "missing argument: name";
    mcp_output_tool_text(message, sizeof message - 1, true);
  } else {
    mcp_buf text = {0};
    mcp_buf_append(&text, "Hello, ");
    mcp_buf_append(&text, name);
    mcp_buf_append(&text, "!");
    mcp_output_tool_text(text.data, text.length, false);
    free(text.data);
  }
  free(name);
  free(tool);
  free(input);
  return 0;
}
