import { AuthenticationError, type ClientCredentialsV1 } from '@multi-ai-proxy/core';
import {
  type AzureServerlessDeployment,
  serverlessKeyVariable,
} from './parse-azure-serverless-deployments.js';

/**
 * Serverless endpoints take `Authorization: Bearer <endpoint key>`. The configured key wins; without
 * one the client's own key is used, and with neither the call fails here instead of going out with
 * an empty bearer.
 */
export function selectServerlessAuthHeaders(
  deployment: AzureServerlessDeployment,
  credentials: ClientCredentialsV1 | undefined,
): Record<string, string> {
  const key = deployment.apiKey ?? credentials?.bearer ?? credentials?.apiKey;
  if (!key) {
    throw new AuthenticationError(
      `No key for the serverless deployment of "${deployment.model}": set ${serverlessKeyVariable(deployment.model, true)} on the gateway or send the endpoint key.`,
      { code: 'missing_api_key' },
    );
  }
  return { authorization: `Bearer ${key}` };
}
