import type { PassthroughOperationV1 } from './passthrough-operation-v1.js';

/** What a provider instance serves. The host answers an OpenAI-style error for everything else. */
export interface ProviderCapabilitiesV1 {
  chatCompletions: boolean;
  /** `stream: true` on chat completions (and completions, when those are supported). */
  streaming: boolean;
  completions: boolean;
  embeddings: boolean;
  listModels: boolean;
  passthrough: readonly PassthroughOperationV1[];
}
