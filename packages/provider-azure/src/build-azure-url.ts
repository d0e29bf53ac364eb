import { joinUrl } from '@multi-ai-proxy/core/provider-utils';
import type { AzureApiSurface } from './azure-provider-options.js';
import { withApiVersion } from './with-api-version.js';

export interface AzureUrlParts {
  endpoint: string;
  surface: AzureApiSurface;
  /** Route below `/openai/…`, e.g. `chat/completions`, `files/file-1/content` (already encoded). */
  route: string;
  /** Deployment-scoped routes on the classic surface: `/openai/deployments/{deployment}/{route}`. */
  deployment?: string;
  /** Client query string (no `?`). */
  search: string;
  /** Default `api-version` for this route; undefined adds none. */
  apiVersion: string | undefined;
}

/**
 * Azure OpenAI URL for a route on either API surface:
 * - `deployments`: `{endpoint}/openai/deployments/{deployment}/{route}?api-version=…`, or
 *   `{endpoint}/openai/{route}?api-version=…` for resource-level routes (files, fine-tuning, models);
 * - `v1`: `{endpoint}/openai/v1/{route}` (the deployment goes in the body's `model`), no dated version.
 * The endpoint's path prefix (API Management, say) is kept.
 */
export function buildAzureUrl(parts: AzureUrlParts): string {
  if (parts.surface === 'v1')
    return joinUrl(parts.endpoint, `/openai/v1/${parts.route}`, parts.search);
  const path =
    parts.deployment === undefined
      ? `/openai/${parts.route}`
      : `/openai/deployments/${encodeURIComponent(parts.deployment)}/${parts.route}`;
  return joinUrl(parts.endpoint, path, withApiVersion(parts.search, parts.apiVersion));
}
