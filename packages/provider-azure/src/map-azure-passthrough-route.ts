import type { PassthroughRequestV1 } from '@multi-ai-proxy/core';
import { encodePathRest } from '@multi-ai-proxy/provider-openai/internal';

export interface AzurePassthroughRoute {
  /** Route below `/openai/` (or `/openai/v1/`), encoded. */
  route: string;
  /**
   * `deployment`: per-deployment route (needs a model); `resource`: resource-level route with the
   * default api-version; `models`: resource-level with the models api-version; `responses`: always
   * on `/openai/v1/` with the Responses api-version.
   */
  scope: 'deployment' | 'resource' | 'models' | 'responses';
}

/**
 * Where each passthrough operation lives on Azure (fine-tuning under `/openai/fine_tuning/jobs`, audio
 * under the deployment, …): Azure's real routes. `audio.voices` and `deployments` have no entry (Azure has no voices API;
 * deployments are answered by the provider itself).
 */
export function mapAzurePassthroughRoute(
  request: PassthroughRequestV1,
): AzurePassthroughRoute | undefined {
  const params = request.params;
  switch (request.operation) {
    case 'images.generations':
      return { route: 'images/generations', scope: 'deployment' };
    case 'images.edits':
      return { route: 'images/edits', scope: 'deployment' };
    case 'audio.speech':
      return { route: 'audio/speech', scope: 'deployment' };
    case 'audio.transcriptions':
      return { route: 'audio/transcriptions', scope: 'deployment' };
    case 'audio.translations':
      return { route: 'audio/translations', scope: 'deployment' };
    case 'files':
      return {
        route: `files${encodePathRest(params.fileId)}${encodePathRest(params.rest)}`,
        scope: 'resource',
      };
    case 'fine_tuning':
      // Both /v1/fine_tuning/jobs… and the legacy /v1/fine_tunes… reach fine_tuning/jobs.
      return { route: `fine_tuning/jobs${encodePathRest(params.rest)}`, scope: 'resource' };
    case 'models.retrieve':
    case 'models.capabilities':
      // Azure's model object carries `capabilities`; there is no separate capabilities route.
      return { route: `models${encodePathRest(params.modelId)}`, scope: 'models' };
    case 'responses':
      return {
        route: `responses${encodePathRest(params.responseId)}${encodePathRest(params.rest)}`,
        scope: 'responses',
      };
    default:
      return undefined;
  }
}
