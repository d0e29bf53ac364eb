import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGatewaySettings } from './load-gateway-settings.js';

function writeConfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'map-bad-')), 'gateway.yaml');
  writeFileSync(path, text);
  return path;
}

describe('loadGatewaySettings', () => {
  it('has the documented defaults when nothing is set', () => {
    const settings = loadGatewaySettings({ MULTI_AI_PROXY_WORKERS: '1' });
    expect(settings).toMatchObject({
      listen: { host: '0.0.0.0', port: 11437 },
      defaultProvider: 'azure',
      modeExplicit: false,
      apiKeys: [],
      corsOrigins: '*',
      jsonLimitBytes: 10 * 1024 * 1024,
      multipartLimitBytes: 100 * 1024 * 1024,
      upstreamTimeoutMs: 600_000,
      shutdownTimeoutMs: 10_000,
      requestTimeoutMs: 300_000,
      logLevel: 'info',
      workers: 1,
      telemetry: {
        metrics: true,
        metricsAddress: undefined,
        tracing: false,
        captureMessageContent: false,
        genAiLatestExperimental: false,
      },
    });
  });

  it('reads the observability switches, standard OTEL_* names included', () => {
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_WORKERS: '1',
      MULTI_AI_PROXY_METRICS: 'OFF',
      MULTI_AI_PROXY_METRICS_ADDRESS: '127.0.0.1:9464',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
      OTEL_SEMCONV_STABILITY_OPT_IN: 'http, gen_ai_latest_experimental',
    });
    expect(settings.telemetry).toEqual({
      metrics: false,
      metricsAddress: { host: '127.0.0.1', port: 9464 },
      tracing: true,
      captureMessageContent: true,
      genAiLatestExperimental: true,
    });
    expect(
      loadGatewaySettings({
        MULTI_AI_PROXY_WORKERS: '1',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SDK_DISABLED: 'true',
      }).telemetry.tracing,
    ).toBe(false);
    expect(
      loadGatewaySettings({
        MULTI_AI_PROXY_WORKERS: '1',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_TRACES_EXPORTER: 'none',
      }).telemetry.tracing,
    ).toBe(false);
    expect(() => loadGatewaySettings({ MULTI_AI_PROXY_METRICS: 'maybe' })).toThrow(
      'MULTI_AI_PROXY_METRICS: "maybe" must be "on" or "off".',
    );
    expect(() => loadGatewaySettings({ MULTI_AI_PROXY_METRICS_ADDRESS: 'nowhere' })).toThrow(
      'MULTI_AI_PROXY_METRICS_ADDRESS: "nowhere" is not host:port',
    );
  });

  it.each([
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    [':9000', { host: undefined, port: 9000 }],
    ['[::1]:7000', { host: '::1', port: 7000 }],
    [' localhost:1 ', { host: 'localhost', port: 1 }],
  ])('reads AZURE_OPENAI_PROXY_ADDRESS %j', (value, listen) => {
    expect(loadGatewaySettings({ AZURE_OPENAI_PROXY_ADDRESS: value }).listen).toEqual(listen);
  });

  it.each(['11437', 'host:', 'a:b', '1.2.3.4:70000', 'http://x:1'])(
    'rejects AZURE_OPENAI_PROXY_ADDRESS %j naming the variable',
    (value) => {
      expect(() => loadGatewaySettings({ AZURE_OPENAI_PROXY_ADDRESS: value })).toThrow(
        /^AZURE_OPENAI_PROXY_ADDRESS: .* is not host:port/,
      );
    },
  );

  it('reads AZURE_OPENAI_PROXY_MODE case-insensitively, openai included', () => {
    expect(loadGatewaySettings({ AZURE_OPENAI_PROXY_MODE: 'OpenAI' })).toMatchObject({
      defaultProvider: 'openai',
      modeExplicit: true,
    });
    expect(loadGatewaySettings({ AZURE_OPENAI_PROXY_MODE: ' Vertex ' })).toMatchObject({
      defaultProvider: 'vertex',
    });
  });

  it('rejects an unknown mode with the allowed values', () => {
    expect(() => loadGatewaySettings({ AZURE_OPENAI_PROXY_MODE: 'bedrock' })).toThrow(
      'AZURE_OPENAI_PROXY_MODE: "bedrock" is not one of azure, google, vertex, openai, anthropic.',
    );
  });

  it('trims and splits MULTI_AI_PROXY_API_KEYS and MULTI_AI_PROXY_CORS_ORIGINS', () => {
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_API_KEYS: ' k1 ,,k2 ',
      MULTI_AI_PROXY_CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(settings.apiKeys).toEqual(['k1', 'k2']);
    expect(settings.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(
      loadGatewaySettings({ MULTI_AI_PROXY_CORS_ORIGINS: 'https://a.example,*' }).corsOrigins,
    ).toBe('*');
  });

  it('parses sizes, timeouts, log level and worker count', () => {
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_JSON_LIMIT: '512kb',
      MULTI_AI_PROXY_MULTIPART_LIMIT: '2048',
      MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS: '1500',
      MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS: '250',
      MULTI_AI_PROXY_LOG_LEVEL: 'WARN',
      MULTI_AI_PROXY_WORKERS: '3',
    });
    expect(settings).toMatchObject({
      jsonLimitBytes: 512 * 1024,
      multipartLimitBytes: 2048,
      upstreamTimeoutMs: 1500,
      shutdownTimeoutMs: 250,
      logLevel: 'warn',
      workers: 3,
    });
  });

  it.each([
    ['MULTI_AI_PROXY_JSON_LIMIT', 'ten megs', /is not a size/],
    ['MULTI_AI_PROXY_MULTIPART_LIMIT', '0', /is not a size/],
    ['MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS', '-5', /positive whole number/],
    ['MULTI_AI_PROXY_SHUTDOWN_TIMEOUT_MS', '1.5', /positive whole number/],
    ['MULTI_AI_PROXY_UPSTREAM_TIMEOUT_MS', '3000000000', /at most 2147483647/],
    ['MULTI_AI_PROXY_REQUEST_TIMEOUT_MS', 'soon', /positive whole number/],
    ['MULTI_AI_PROXY_LOG_LEVEL', 'loud', /is not one of/],
    ['MULTI_AI_PROXY_WORKERS', 'many', /"auto" or a whole number/],
  ])('rejects malformed %s', (name, value, message) => {
    expect(() => loadGatewaySettings({ [name]: value })).toThrow(
      new RegExp(`^${name}: .*${message.source}`),
    );
  });

  it('reads the config file: providers, routes, default provider and a plugin folder relative to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-settings-'));
    const path = join(dir, 'gateway.json');
    writeFileSync(
      path,
      JSON.stringify({
        defaultProvider: 'azure-eu',
        pluginDir: 'plugins',
        providers: [
          {
            name: 'azure-eu',
            package: '@multi-ai-proxy/provider-azure',
            options: { endpoint: 'https://eu.example' },
          },
        ],
        routes: { fast: 'google/gemini-2.5-flash' },
      }),
    );
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_CONFIG: path,
      MULTI_AI_PROXY_PLUGIN_DIR: '/opt/more',
    });
    expect(settings.defaultProvider).toBe('azure-eu');
    expect(settings.modeExplicit).toBe(true);
    expect(settings.pluginDirs).toEqual([join(dir, 'plugins'), '/opt/more']);
    expect(settings.configuredProviders).toEqual([
      {
        name: 'azure-eu',
        package: '@multi-ai-proxy/provider-azure',
        options: { endpoint: 'https://eu.example' },
        configKey: 'MULTI_AI_PROXY_CONFIG providers[0]',
      },
    ]);
    expect([...settings.routes]).toEqual([['fast', 'google/gemini-2.5-flash']]);
  });

  it('reads glob routes and routes to model groups; a route to a one-deployment group goes to its deployment', () => {
    const path = writeConfig(
      [
        'routes:',
        '  "claude-sonnet-*": sonnet',
        '  "claude-haiku-*": flash',
        '  claude-opus-4-1-20250805: vertex/gemini-2.5-pro',
        'models:',
        '  sonnet:',
        '    deployments: [{ target: google/gemini-2.5-pro }, { target: vertex/gemini-2.5-pro }]',
        '  flash:',
        '    deployments: [{ target: google/gemini-2.5-flash }]',
      ].join('\n'),
    );
    const settings = loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: path });
    expect([...settings.routes]).toEqual([
      ['claude-sonnet-*', 'sonnet'],
      ['claude-haiku-*', 'google/gemini-2.5-flash'],
      ['claude-opus-4-1-20250805', 'vertex/gemini-2.5-pro'],
      ['flash', 'google/gemini-2.5-flash'],
    ]);
    expect([...settings.models.keys()]).toEqual(['sonnet']);
  });

  it('reads keys, prices, admin and state: "$VAR" references from the environment, keys kept only as SHA-256 digests', () => {
    const dir = mkdtempSync(join(tmpdir(), 'map-settings-'));
    const path = join(dir, 'gateway.json');
    const digest = (text: string) => createHash('sha256').update(text).digest();
    writeFileSync(
      path,
      JSON.stringify({
        keys: [
          {
            id: 'team-search',
            key: '$' + '{TEAM_KEY}',
            models: ['gpt-4o*'],
            rpm: 600,
            tpm: 200_000,
            maxParallel: 20,
            budget: { usd: 50, period: 'month' },
          },
          { id: 'team-b', sha256: digest('b-secret').toString('hex') },
        ],
        prices: { 'gpt-4o': { input: 2.5, output: 10, cachedInput: 1.25 } },
        admin: { key: '$' + '{ADMIN}' },
        state: { store: 'redis', redisUrl: '$' + '{REDIS_URL}', onError: 'closed' },
      }),
    );
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_CONFIG: path,
      TEAM_KEY: 'team-secret',
      ADMIN: 'admin-secret',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(settings.keys.keys).toEqual([
      {
        id: 'team-search',
        digest: digest('team-secret'),
        models: ['gpt-4o*'],
        rpm: 600,
        tpm: 200_000,
        maxParallel: 20,
        budget: { usd: 50, period: 'month' },
      },
      {
        id: 'team-b',
        digest: digest('b-secret'),
        models: undefined,
        rpm: undefined,
        tpm: undefined,
        maxParallel: undefined,
        budget: undefined,
      },
    ]);
    expect(settings.keys.adminDigest).toEqual(digest('admin-secret'));
    expect(settings.keys.state).toEqual({
      store: 'redis',
      redisUrl: 'redis://127.0.0.1:6379',
      onError: 'closed',
    });
    expect([...settings.keys.prices]).toEqual([
      ['gpt-4o', { input: 2.5, output: 10, cachedInput: 1.25 }],
    ]);
    expect(JSON.stringify(settings)).not.toContain('team-secret');
  });

  it.each([
    ['providers: {}', 'providers must be a list of provider instances (name, package, options).'],
    [
      'providers:\n  - package: x',
      'providers[0].name must be a lower-case instance name (letters, digits, ".", "_", "-").',
    ],
    [
      'providers:\n  - name: Upper\n    package: x',
      'providers[0].name must be a lower-case instance name',
    ],
    [
      'providers:\n  - name: a\n    package: x\n  - name: a\n    package: y',
      'providers[1].name "a" is used twice; instance names must be unique.',
    ],
    [
      'providers:\n  - name: a',
      'providers[0].package must name the plugin package (e.g. "@multi-ai-proxy/provider-azure")',
    ],
    [
      'providers:\n  - name: a\n    package: x\n    options: [1]',
      "providers[0].options must be a mapping of the plugin's options (see its README).",
    ],
    [
      'providers:\n  - just-a-string',
      'providers[0] must be a mapping with name, package, options.',
    ],
    [
      'routes:\n  fast: gemini',
      'routes.fast must be "instance/upstream-model" (e.g. "google/gemini-2.5-flash") or the name of a model group in models.',
    ],
    [
      'routes: [fast]',
      'routes must map a public model name to "instance/upstream-model" or a model group.',
    ],
    [
      'models:\n  "claude-*":\n    deployments: [{ target: a/x }, { target: b/y }]',
      'models.claude-* is a glob: a model group has an exact name; map a glob to it in routes.',
    ],
    ['defaultProvider: ""', 'defaultProvider must be a non-empty string (an instance name).'],
    ['pluginDir: 3', 'pluginDir must be a non-empty string (a folder path).'],
    [
      'provider: []',
      'the top level has unknown key "provider" (expected $schema, defaultProvider, pluginDir, providers, routes, models, router, keys, prices, admin, state, responses); fix the spelling or remove it.',
    ],
    [
      'providers:\n  - name: a\n    package: x\n    option: {}',
      'providers[0] has unknown key "option" (expected name, package, options); fix the spelling or remove it.',
    ],
    [
      '- just a list',
      'the top level must be a mapping with $schema, defaultProvider, pluginDir, providers, routes, models, router, keys, prices, admin, state, responses.',
    ],
    ['key: [unclosed', 'is not valid YAML/JSON'],
    [
      'models:\n  gpt-4o:\n    deployments: []',
      'models.gpt-4o.deployments must list at least one deployment.',
    ],
    [
      'models:\n  gpt-4o:\n    deployments: [{ target: azure }]',
      'models.gpt-4o.deployments[0].target must be "instance/upstream-model", e.g. "azure-eu/gpt-4o".',
    ],
    [
      'models:\n  gpt-4o:\n    deployments: [{ target: a/m, weight: 0 }]',
      'models.gpt-4o.deployments[0].weight must be above 0.',
    ],
    [
      'models:\n  gpt-4o:\n    deployments: [{ target: a/m, wieght: 2 }]',
      'models.gpt-4o.deployments[0] has unknown key "wieght" (expected target, weight, tpm, rpm)',
    ],
    [
      'models:\n  gpt-4o:\n    deployments: [{ target: a/m }]\n    strategy: fastest',
      'models.gpt-4o.strategy must be one of balanced, ordered, random.',
    ],
    [
      'models:\n  gpt-4o:\n    deployments: [{ target: a/m }]\n    fallbacks: [nowhere]',
      'models.gpt-4o.fallbacks[0] "nowhere" is neither a model group nor "instance/model".',
    ],
    [
      'models:\n  a:\n    deployments: [{ target: x/a }]\n    fallbacks: [b]\n  b:\n    deployments: [{ target: x/b }]\n    fallbacks: [a]',
      'models.a.fallbacks form a cycle: a → b → a. Remove one of those fallbacks.',
    ],
    [
      'router:\n  retires: 3',
      'router has unknown key "retires" (expected retries, backoffMs, maxRetryAfterMs, firstByteTimeoutMs, deadlineMs, cooldown)',
    ],
    ['router:\n  backoffMs: [9000, 10]', 'router.backoffMs must be [base, cap] with base ≤ cap.'],
    ['router:\n  cooldown: { failureRatio: 2 }', 'router.cooldown.failureRatio must be at most 1.'],
    ['state:\n  store: etcd', 'state.store must be "memory" or "redis".'],
    ['state:\n  onError: maybe', 'state.onError must be "open" or "closed".'],
    ['responses:\n  store: { enabled: yes }', 'responses.store.enabled must be true or false.'],
    [
      'responses:\n  store: { ttlSeconds: 0 }',
      'responses.store.ttlSeconds must be at least 1 (seconds).',
    ],
    ['responses:\n  store: { maxEntires: 5 }', 'responses.store has unknown key "maxEntires"'],
    [
      'keys:\n  - id: a\n    key: x\n    sha256: ' + 'ab'.repeat(32),
      'keys[0].key set exactly one of "key" and "sha256".',
    ],
    [
      'keys:\n  - id: a\n    key: "$' + '{UNSET_TEAM_KEY}"',
      'keys[0].key names the environment variable UNSET_TEAM_KEY, which is not set.',
    ],
    ['keys:\n  - id: a\n    key: x\n    rpm: 0', 'keys[0].rpm must be a positive whole number.'],
    [
      'keys:\n  - id: a\n    key: x\n  - id: a\n    key: y',
      'keys[1].id "a" is used twice; key ids must be unique.',
    ],
    [
      'keys:\n  - id: a\n    key: x\n  - id: b\n    key: x',
      'keys[1] ("b") has the same key as "a"',
    ],
    [
      'keys:\n  - id: a\n    key: x\n    budget: { usd: 5, period: year }',
      'keys[0].budget.period must be one of day, week, month (UTC calendar), total.',
    ],
    [
      'state:\n  store: redis\n  redisUrl: http://127.0.0.1:6379',
      'state.redisUrl must be a redis:// or rediss:// URL when state.store is "redis".',
    ],
  ])('rejects a bad config file (%j) naming the key, the problem and the fix', (yaml, message) => {
    const path = writeConfig(yaml);
    expect(() => loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: path })).toThrow(
      `MULTI_AI_PROXY_CONFIG: ${path}`,
    );
    expect(() => loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: path })).toThrow(message);
  });

  it('reads responses.store: off by default, the defaults filled in, the values set', () => {
    expect(loadGatewaySettings({}).responseStore).toEqual({
      enabled: false,
      ttlSeconds: 86_400,
      maxEntries: 10_000,
      maxBytes: 64 * 1024 * 1024,
      maxResponseBytes: 4 * 1024 * 1024,
    });
    const path = writeConfig(
      'responses:\n  store: { enabled: true, ttlSeconds: 600, maxEntries: 50 }',
    );
    expect(loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: path }).responseStore).toEqual({
      enabled: true,
      ttlSeconds: 600,
      maxEntries: 50,
      maxBytes: 64 * 1024 * 1024,
      maxResponseBytes: 4 * 1024 * 1024,
    });
  });

  it('reads model groups with the router defaults and their overrides; one deployment without fallbacks is a route', () => {
    const path = writeConfig(
      [
        'models:',
        '  gpt-4o:',
        '    deployments: [{ target: azure-eu/gpt-4o, weight: 2, tpm: 450000 }, { target: azure-us/gpt-4o }]',
        '    fallbacks: [gemini-2.5-pro]',
        '    router: { retries: 4, cooldown: { baseMs: 1000 } }',
        '  gemini-2.5-pro:',
        '    deployments: [{ target: google/gemini-2.5-pro }]',
        'router:',
        '  deadlineMs: 30000',
        'state: { store: redis, onError: closed }',
      ].join('\n'),
    );
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_CONFIG: path,
      MULTI_AI_PROXY_REDIS_URL: 'redis://127.0.0.1:6390',
    });
    expect([...settings.routes]).toEqual([['gemini-2.5-pro', 'google/gemini-2.5-pro']]);
    expect([...settings.models.keys()]).toEqual(['gpt-4o']);
    expect(settings.models.get('gpt-4o')).toEqual({
      name: 'gpt-4o',
      deployments: [
        { target: 'azure-eu/gpt-4o', weight: 2, tpm: 450000 },
        { target: 'azure-us/gpt-4o', weight: 1 },
      ],
      fallbacks: ['gemini-2.5-pro'],
      strategy: 'balanced',
      router: {
        retries: 4,
        backoffMs: [250, 8000],
        maxRetryAfterMs: 20_000,
        firstByteTimeoutMs: 60_000,
        deadlineMs: 30_000,
        cooldown: {
          failureRatio: 0.5,
          minRequests: 5,
          windowSeconds: 60,
          baseMs: 1000,
          maxMs: 300_000,
        },
      },
    });
    expect(settings.state).toEqual({
      store: 'redis',
      redisUrl: 'redis://127.0.0.1:6390',
      onError: 'closed',
    });
    expect(loadGatewaySettings({}).state).toEqual({
      store: 'memory',
      redisUrl: 'redis://127.0.0.1:6379',
      onError: 'open',
    });
  });

  it('reports every problem of the file at once', () => {
    const path = writeConfig('pluginDir: 3\nroutes:\n  fast: 7\n');
    expect(() => loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: path })).toThrow(
      `MULTI_AI_PROXY_CONFIG: ${path}: pluginDir must be a non-empty string (a folder path). routes.fast must be "instance/upstream-model" (e.g. "google/gemini-2.5-flash") or the name of a model group in models.`,
    );
  });

  it('accepts an empty file, empty sections and the $schema key editors use', () => {
    expect(
      loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: writeConfig('') }).configuredProviders,
    ).toEqual([]);
    const settings = loadGatewaySettings({
      MULTI_AI_PROXY_CONFIG: writeConfig('$schema: ../config.schema.json\nproviders:\nroutes:\n'),
    });
    expect(settings.configuredProviders).toEqual([]);
    expect([...settings.routes]).toEqual([]);
  });

  it('reports every bad variable at once, the first one leading', () => {
    expect(() =>
      loadGatewaySettings({ MULTI_AI_PROXY_WORKERS: 'many', MULTI_AI_PROXY_JSON_LIMIT: 'x' }),
    ).toThrow(
      'MULTI_AI_PROXY_JSON_LIMIT: "x" is not a size; use e.g. 10mb, 512kb or a number of bytes. MULTI_AI_PROXY_WORKERS: "many" must be "auto" or a whole number from 1 to 256.',
    );
  });

  it('defaults MULTI_AI_PROXY_WORKERS to the cgroup CPU limit, not the CPU count Node sees', () => {
    const limitedTo = (cpus: number) => {
      const cgroupRoot = mkdtempSync(join(tmpdir(), 'map-cgroup-'));
      writeFileSync(join(cgroupRoot, 'cpu.max'), `${cpus * 100_000} 100000\n`);
      return { parallelism: 16, cgroupRoot, selfCgroup: '0::/\n' };
    };
    // Two different limits: a count that ignored the cgroup could match at most one of them.
    expect(loadGatewaySettings({}, limitedTo(1)).workers).toBe(1);
    expect(loadGatewaySettings({ MULTI_AI_PROXY_WORKERS: 'auto' }, limitedTo(3)).workers).toBe(3);
    expect(loadGatewaySettings({ MULTI_AI_PROXY_WORKERS: '5' }, limitedTo(1)).workers).toBe(5);
  });

  it('names MULTI_AI_PROXY_CONFIG when the file cannot be read', () => {
    expect(() =>
      loadGatewaySettings({ MULTI_AI_PROXY_CONFIG: '/nonexistent/gateway.yaml' }),
    ).toThrow(
      'MULTI_AI_PROXY_CONFIG: cannot read /nonexistent/gateway.yaml (ENOENT). Point it at an existing YAML or JSON file.',
    );
  });
});
