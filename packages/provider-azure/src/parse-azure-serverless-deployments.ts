import type { EnvV1 } from '@multi-ai-proxy/core';

/** An Azure AI Studio serverless (models-as-a-service) deployment. */
export interface AzureServerlessDeployment {
  /** The model key as written (trimmed), e.g. `mistral-large-2407`. */
  model: string;
  name: string;
  region: string;
  /** From `AZURE_OPENAI_KEY_<MODEL>`; undefined when not set (reported at startup). */
  apiKey: string | undefined;
}

export interface ParsedAzureServerlessDeployments {
  /** Keyed by the lower-cased model. */
  deployments: Map<string, AzureServerlessDeployment>;
  problems: string[];
}

/**
 * `AZURE_AI_STUDIO_DEPLOYMENTS` = `model=DeploymentName:region` pairs separated by commas, split
 * at `=` then `:` (each must give two parts), trimmed. The key comes
 * from `AZURE_OPENAI_KEY_<MODEL upper-cased>` (dashes and dots kept, as documented) or, since
 * shells cannot export such names, the same with every non-alphanumeric character as `_`.
 */
export function parseAzureServerlessDeployments(
  value: string | undefined,
  env: EnvV1,
): ParsedAzureServerlessDeployments {
  const deployments = new Map<string, AzureServerlessDeployment>();
  const problems: string[] = [];
  if (value === undefined || value.trim() === '') return { deployments, problems };
  for (const [index, pair] of value.split(',').entries()) {
    if (pair.trim() === '') continue;
    const sides = pair.split('=');
    const target = sides.length === 2 ? (sides[1] ?? '').split(':') : [];
    const model = sides[0]?.trim() ?? '';
    const name = target[0]?.trim() ?? '';
    const region = target[1]?.trim() ?? '';
    if (target.length !== 2 || model === '' || name === '' || region === '') {
      problems.push(
        `AZURE_AI_STUDIO_DEPLOYMENTS: entry ${index + 1} is not "model=DeploymentName:region" and is ignored.`,
      );
      continue;
    }
    const apiKey = readServerlessKey(model, env);
    if (apiKey === undefined) {
      problems.push(
        `AZURE_AI_STUDIO_DEPLOYMENTS: no key for serverless model "${model}"; set ${serverlessKeyVariable(model)} ` +
          `(or ${serverlessKeyVariable(model, true)}). Until then the client's own key is sent, and calls without one fail with 401.`,
      );
    }
    deployments.set(model.toLowerCase(), { model, name, region, apiKey });
  }
  return { deployments, problems };
}

/** `AZURE_OPENAI_KEY_MISTRAL-LARGE-2407` (documented) or `AZURE_OPENAI_KEY_MISTRAL_LARGE_2407` (shell-safe). */
export function serverlessKeyVariable(model: string, shellSafe = false): string {
  const upper = model.toUpperCase();
  return `AZURE_OPENAI_KEY_${shellSafe ? upper.replace(/[^A-Z0-9]/g, '_') : upper}`;
}

function readServerlessKey(model: string, env: EnvV1): string | undefined {
  const value =
    env[serverlessKeyVariable(model)]?.trim() || env[serverlessKeyVariable(model, true)]?.trim();
  return value === '' ? undefined : value;
}
