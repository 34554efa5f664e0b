/** Consent: what a person is shown and asked before a servlet gets anything. */
export { escapeLine, escapeText, hasHiddenCharacters } from './escape.js';
export { describeGrants, describeMountWarnings, describeRequests, describeServlet, type ServletSummary, type ToolSummary } from './describe.js';
export { isYes, refusingPrompter, scriptedPrompter, type Prompter } from './prompter.js';
