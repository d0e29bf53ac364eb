import type { OpenAIModel } from '@multi-ai-proxy/core';

export interface AnthropicModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  /** RFC 3339; the epoch when the provider gave no creation time. */
  created_at: string;
}

/** The merged model list in Anthropic's `GET /v1/models` page shape (one page: `has_more` false). */
export function toAnthropicModelPage(models: readonly OpenAIModel[]): {
  data: AnthropicModelInfo[];
  has_more: false;
  first_id: string | null;
  last_id: string | null;
} {
  const data = models.map(
    (model): AnthropicModelInfo => ({
      type: 'model',
      id: model.id,
      display_name: model.id,
      created_at: new Date(
        (typeof model.created === 'number' && Number.isFinite(model.created) ? model.created : 0) *
          1000,
      ).toISOString(),
    }),
  );
  return { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
