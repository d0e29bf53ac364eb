import {
  type CallContextV1,
  InvalidRequestError,
  type JsonResultV1,
  type RawResultV1,
} from '@multi-ai-proxy/core';
import { sendUpstreamRequest } from '@multi-ai-proxy/core/provider-utils';
import { forwardUpstreamRequest } from '@multi-ai-proxy/provider-openai/internal';
import type { Got } from 'got';
import type { AzureProviderOptions } from './azure-provider-options.js';
import { buildAzureUrl } from './build-azure-url.js';
import { selectAzureAuthHeaders } from './select-azure-auth-headers.js';

// The last data-plane api-version with a deployments listing (later versions moved it to ARM).
const DEPLOYMENTS_API_VERSION = '2022-12-01';

interface DeploymentEntry {
  id: string;
  object: 'deployment';
  model: string;
  status: string;
  source: 'model-mapper' | 'serverless' | 'upstream';
  [extra: string]: unknown;
}

/**
 * `GET /deployments[/:id]`, answered by the provider (Azure's data plane has no such route). Answers with the
 * deployments the gateway knows (mapper targets, serverless deployments) merged with the resource's
 * data-plane listing where it still offers one (classic surface, `api-version=2022-12-01`); a
 * resource without it simply contributes nothing.
 */
export async function answerAzureDeployments(
  client: Got,
  options: AzureProviderOptions,
  instanceName: string,
  deploymentId: string | undefined,
  call: CallContextV1,
  timeoutMs: number,
): Promise<JsonResultV1<unknown> | RawResultV1> {
  const known = knownDeployments(options);
  const auth = selectAzureAuthHeaders(options.apiKey, call.credentials);
  const canAskUpstream = options.endpoint !== undefined && options.apiSurface === 'deployments';
  if (deploymentId) {
    const entry = known.find(
      (candidate) => candidate.id.toLowerCase() === deploymentId.toLowerCase(),
    );
    if (entry !== undefined) return { kind: 'json', body: entry };
    if (!canAskUpstream)
      throw new InvalidRequestError(
        `The deployment "${deploymentId}" is not known to provider "${instanceName}".`,
        { status: 404, code: 'DeploymentNotFound' },
      );
    const route = `deployments/${encodeURIComponent(deploymentId)}`;
    return forwardUpstreamRequest(client, {
      provider: instanceName,
      url: buildAzureUrl({
        endpoint: options.endpoint as string,
        surface: 'deployments',
        route,
        search: '',
        apiVersion: DEPLOYMENTS_API_VERSION,
      }),
      method: 'GET',
      headers: { accept: 'application/json', ...auth },
      signal: call.signal,
      timeoutMs,
      secrets: [options.apiKey, call.credentials?.apiKey, call.credentials?.bearer],
    });
  }
  const upstream = canAskUpstream
    ? await fetchUpstreamDeployments(
        client,
        options.endpoint as string,
        auth,
        call,
        instanceName,
        timeoutMs,
      )
    : [];
  const merged = new Map<string, DeploymentEntry>();
  for (const entry of [...upstream, ...known])
    if (!merged.has(entry.id.toLowerCase())) merged.set(entry.id.toLowerCase(), entry);
  return { kind: 'json', body: { object: 'list', data: [...merged.values()] } };
}

function knownDeployments(options: AzureProviderOptions): DeploymentEntry[] {
  const entries: DeploymentEntry[] = [];
  for (const [model, deployment] of options.modelMapper) {
    if (!entries.some((entry) => entry.id === deployment))
      entries.push({
        id: deployment,
        object: 'deployment',
        model,
        status: 'succeeded',
        source: 'model-mapper',
      });
  }
  for (const serverless of options.serverlessDeployments.values()) {
    entries.push({
      id: serverless.name,
      object: 'deployment',
      model: serverless.model,
      status: 'succeeded',
      source: 'serverless',
      region: serverless.region,
    });
  }
  return entries;
}

async function fetchUpstreamDeployments(
  client: Got,
  endpoint: string,
  auth: Record<string, string>,
  call: CallContextV1,
  instanceName: string,
  timeoutMs: number,
): Promise<DeploymentEntry[]> {
  const url = buildAzureUrl({
    endpoint,
    surface: 'deployments',
    route: 'deployments',
    search: '',
    apiVersion: DEPLOYMENTS_API_VERSION,
  });
  try {
    const response = await sendUpstreamRequest(client, {
      provider: instanceName,
      url,
      method: 'GET',
      headers: { accept: 'application/json', ...auth },
      signal: call.signal,
      timeoutMs,
    });
    if (response.status >= 400) {
      call.logger.debug(
        { provider: instanceName, status: response.status },
        'Azure deployments listing unavailable; answering known deployments only',
      );
      return [];
    }
    const data = (JSON.parse(response.body.toString('utf8')) as { data?: unknown }).data;
    if (!Array.isArray(data)) return [];
    return data
      .filter(
        (entry): entry is Record<string, unknown> =>
          typeof entry === 'object' && entry !== null && typeof entry.id === 'string',
      )
      .map((entry) => ({
        ...entry,
        id: entry.id as string,
        object: 'deployment',
        model: String(entry.model ?? entry.id),
        status: String(entry.status ?? 'succeeded'),
        source: 'upstream',
      }));
  } catch (error) {
    call.logger.debug(
      { provider: instanceName, error: (error as Error).message },
      'Azure deployments listing failed; answering known deployments only',
    );
    return [];
  }
}
