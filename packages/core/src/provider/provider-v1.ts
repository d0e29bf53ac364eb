import type { ChatCompletionChunk } from '../openai/chat-completion-chunk.js';
import type { ChatCompletionRequest } from '../openai/chat-completion-request.js';
import type { ChatCompletion } from '../openai/chat-completion.js';
import type { Completion, CompletionRequest } from '../openai/completion.js';
import type { CreateEmbeddingResponse, EmbeddingRequest } from '../openai/embedding.js';
import type { OpenAIModel } from '../openai/model.js';
import type { CallContextV1, ModelCallContextV1 } from './call-context-v1.js';
import type { OperationResultV1, RawResultV1 } from './operation-result-v1.js';
import type { PassthroughRequestV1 } from './passthrough-request-v1.js';
import type { ProviderCapabilitiesV1 } from './provider-capabilities-v1.js';
import type { TokenCountV1 } from './token-count-v1.js';

/**
 * One configured provider instance (contract version 1). Requests and answers are in the OpenAI wire
 * format; the provider translates to and from its upstream. Changing this interface is a breaking
 * change of core (a new `ProviderV2`), never an edit in place.
 */
export interface ProviderV1 {
  readonly contractVersion: 1;
  /** The instance name from configuration (`azure`, `azure-eu`, …): the `instance/` model prefix. */
  readonly instanceName: string;
  readonly capabilities: ProviderCapabilitiesV1;
  /**
   * The OpenTelemetry `gen_ai.provider.name` of this instance's upstream (`azure.ai.openai`,
   * `gcp.gemini`, `gcp.vertex_ai`, `openai`, or your own lower-case dotted name). Optional: the host
   * knows the first-party plugins' values and uses the plugin's package name otherwise.
   */
  readonly genAiProviderName?: string;
  /** Glob patterns of model ids this provider claims (`gemini-*`); step 3 of routing. */
  readonly modelPatterns?: readonly string[];

  /**
   * The provider's alias and mapping tables (step 2 of routing): the upstream model for `model`,
   * or undefined when no table names it. Must be cheap and synchronous: it runs on every request.
   */
  mapModel?(model: string): string | undefined;

  /** Model ids last reported by the upstream, if cached (step 4 of routing). Must not do I/O. */
  knownModels?(): ReadonlySet<string> | undefined;

  createChatCompletion?(
    request: ChatCompletionRequest,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<ChatCompletion, ChatCompletionChunk>>;
  createCompletion?(
    request: CompletionRequest,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<Completion, Completion>>;
  createEmbedding?(
    request: EmbeddingRequest,
    context: ModelCallContextV1,
  ): Promise<OperationResultV1<CreateEmbeddingResponse>>;
  /**
   * Optional (additive, core 0.3.0): the upstream's own count of the input tokens `request` would use
   * on `context.upstreamModel`, without generating (Gemini's `countTokens`, Anthropic's
   * `count_tokens`). The host answers `/v1/messages/count_tokens` with it; for providers without the
   * method it estimates. A provider offers it only where the upstream can count.
   */
  countTokens?(request: ChatCompletionRequest, context: ModelCallContextV1): Promise<TokenCountV1>;
  /** The models a client can call through this instance, in OpenAI's format. */
  listModels?(context: CallContextV1): Promise<OpenAIModel[]>;
  passthrough?(
    request: PassthroughRequestV1,
    context: CallContextV1,
  ): Promise<RawResultV1 | OperationResultV1<unknown>>;

  /** Release sockets and timers at shutdown. */
  close?(): Promise<void>;
}
