import type { CallTelemetryV1 } from './call-telemetry-v1.js';
import type { ClientCredentialsV1 } from './client-credentials-v1.js';
import type { LoggerV1 } from './logger-v1.js';

/** Everything a provider needs to know about one client request besides its parsed body. */
export interface CallContextV1 {
  /** Fires when the client disconnects or the gateway shuts down: abort the upstream call. */
  signal: AbortSignal;
  requestId: string;
  /** The model as routed (instance prefix removed), or undefined for model-less operations. */
  model: string | undefined;
  /**
   * The upstream model (deployment, Gemini model id…) the host resolved `model` to, once, with this
   * provider's `mapModel`: final — providers address the upstream with it and never resolve again.
   * Set for every model operation; undefined only for model-less passthrough (files, jobs).
   */
  upstreamModel: string | undefined;
  /**
   * Incoming request headers, lower-cased names. Credential headers (`authorization`, `api-key`, and
   * every header a loaded plugin declared in `clientCredentialHeaders`) are removed: use `credentials`.
   */
  headers: Readonly<Record<string, string | undefined>>;
  /** Incoming query string (without the leading `?`), passed on where the upstream takes one. */
  search: string;
  /**
   * The client's JSON body as bytes: forward these where nothing needs translating. Exactly what the
   * client sent when that was UTF-8 (Content-Encoding undone, a leading byte-order mark dropped); when
   * routing renamed `model` (an instance prefix, a config-file alias) only that string's bytes differ.
   */
  rawBody: Uint8Array | undefined;
  credentials: ClientCredentialsV1 | undefined;
  logger: LoggerV1;
  /**
   * Facts for the host's metrics and traces (usage, response model, upstream timings): write what
   * the upstream told you, leave the rest. Undefined on hosts that collect none (an additive field:
   * plugins that never write it still get the host's own measurements).
   */
  telemetry?: CallTelemetryV1;
}

/** The context of a model operation (chat, completions, embeddings): the routed models are always set. */
export interface ModelCallContextV1 extends CallContextV1 {
  model: string;
  upstreamModel: string;
}
