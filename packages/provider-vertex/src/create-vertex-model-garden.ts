import type {
  CallContextV1,
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  Completion,
  CompletionRequest,
  OpenAIModel,
  OperationResultV1,
} from '@multi-ai-proxy/core';
import { InvalidRequestError } from '@multi-ai-proxy/core';
import { forwardUpstreamRequest, prepareJsonBody } from '@multi-ai-proxy/provider-openai/internal';
import {
  createGeminiEngine,
  type GeminiEngineSettings,
} from '@multi-ai-proxy/provider-google/internal';
import {
  buildVertexChatCompletionsUrl,
  buildVertexEndpointPath,
  type VertexEndpointResource,
} from './build-vertex-endpoint-url.js';
import { isModelGardenModel } from './is-model-garden-model.js';
import { mapVertexOpenAIError } from './map-vertex-openai-error.js';
import type { VertexModelGardenOptions } from './parse-vertex-model-garden.js';

/** What serves one model that is not a Google publisher model: a Model Garden id or an endpoint alias. */
export interface VertexGardenTarget {
  createChatCompletion(
    request: ChatCompletionRequest,
    context: CallContextV1,
  ): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>>;
  /** Tuned Gemini endpoints only (GenerateContent); the OpenAI-compatible endpoints serve chat only. */
  createCompletion?(
    request: CompletionRequest,
    context: CallContextV1,
  ): Promise<OperationResultV1<Completion, Completion>>;
}

export interface VertexModelGarden {
  /** The target serving `upstreamModel`, or undefined for Google's publisher models (the Gemini engine). */
  resolve(upstreamModel: string | undefined): VertexGardenTarget | undefined;
  /** An endpoint alias (case-insensitive) → itself, lower-cased: routing step 2 gives it to this instance. */
  mapModel(model: string): string | undefined;
  /** Configured Model Garden ids and endpoint aliases (routing's model list, `/v1/models`). */
  ids: ReadonlySet<string>;
  models: readonly OpenAIModel[];
}

export interface VertexGardenSettings {
  /** The Gemini engine's settings of this instance (client, auth, timeout, media). */
  engine: GeminiEngineSettings;
  apiVersion: 'v1' | 'v1beta1';
  /** Scheme and host of this instance's location (or VERTEX_AI_ENDPOINT). */
  baseUrl: string;
  /** Undefined in express mode: Model Garden needs a project. */
  projectId: string | undefined;
  location: string;
}

/**
 * Vertex beyond Google's publisher models. Model Garden ids (`meta/llama-…-maas`, a configured
 * publisher or model) go byte for byte to `endpoints/openapi/chat/completions`; endpoint aliases go
 * to their endpoint: a tuned Gemini model through the Gemini engine with the endpoint's resource
 * path as the model path, an OpenAI-compatible deployment (vLLM) to `endpoints/{id}/chat/completions`.
 * All with the instance's OAuth token; error bodies mapped by mapVertexOpenAIError.
 */
export function createVertexModelGarden(
  options: VertexModelGardenOptions,
  settings: VertexGardenSettings,
): VertexModelGarden {
  const { engine: engineSettings } = settings;
  const provider = engineSettings.provider;

  const openAITarget = (
    resource: VertexEndpointResource,
    bodyModel: (context: CallContextV1) => string | undefined,
  ): VertexGardenTarget => {
    const url = buildVertexChatCompletionsUrl(resource);
    return {
      async createChatCompletion(request, context) {
        const auth = await engineSettings.authHeaders(context);
        // The token (or express key) itself, scrubbed should an upstream error echo it.
        const secrets = Object.values(auth).map((value) => value.replace(/^Bearer\s+/i, ''));
        const accept = context.headers.accept;
        return forwardUpstreamRequest(engineSettings.client, {
          provider,
          url,
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(accept ? { accept } : {}),
            ...auth,
          },
          body: prepareJsonBody(context.rawBody, request, bodyModel(context)),
          signal: context.signal,
          timeoutMs: engineSettings.timeoutMs,
          secrets,
          mapError: (status, headers, body) =>
            mapVertexOpenAIError(provider, status, headers, body, secrets),
        });
      },
    };
  };

  const endpointTargets = new Map<string, VertexGardenTarget>();
  for (const endpoint of options.endpoints) {
    const resource: VertexEndpointResource = {
      baseUrl: endpoint.baseUrl,
      apiVersion: settings.apiVersion,
      // Parsing refuses endpoints in express mode, the only mode without a project.
      project: (endpoint.project ?? settings.projectId) as string,
      location: endpoint.location,
      endpointId: endpoint.endpointId,
    };
    if (endpoint.api === 'openai') {
      endpointTargets.set(
        endpoint.alias,
        openAITarget(resource, (context) => endpoint.model ?? context.upstreamModel),
      );
      continue;
    }
    // The endpoint's resource path replaces `publishers/google/models/{m}`; the base model's id, not the
    // alias, is what the engine reads the model's traits from.
    const path = buildVertexEndpointPath(resource);
    const tuned = createGeminiEngine({
      ...engineSettings,
      baseUrl: `${endpoint.baseUrl}/${settings.apiVersion}`,
      modelPath: () => path,
    });
    const asBaseModel = (context: CallContextV1): CallContextV1 => ({
      ...context,
      upstreamModel: endpoint.model,
    });
    endpointTargets.set(endpoint.alias, {
      createChatCompletion: (request, context) =>
        tuned.createChatCompletion(request, asBaseModel(context)),
      createCompletion: (request, context) => tuned.createCompletion(request, asBaseModel(context)),
    });
  }

  const openapi =
    settings.projectId === undefined
      ? undefined
      : openAITarget(
          {
            baseUrl: settings.baseUrl,
            apiVersion: settings.apiVersion,
            project: settings.projectId,
            location: settings.location,
            endpointId: 'openapi',
          },
          (context) => context.upstreamModel,
        );

  const models: OpenAIModel[] = [
    ...options.models.map((id) => ({
      id,
      object: 'model' as const,
      created: 0,
      owned_by: id.slice(0, id.indexOf('/')),
    })),
    ...options.endpoints.map((endpoint) => ({
      id: endpoint.alias,
      object: 'model' as const,
      created: 0,
      owned_by: 'vertex-endpoint',
    })),
  ];

  return {
    resolve(upstreamModel) {
      if (upstreamModel === undefined) return undefined;
      const endpoint = endpointTargets.get(upstreamModel);
      if (endpoint !== undefined) return endpoint;
      if (!isModelGardenModel(upstreamModel, options)) return undefined;
      if (openapi === undefined) {
        throw new InvalidRequestError(
          `The model \`${upstreamModel}\` is a Vertex AI Model Garden model: it needs a project, and express mode (an API key) reaches Google's publisher models only.`,
          { param: 'model', code: 'model_not_found', status: 404 },
        );
      }
      return openapi;
    },
    mapModel(model) {
      const alias = model.toLowerCase();
      return endpointTargets.has(alias) ? alias : undefined;
    },
    ids: new Set(models.map((model) => model.id)),
    models,
  };
}
