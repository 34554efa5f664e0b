/**
 * The filesystem servlet: the tool set of `@modelcontextprotocol/server-filesystem` (same names,
 * arguments, result texts and errors), confined to the directories the person granted at install
 * (`mcp-wasm install filesystem --mount ~/notes:/data`, `:ro` for reading only). Paths are guest
 * paths, such as /data/notes.txt; the servlet checks them first, and the host enforces the grants.
 */
import { defineServlet } from '@mcp-wasm/sdk';
import { infoTools } from './info-tools.js';
import { listTools } from './list-tools.js';
import { readTools } from './read-tools.js';
import { writeTools } from './write-tools.js';

export default defineServlet({
  tools: [
    ...readTools,
    writeTools.writeFileTool,
    writeTools.editFileTool,
    writeTools.createDirectoryTool,
    listTools.listDirectoryTool,
    listTools.listDirectoryWithSizesTool,
    listTools.directoryTreeTool,
    writeTools.moveFileTool,
    infoTools.searchFilesTool,
    infoTools.getFileInfoTool,
    infoTools.listAllowedDirectoriesTool,
  ],
});
