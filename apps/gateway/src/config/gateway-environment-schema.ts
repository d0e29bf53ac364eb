import * as z from 'zod';
import { envList, envText, envVariable, parsedBy } from './env-variable.js';
import { PROVIDER_MODES } from './gateway-settings.js';
import { parseByteSize } from './parse-byte-size.js';
import { parseListenAddress } from './parse-listen-address.js';

// Node's timers hold at most 2^31-1 ms; a larger value would silently fire after 1 ms.
const MAX_TIMER_MS = 2_147_483_647;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MAX_WORKERS = 256;

const byteSize = parsedBy(parseByteSize);
const SIZE_PROBLEM = 'is not a size; use e.g. 10mb, 512kb or a number of bytes.';
const milliseconds = z.coerce.number().int().min(1).max(MAX_TIMER_MS);
const MILLISECONDS_PROBLEM = `must be a positive whole number of milliseconds, at most ${MAX_TIMER_MS}.`;

/**
 * The gateway's own environment variables (README, "Gateway" table). Provider variables are read by
 * each plugin's parseOptions, not here; other variables are ignored.
 */
export const gatewayEnvironmentSchema = z.object({
  AZURE_OPENAI_PROXY_ADDRESS: envVariable(
    parsedBy(parseListenAddress),
    { host: '0.0.0.0', port: 11437 },
    'is not host:port (e.g. 0.0.0.0:11437 or :11437).',
  ),
  /** Undefined when unset: then no mode was chosen explicitly. */
  AZURE_OPENAI_PROXY_MODE: envVariable(
    z.string().toLowerCase().pipe(z.enum(PROVIDER_MODES)),
    undefined,
    `is not one of ${PROVIDER_MODES.join(', ')}.`,
  ),
  MULTI_AI_PROXY_CONFIG: envText(),
  MULTI_AI_PROXY_PLUGIN_DIR: envText(),
  MULTI_AI_PROXY_REDIS_URL: envText(),
  MULTI_AI_PROXY_API_KEYS: envList(),
  MULTI_AI_PROXY_CORS_ORIGINS: envList().transform((origins): '*' | string[] =>
    origins.length === 0 || origins.includes('*') ? '*' : origins,
  ),
  MULTI_AI_PROXY_JSON_LIMIT: envVariable(byteSize, 10 * 1024 ** 2, SIZE_PROBLEM),
  MULTI_AI_PROXY_MULTIPART_LIMIT: envVariable(byteSize, 100 * 1024 ** 2, SIZE_PROBLEM),
  MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS: envVariable(milliseconds, 600_000, MILLISECONDS_PROBLEM),
  MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS: envVariable(milliseconds, 10_000, MILLISECONDS_PROBLEM),
  MULTI_AI_PROXY_REQUEST_TIMEOUT_MS: envVariable(milliseconds, 300_000, MILLISECONDS_PROBLEM),
  MULTI_AI_PROXY_LOG_LEVEL: envVariable(
    z.string().toLowerCase().pipe(z.enum(LOG_LEVELS)),
    'info',
    `is not one of ${LOG_LEVELS.join(', ')}.`,
  ),
  /** `auto`: as many as the CPUs this process may use (cgroup limit included), resolved by the caller. */
  MULTI_AI_PROXY_WORKERS: envVariable(
    z
      .string()
      .toLowerCase()
      .pipe(z.union([z.literal('auto'), z.coerce.number<string>().int().min(1).max(MAX_WORKERS)])),
    'auto' as const,
    `must be "auto" or a whole number from 1 to ${MAX_WORKERS}.`,
  ),
  MULTI_AI_PROXY_METRICS: envVariable(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'])),
    'on' as const,
    'must be "on" or "off".',
  ),
  /** Undefined when unset: `/metrics` is served on the main port. */
  MULTI_AI_PROXY_METRICS_ADDRESS: envVariable(
    parsedBy(parseListenAddress),
    undefined,
    'is not host:port (e.g. 127.0.0.1:9464).',
  ),
  // The standard OpenTelemetry variables the gateway itself reads (the SDK reads the rest).
  OTEL_EXPORTER_OTLP_ENDPOINT: envText(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: envText(),
  OTEL_SDK_DISABLED: envText(),
  OTEL_TRACES_EXPORTER: envText(),
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: envText(),
  OTEL_SEMCONV_STABILITY_OPT_IN: envText(),
});

export type GatewayEnvironment = z.output<typeof gatewayEnvironmentSchema>;
