// The metrics' CPU per request measured in-process on the BUILT gateway module
// (apps/gateway/build/telemetry/gateway-metrics.js): the series updates one non-streamed chat request
// makes (in flight ±1, attempt duration and outcome, token histograms and totals, request counter,
// overhead), through the gateway's children — and, in the same run, the same updates through
// prom-client's own `.labels()` children cached once (what the gateway did before), for the ratio.
// CPU time (process.cpuUsage), so a loaded machine inflates both sides alike. Reported, never asserted.
const metricsModule = () =>
  import(new URL('../../apps/gateway/build/telemetry/gateway-metrics.js', import.meta.url).href);

const REQUESTS = 200_000;
const ROUNDS = 3;

export async function measureMetricsHotPath({ log = () => {} } = {}) {
  const { GatewayMetrics } = await metricsModule();
  const usage = { inputTokens: 12, outputTokens: 30, cachedInputTokens: 0 };

  const gateway = new GatewayMetrics();
  const viaGateway = () => {
    const inbound = gateway.inboundSeries('chat', false);
    inbound.inFlight.inc();
    const series = gateway.target('azure', 'azure.ai.openai', 'chat', 'gpt-4.1');
    series.duration(undefined).observe(0.123);
    series.attempt('ok').inc();
    series.countUsage(usage);
    inbound.inFlight.dec();
    inbound.request('azure', 'gpt-4.1', '2xx').inc();
    inbound.overhead.observe(0.0004);
  };

  const reference = new GatewayMetrics();
  const genAi = {
    gen_ai_operation_name: 'chat',
    gen_ai_provider_name: 'azure.ai.openai',
    gen_ai_request_model: 'gpt-4.1',
    provider_instance: 'azure',
  };
  const target = { provider_instance: 'azure', gen_ai_request_model: 'gpt-4.1' };
  const children = {
    inFlight: reference.requestsInFlight.labels({ inbound_api: 'chat' }),
    duration: reference.operationDuration.labels({ ...genAi, error_type: '' }),
    attempt: reference.upstreamAttempts.labels({ ...target, outcome: 'ok' }),
    input: reference.tokenUsage.labels({ ...genAi, gen_ai_token_type: 'input' }),
    output: reference.tokenUsage.labels({ ...genAi, gen_ai_token_type: 'output' }),
    inputTotal: reference.tokensTotal.labels({ ...target, gen_ai_token_type: 'input' }),
    outputTotal: reference.tokensTotal.labels({ ...target, gen_ai_token_type: 'output' }),
    request: reference.requestsTotal.labels({
      inbound_api: 'chat',
      ...target,
      stream: 'false',
      status_class: '2xx',
    }),
    overhead: reference.overhead.labels({ inbound_api: 'chat', stream: 'false' }),
  };
  const viaPromClientChildren = () => {
    children.inFlight.inc();
    children.duration.observe(0.123);
    children.attempt.inc();
    children.input.observe(usage.inputTokens);
    children.inputTotal.inc(usage.inputTokens);
    children.output.observe(usage.outputTokens);
    children.outputTotal.inc(usage.outputTokens);
    children.inFlight.dec();
    children.request.inc();
    children.overhead.observe(0.0004);
  };

  const cpuPerRequest = (run) => {
    const started = process.cpuUsage();
    for (let index = 0; index < REQUESTS; index++) run();
    const spent = process.cpuUsage(started);
    return (spent.user + spent.system) / REQUESTS;
  };
  for (let index = 0; index < 20_000; index++) {
    viaGateway();
    viaPromClientChildren();
  }
  const gatewayRounds = [];
  const referenceRounds = [];
  // Interleaved rounds, best of each: the machine's noise only ever adds CPU time.
  for (let round = 0; round < ROUNDS; round++) {
    gatewayRounds.push(cpuPerRequest(viaGateway));
    referenceRounds.push(cpuPerRequest(viaPromClientChildren));
  }
  const result = {
    requests: REQUESTS,
    rounds: ROUNDS,
    gatewayUs: Math.min(...gatewayRounds),
    promClientChildrenUs: Math.min(...referenceRounds),
  };
  log(
    `metrics hot path: ${result.gatewayUs.toFixed(2)} µs CPU/request (prom-client children: ${result.promClientChildrenUs.toFixed(2)} µs)`,
  );
  return result;
}
