// The conformance kit for provider plugin authors (`@multi-ai-proxy/core/testing`).
// runProviderConformance needs vitest (an optional peer dependency of core); everything else is framework-agnostic.
export { assertConformant } from './assert-conformant.js';
export { checkCallTelemetry } from './check-call-telemetry.js';
export { checkChatCompletion, type CheckChatCompletionOptions } from './check-chat-completion.js';
export {
  checkChatCompletionChunks,
  type CheckChatCompletionChunksOptions,
} from './check-chat-completion-chunks.js';
export { checkCompletion, checkCompletionChunks } from './check-completion.js';
export {
  checkEmbeddingResponse,
  type CheckEmbeddingResponseOptions,
} from './check-embedding-response.js';
export { checkModelList } from './check-model-list.js';
export { checkOpenAIErrorBody } from './check-openai-error-body.js';
export { checkPluginManifest } from './check-plugin-manifest.js';
export { checkProviderContract } from './check-provider-contract.js';
export { checkProviderError, type CheckProviderErrorOptions } from './check-provider-error.js';
export { checkProviderScenario, type ScenarioOutcome } from './check-provider-scenario.js';
export { checkResponseEvents } from './check-response-events.js';
export { checkResponseObject, checkResponseUsage } from './check-response-object.js';
export {
  checkResponsesScenario,
  type ResponsesScenarioOutcome,
} from './check-responses-scenario.js';
export { checkTokenCount } from './check-token-count.js';
export { checkToolCalls } from './check-tool-calls.js';
export { checkUsage } from './check-usage.js';
export { type CollectedResult, collectOperationResult } from './collect-operation-result.js';
export { ConformanceError } from './conformance-error.js';
export {
  type ConformanceHarness,
  createConformanceHarness,
  type ProviderConformanceSuite,
} from './create-conformance-harness.js';
export { createTestCallContext } from './create-test-call-context.js';
export { createTestPluginContext } from './create-test-plugin-context.js';
export {
  type MergedChatChoice,
  type MergedChatStream,
  mergeChatCompletionChunks,
} from './merge-chat-completion-chunks.js';
export type { ProviderScenario, ScenarioOperation } from './provider-scenario.js';
export { readChunksFixture, readFixtureText, readJsonFixture } from './read-fixture.js';
export {
  type RecordedInteraction,
  readRecordingFixture,
  recordingToMockReply,
} from './read-recording-fixture.js';
export { runProviderConformance } from './run-provider-conformance.js';
export { silentLogger } from './silent-logger.js';
export {
  type MockUpstream,
  type MockUpstreamReply,
  type MockUpstreamRoute,
  type RecordedUpstreamRequest,
  startMockUpstream,
} from './start-mock-upstream.js';
