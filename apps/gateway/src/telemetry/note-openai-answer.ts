import type { CallTelemetryV1 } from '@multi-ai-proxy/core';
import { type OpenAIUsageLike, toTelemetryUsage } from '@multi-ai-proxy/core/provider-utils';

interface OpenAIAnswerLike {
  id?: unknown;
  model?: unknown;
  usage?: OpenAIUsageLike | null;
  choices?: Array<{ finish_reason?: unknown } | null> | null;
}

/**
 * Fills what the provider did not report from an OpenAI-shaped answer or stream chunk (chat,
 * completion, embeddings): usage, response model and id, finish reasons. What the provider set wins.
 */
export function noteOpenAIAnswer(answer: unknown, report: CallTelemetryV1): void {
  if (answer === null || typeof answer !== 'object') return;
  const body = answer as OpenAIAnswerLike;
  if (report.responseId === undefined && typeof body.id === 'string' && body.id.length > 0)
    report.responseId = body.id;
  if (report.responseModel === undefined && typeof body.model === 'string' && body.model.length > 0)
    report.responseModel = body.model;
  if (report.usage === undefined && body.usage) report.usage = toTelemetryUsage(body.usage);
  const choices = body.choices;
  if (!Array.isArray(choices)) return;
  for (const choice of choices) {
    const reason = choice?.finish_reason;
    if (typeof reason !== 'string') continue;
    report.finishReasons ??= [];
    if (!report.finishReasons.includes(reason)) report.finishReasons.push(reason);
  }
}
