import type { CallTelemetryV1 } from '../provider/call-telemetry-v1.js';

/** Records when an upstream answered (its headers) and which host and port it was, on the call's telemetry. */
export function noteUpstreamHeaders(telemetry: CallTelemetryV1 | undefined, url: string): void {
  if (telemetry === undefined) return;
  telemetry.upstreamHeadersAt = performance.now();
  if (telemetry.serverAddress !== undefined) return;
  try {
    const parsed = new URL(url);
    telemetry.serverAddress = parsed.hostname;
    telemetry.serverPort =
      parsed.port === '' ? (parsed.protocol === 'http:' ? 80 : 443) : Number(parsed.port);
  } catch {
    // An unparsable URL already failed the call; nothing to report.
  }
}
