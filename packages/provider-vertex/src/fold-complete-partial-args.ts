import { applyPartialArgs, type GoogleGenerateContentResponse, type GooglePart } from '@multi-ai-proxy/provider-google/internal';

/**
 * With `streamFunctionCallArguments`, Vertex may send a short call whole in one event:
 * `functionCall{name, partialArgs:[…]}` without `willContinue` (recorded:
 * streamGenerateContent.streamFunctionCallArguments.recording.json). provider-google's stream
 * converter reads partialArgs only after a `willContinue` opener, so such a call would arrive with
 * `{}` arguments: fold its partialArgs into `args` before conversion. Events are passed on one by one.
 */
export async function* foldCompletePartialArgs(events: AsyncIterable<GoogleGenerateContentResponse>): AsyncGenerator<GoogleGenerateContentResponse> {
  for await (const event of events) {
    for (const candidate of event.candidates ?? []) {
      const parts = candidate.content?.parts;
      if (Array.isArray(parts)) candidate.content!.parts = parts.map(foldPart);
    }
    yield event;
  }
}

function foldPart(part: GooglePart): GooglePart {
  const call = part.functionCall;
  if (!call?.name || call.willContinue || !Array.isArray(call.partialArgs) || call.partialArgs.length === 0) return part;
  const args: Record<string, unknown> = { ...(call.args ?? {}) };
  for (const entry of call.partialArgs) applyPartialArgs(args, entry);
  const { partialArgs: _folded, ...rest } = call;
  return { ...part, functionCall: { ...rest, args } };
}
