import type { PassthroughRequestV1 } from '@multi-ai-proxy/core';
import { encodePathRest } from './encode-path-rest.js';

/**
 * The OpenAI path for a passthrough operation, or undefined when OpenAI has no such route.
 * Built from the operation and its parameters rather than copied, so the legacy
 * `/v1/fine_tunes…` routes reach today's `/v1/fine_tuning/jobs…`.
 */
export function mapOpenAIPassthroughPath(request: PassthroughRequestV1): string | undefined {
  const params = request.params;
  switch (request.operation) {
    case 'images.generations':
      return '/v1/images/generations';
    case 'images.edits':
      return '/v1/images/edits';
    case 'audio.speech':
      return '/v1/audio/speech';
    case 'audio.transcriptions':
      return '/v1/audio/transcriptions';
    case 'audio.translations':
      return '/v1/audio/translations';
    case 'files':
      return `/v1/files${encodePathRest(params.fileId)}${encodePathRest(params.rest)}`;
    case 'fine_tuning':
      return `/v1/fine_tuning/jobs${encodePathRest(params.rest)}`;
    case 'models.retrieve':
      return `/v1/models${encodePathRest(params.modelId)}`;
    case 'responses':
      return `/v1/responses${encodePathRest(params.responseId)}${encodePathRest(params.rest)}`;
    default:
      return undefined;
  }
}
