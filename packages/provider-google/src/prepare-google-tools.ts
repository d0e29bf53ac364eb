import type { ChatCompletionFunctionTool, ChatCompletionToolChoice } from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { convertJsonSchemaToGoogleSchema } from './convert-json-schema-to-google-schema.js';
import type {
  GoogleFunctionDeclaration,
  GoogleTool,
  GoogleToolConfig,
} from './google-api-types.js';

export interface PrepareGoogleToolsOptions {
  /** Send `parameters` as raw JSON Schema (`parametersJsonSchema`) instead of the sanitized Schema subset. */
  useJsonSchema: boolean;
}

/**
 * OpenAI `tools` + `tool_choice` (+ legacy `functions`/`function_call`) → Gemini `tools` and
 * `toolConfig.functionCallingConfig`: none → NONE, auto → AUTO, required → ANY,
 * `{function:{name}}` → ANY + allowedFunctionNames.
 */
export function prepareGoogleTools(
  tools: readonly ChatCompletionFunctionTool[] | undefined | null,
  toolChoice: ChatCompletionToolChoice | undefined | null,
  options: PrepareGoogleToolsOptions,
): { tools?: GoogleTool[]; toolConfig?: GoogleToolConfig } {
  if (tools === undefined || tools === null) return {};
  if (!Array.isArray(tools))
    throw new InvalidRequestError('tools must be an array.', { param: 'tools' });
  if (tools.length === 0) return {};
  const declarations: GoogleFunctionDeclaration[] = tools.map((tool, index) => {
    const param = `tools[${index}]`;
    if (tool?.type !== 'function' || typeof tool.function?.name !== 'string') {
      throw new InvalidRequestError(
        `Only function tools are supported by Gemini (tools[${index}].type "${String(tool?.type)}").`,
        { param: `${param}.type` },
      );
    }
    const declaration: GoogleFunctionDeclaration = { name: tool.function.name };
    if (tool.function.description) declaration.description = tool.function.description;
    const parameters = tool.function.parameters;
    if (parameters && typeof parameters === 'object') {
      if (options.useJsonSchema) {
        if (Object.keys(parameters).length > 0) declaration.parametersJsonSchema = parameters;
      } else {
        const schema = convertJsonSchemaToGoogleSchema(parameters, {
          param: `${param}.function.parameters`,
        });
        if (schema) declaration.parameters = schema;
      }
    }
    return declaration;
  });
  const result: { tools: GoogleTool[]; toolConfig?: GoogleToolConfig } = {
    tools: [{ functionDeclarations: declarations }],
  };
  const toolConfig = convertToolChoice(toolChoice, declarations);
  if (toolConfig) result.toolConfig = toolConfig;
  return result;
}

function convertToolChoice(
  choice: ChatCompletionToolChoice | undefined | null,
  declarations: GoogleFunctionDeclaration[],
): GoogleToolConfig | undefined {
  if (choice === undefined || choice === null) return undefined;
  if (choice === 'auto') return { functionCallingConfig: { mode: 'AUTO' } };
  if (choice === 'none') return { functionCallingConfig: { mode: 'NONE' } };
  if (choice === 'required') return { functionCallingConfig: { mode: 'ANY' } };
  if (
    typeof choice === 'object' &&
    choice.type === 'function' &&
    typeof choice.function?.name === 'string'
  ) {
    const name = choice.function.name;
    if (!declarations.some((declaration) => declaration.name === name)) {
      throw new InvalidRequestError(
        `tool_choice names the function "${name}", which is not among the tools.`,
        { param: 'tool_choice' },
      );
    }
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [name] } };
  }
  throw new InvalidRequestError(
    'tool_choice must be "none", "auto", "required" or {"type":"function","function":{"name":…}}.',
    { param: 'tool_choice' },
  );
}
