import type { Readable } from 'node:stream';
import {
  type CallContextV1,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  InvalidRequestError,
  type ModelCallContextV1,
  type OperationResultV1,
  PASSTHROUGH_OPERATIONS_V1,
  type PassthroughOperationV1,
  type PluginContextV1,
  type ProviderV1,
  type RawResultV1,
  UnsupportedOperationError,
  UpstreamUnreachableError,
} from '@multi-ai-proxy/core';
import { createHttpClient, joinUrl } from '@multi-ai-proxy/core/provider-utils';
import {
  createSseEventTransform,
  forwardUpstreamRequest,
  pickForwardHeaders,
  prepareJsonBody,
  preparePassthroughBody,
} from '@multi-ai-proxy/provider-openai/internal';
import type { Method } from 'got';
import { answerAzureDeployments } from './answer-azure-deployments.js';
import { answerChatWithAzureResponses } from './answer-chat-with-azure-responses.js';
import { AZURE_MODEL_PATTERNS } from './azure-model-patterns.js';
import type { AzureProviderOptions } from './azure-provider-options.js';
import { buildAzureUrl } from './build-azure-url.js';
import { createAzureChunkFilter } from './create-azure-chunk-filter.js';
import { createAzureModelLister } from './create-azure-model-lister.js';
import { createAzureModelTable } from './create-azure-model-table.js';
import { describeAzureError } from './describe-azure-error.js';
import { isResponsesOnlyModel } from './is-responses-only-model.js';
import { mapAzureModel } from './map-azure-model.js';
import { mapAzurePassthroughRoute } from './map-azure-passthrough-route.js';
import type { AzureServerlessDeployment } from './parse-azure-serverless-deployments.js';
import { selectAzureAuthHeaders } from './select-azure-auth-headers.js';
import { selectServerlessAuthHeaders } from './select-serverless-auth-headers.js';
import { withApiVersion } from './with-api-version.js';

// Every OpenAI route except the voice list, which Azure does not have; not the APIs Azure OpenAI does not
// speak: Anthropic's Messages (the gateway translates it to chat) and the native Gemini and Vertex routes.
const NOT_PASSED_THROUGH: ReadonlySet<PassthroughOperationV1> = new Set([
  'audio.voices',
  'messages',
  'gemini.native',
  'vertex.native',
]);
const PASSTHROUGH: readonly PassthroughOperationV1[] = PASSTHROUGH_OPERATIONS_V1.filter(
  (operation) => !NOT_PASSED_THROUGH.has(operation),
);

interface AzureCall {
  url: string;
  method: Method;
  headers: Record<string, string | undefined>;
  body: Uint8Array | Readable | undefined;
  /** Chat/completions streams get Azure's filter-only chunks fixed. */
  filterChunks: boolean;
  model: string | undefined;
  operation: string;
}

/**
 * Azure OpenAI (classic deployment URLs or the `/openai/v1/` surface) plus Azure AI Studio
 * serverless deployments. A near-passthrough: bodies go out as the client sent them, answers come
 * back as Azure sent them, except for the fixes documented in the README.
 */
export function createAzureProvider(
  options: AzureProviderOptions,
  context: PluginContextV1,
): ProviderV1 {
  const instanceName = context.instanceName;
  const timeoutMs = context.upstreamTimeoutMs;
  // No got timeout: forwardUpstreamRequest (and the model lister) enforce timeoutMs with one timer per call.
  const client = createHttpClient();
  // The host's logger already names the instance.
  for (const warning of options.warnings) context.logger.warn({}, warning);
  const table = createAzureModelTable(options.modelMapper);
  const models = createAzureModelLister(client, options, instanceName, timeoutMs);

  const findServerless = (model: string | undefined): AzureServerlessDeployment | undefined =>
    model === undefined ? undefined : options.serverlessDeployments.get(model.toLowerCase());
  const mapModel = (model: string): string | undefined =>
    findServerless(model) !== undefined ? model : mapAzureModel(model, table);
  /** Routing's answer when the gateway routed the call, else this provider's own tables. */
  const requireEndpoint = (): string => {
    if (options.endpoint !== undefined) return options.endpoint;
    throw new UpstreamUnreachableError(instanceName, 'Azure OpenAI', {
      detail: 'AZURE_OPENAI_ENDPOINT is not set; only serverless models are configured',
    });
  };
  const requireDeployment = (deployment: string | undefined): string => {
    if (deployment) return deployment;
    throw new InvalidRequestError('You must provide a model parameter.', {
      param: 'model',
      code: 'missing_model',
    });
  };
  const serverlessUrl = (
    deployment: AzureServerlessDeployment,
    path: string,
    search: string,
  ): string =>
    joinUrl(
      options.serverlessEndpointTemplate
        .replaceAll('{name}', encodeURIComponent(deployment.name))
        .replaceAll('{region}', encodeURIComponent(deployment.region)),
      path,
      search,
    );

  function send(request: AzureCall, call: CallContextV1): Promise<RawResultV1> {
    return forwardUpstreamRequest(client, {
      provider: instanceName,
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: call.signal,
      timeoutMs,
      secrets: [
        options.apiKey,
        call.credentials?.apiKey,
        call.credentials?.bearer,
        ...[...options.serverlessDeployments.values()].map((entry) => entry.apiKey),
      ],
      createEventStreamTransform: request.filterChunks
        ? () => createSseEventTransform(createAzureChunkFilter())
        : undefined,
      describeError: (detail, status) =>
        describeAzureError(detail, status, request.model, request.operation),
    });
  }

  function headersFor(
    call: CallContextV1,
    auth: Record<string, string>,
    contentType: string | undefined,
  ): Record<string, string | undefined> {
    return {
      ...pickForwardHeaders(call.headers),
      ...(contentType ? { 'content-type': contentType } : {}),
      ...auth,
    };
  }

  /**
   * `/openai/v1/responses` on both surfaces, like the Responses passthrough. A client's `api-version`
   * was meant for chat completions (a dated one the v1 route refuses), so only the Responses one is sent.
   */
  const responsesUrl = (endpoint: string, call: CallContextV1): string => {
    const query = new URLSearchParams(call.search);
    query.delete('api-version');
    return joinUrl(
      endpoint,
      '/openai/v1/responses',
      withApiVersion(query.toString(), options.responsesApiVersion),
    );
  };

  /** Chat completions: converted to a Responses call for Responses-only deployments, else forwarded as sent. */
  function createChatCompletion(
    request: ChatCompletionRequest,
    call: ModelCallContextV1,
  ): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>> {
    const deployment = call.upstreamModel;
    if (
      options.endpoint === undefined ||
      findServerless(call.model ?? request.model) !== undefined ||
      !isResponsesOnlyModel(deployment, options.responsesOnlyModels)
    ) {
      return forwardJson('chat/completions', request, call);
    }
    const endpoint = options.endpoint;
    const headers = headersFor(
      call,
      selectAzureAuthHeaders(options.apiKey, call.credentials),
      'application/json',
    );
    return answerChatWithAzureResponses(request, call, deployment, instanceName, (body) =>
      send(
        {
          url: responsesUrl(endpoint, call),
          method: 'POST',
          headers,
          body,
          filterChunks: false,
          model: call.model ?? request.model,
          operation: 'chat',
        },
        call,
      ),
    );
  }

  /** chat/completions, completions, embeddings. */
  function forwardJson(
    route: 'chat/completions' | 'completions' | 'embeddings',
    request: { model?: string },
    call: CallContextV1,
  ): Promise<RawResultV1> {
    const operation = route === 'chat/completions' ? 'chat' : route;
    const filterChunks = route !== 'embeddings';
    const serverless = findServerless(call.model ?? request.model);
    if (serverless !== undefined) {
      // Serverless deployments: same path and query, no api-version, body as sent.
      return send(
        {
          url: serverlessUrl(serverless, `/v1/${route}`, call.search),
          method: 'POST',
          headers: headersFor(
            call,
            selectServerlessAuthHeaders(serverless, call.credentials),
            'application/json',
          ),
          body: prepareJsonBody(call.rawBody, request, call.upstreamModel),
          filterChunks,
          model: serverless.model,
          operation,
        },
        call,
      );
    }
    const endpoint = requireEndpoint();
    const deployment = requireDeployment(call.upstreamModel);
    const v1 = options.apiSurface === 'v1';
    return send(
      {
        url: buildAzureUrl({
          endpoint,
          surface: options.apiSurface,
          route,
          deployment,
          search: call.search,
          apiVersion: options.apiVersion,
        }),
        method: 'POST',
        headers: headersFor(
          call,
          selectAzureAuthHeaders(options.apiKey, call.credentials),
          'application/json',
        ),
        // Classic URLs name the deployment, so the body goes byte for byte; on v1 the body names it.
        body: v1
          ? prepareJsonBody(call.rawBody, request, deployment)
          : (call.rawBody ?? Buffer.from(JSON.stringify(request))),
        filterChunks,
        model: call.model ?? request.model,
        operation,
      },
      call,
    );
  }

  return {
    contractVersion: 1,
    instanceName,
    capabilities: {
      chatCompletions: true,
      streaming: true,
      completions: true,
      embeddings: true,
      listModels: true,
      passthrough: PASSTHROUGH,
    },
    modelPatterns: AZURE_MODEL_PATTERNS,
    mapModel,
    knownModels: () => models.known(),
    createChatCompletion,
    createCompletion: (request, call) => forwardJson('completions', request, call),
    createEmbedding: (request, call) => forwardJson('embeddings', request, call),
    listModels: (call) => models.list(call),
    async passthrough(request, call) {
      if (request.operation === 'deployments') {
        return answerAzureDeployments(
          client,
          options,
          instanceName,
          request.params.deploymentId,
          call,
          timeoutMs,
        );
      }
      const route = PASSTHROUGH.includes(request.operation)
        ? mapAzurePassthroughRoute(request)
        : undefined;
      if (route === undefined)
        throw new UnsupportedOperationError(request.operation, instanceName, { status: 404 });
      const method = request.method.toUpperCase() as Method;
      const base = { method, filterChunks: false, model: call.model, operation: request.operation };
      const serverless = route.scope === 'deployment' ? findServerless(call.model) : undefined;
      if (serverless !== undefined) {
        return send(
          {
            ...base,
            url: serverlessUrl(serverless, request.path, call.search),
            headers: headersFor(
              call,
              selectServerlessAuthHeaders(serverless, call.credentials),
              request.contentType,
            ),
            body: request.body,
          },
          call,
        );
      }
      const endpoint = requireEndpoint();
      const headers = headersFor(
        call,
        selectAzureAuthHeaders(options.apiKey, call.credentials),
        request.contentType,
      );
      if (route.scope === 'responses') {
        // Responses live on /openai/v1/ on both surfaces; the body's model must be the deployment
        // (the client's alias would fail there).
        const deployment = call.upstreamModel;
        const url = joinUrl(
          endpoint,
          `/openai/v1/${route.route}`,
          withApiVersion(call.search, options.responsesApiVersion),
        );
        return send(
          { ...base, url, headers, body: preparePassthroughBody(request, deployment) },
          call,
        );
      }
      if (route.scope === 'deployment') {
        const deployment = requireDeployment(call.upstreamModel);
        const v1 = options.apiSurface === 'v1';
        const url = buildAzureUrl({
          endpoint,
          surface: options.apiSurface,
          route: route.route,
          deployment,
          search: call.search,
          apiVersion: options.apiVersion,
        });
        return send(
          {
            ...base,
            url,
            headers,
            body: v1 ? preparePassthroughBody(request, deployment) : request.body,
          },
          call,
        );
      }
      const apiVersion = route.scope === 'models' ? options.modelsApiVersion : options.apiVersion;
      const url = buildAzureUrl({
        endpoint,
        surface: options.apiSurface,
        route: route.route,
        search: call.search,
        apiVersion,
      });
      return send({ ...base, url, headers, body: request.body }, call);
    },
    close: async () => {},
  };
}
