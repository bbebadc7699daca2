import {PROJECT_TOOLS} from './project-tools.js';
import {REPORT_TOOLS} from './report-tools.js';
import {SESSION_TOOLS} from './session-tools.js';
import type {ToolDefinition} from './tool.js';
import {VERSION_TOOLS} from './version-tools.js';

/** The design's MCP tools. Adding one: a definition in the file of its kind. */
export const TOOLS: readonly ToolDefinition[] = [...PROJECT_TOOLS, ...REPORT_TOOLS, ...SESSION_TOOLS, ...VERSION_TOOLS];
