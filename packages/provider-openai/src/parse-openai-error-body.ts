/** What an upstream error body says, whichever of the common shapes it uses. */
export interface UpstreamErrorDetail {
  message: string;
  type: string | undefined;
  code: string | null;
  param: string | null;
  /** The `error` object (or the whole body) when it was JSON: for provider-specific detail. */
  error: Record<string, unknown> | undefined;
  /** Whether the body was OpenAI's shape, `{"error":{…}}` (then `error` is that object, passed on to the client). */
  openAIShaped: boolean;
}

const MAX_TEXT = 2000;

/**
 * Reads an upstream error body: OpenAI's `{"error":{message,type,param,code}}`, Azure's variants
 * (`code` as a number string, `type: null`, `innererror`), Azure.Core `{error:{code,message}}`,
 * FastAPI-style `{detail}` (serverless models), `{message}`, `{"error":"text"}` or plain text.
 */
export function parseOpenAIErrorBody(body: Buffer, status: number): UpstreamErrorDetail {
  const text = body.toString('utf8').trim();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const fallback = `Upstream answered HTTP ${status}${text && parsed === undefined ? `: ${truncate(text)}` : '.'}`;
  if (!isRecord(parsed))
    return {
      message: fallback,
      type: undefined,
      code: null,
      param: null,
      error: undefined,
      openAIShaped: false,
    };

  const error = parsed.error;
  if (typeof error === 'string')
    return {
      message: error,
      type: undefined,
      code: null,
      param: null,
      error: parsed,
      openAIShaped: false,
    };
  if (isRecord(error)) {
    return {
      message: typeof error.message === 'string' && error.message !== '' ? error.message : fallback,
      type: typeof error.type === 'string' && error.type !== '' ? error.type : undefined,
      code: scalarToString(error.code),
      param: scalarToString(error.param),
      error,
      openAIShaped: true,
    };
  }
  if (typeof parsed.message === 'string') {
    return {
      message: parsed.message,
      type: undefined,
      code: scalarToString(parsed.code),
      param: null,
      error: parsed,
      openAIShaped: false,
    };
  }
  if (parsed.detail !== undefined) {
    const detail =
      typeof parsed.detail === 'string' ? parsed.detail : truncate(JSON.stringify(parsed.detail));
    return {
      message: detail,
      type: undefined,
      code: null,
      param: null,
      error: parsed,
      openAIShaped: false,
    };
  }
  return {
    message: `Upstream answered HTTP ${status}: ${truncate(text)}`,
    type: undefined,
    code: null,
    param: null,
    error: parsed,
    openAIShaped: false,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarToString(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
