import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type MockUpstream, startMockUpstream } from '@multi-ai-proxy/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixturePath } from '../support/fixture-path.js';
import {
  type DockerStage,
  parseDockerfile,
  parseEnvInstruction,
  parseExecForm,
} from './parse-dockerfile.js';

/*
 * No Docker engine runs here, so this test reads docker/Dockerfile and performs its steps itself: the
 * `pnpm deploy` pruned install (same flags, from the local store), the final stage's COPY lines into a
 * folder standing for /app, then the image's CMD and HEALTHCHECK with the image's ENV. It assumes the
 * workspace is built (turbo runs `build` before `test`), which the Dockerfile's turbo step does in the image.
 */

const REPO = resolve(import.meta.dirname, '../../../..');
const DOCKERFILE = join(REPO, 'docker/Dockerfile');
const GATEWAY_PACKAGE = '@multi-ai-proxy/gateway';
const WORKSPACE_PACKAGES = [
  'core',
  'provider-anthropic',
  'provider-azure',
  'provider-google',
  'provider-openai',
  'provider-vertex',
];
// Serverless model used to prove a dashed variable name reaches the gateway (the documented `AZURE_OPENAI_KEY_<MODEL>` spelling).
const SERVERLESS_MODEL = 'deepseek-v4-pro';
const DASHED_KEY_VARIABLE = 'AZURE_OPENAI_KEY_DEEPSEEK-V4-PRO';
const SERVERLESS_KEY = 'sk-docker-test-serverless-key-41f7';

const dockerfile = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
const buildStage = dockerfile.stages[0] as DockerStage;
const finalStage = dockerfile.stages.at(-1) as DockerStage;

const all = (stage: DockerStage, keyword: string) =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword);
const last = (stage: DockerStage, keyword: string) => all(stage, keyword).at(-1)?.args;
const deployRun = () => {
  const runs = all(buildStage, 'RUN').filter((run) => /\bpnpm\b.*\bdeploy\b/.test(run.args));
  expect(runs, 'exactly one `pnpm ... deploy` RUN in the build stage').toHaveLength(1);
  return (runs[0] as { args: string }).args;
};
const healthcheckArgv = () => {
  const match = /^((?:--\S+\s+)*)CMD\s+(.+)$/s.exec(last(finalStage, 'HEALTHCHECK') ?? '');
  expect(match, 'HEALTHCHECK [options] CMD [...]').not.toBeNull();
  return {
    options: (match as RegExpExecArray)[1] as string,
    argv: parseExecForm((match as RegExpExecArray)[2] as string),
  };
};
const imageEnv = () =>
  Object.assign(
    {},
    ...all(finalStage, 'ENV').map((env) => parseEnvInstruction(env.args)),
  ) as Record<string, string>;

describe('docker/Dockerfile promises', () => {
  it('is multi-stage on a pinned Node 20 base: build stage, then a runtime stage', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages)
      expect(stage.image).toMatch(/^node:20-(bookworm-slim|alpine)$/);
    expect(buildStage.name).toBeTruthy();
  });

  it('installs pnpm 10.34.9 and the lockfile, builds the gateway with turbo, then prunes with pnpm deploy', () => {
    const runs = all(buildStage, 'RUN').map((run) => run.args);
    const pnpmVersion = dockerfile.globalArgs
      .concat(all(buildStage, 'ARG'))
      .find((arg) => arg.args.startsWith('PNPM_VERSION='));
    expect(pnpmVersion?.args).toBe('PNPM_VERSION=10.34.9');
    expect(runs).toContain(`npm install --global pnpm@\${PNPM_VERSION}`);
    expect(runs.some((run) => /^pnpm install --frozen-lockfile\b/.test(run))).toBe(true);
    expect(runs).toContain(`pnpm turbo run build --filter=${GATEWAY_PACKAGE}...`);
    const deploy = deployRun();
    expect(deploy).toMatch(new RegExp(`--filter=${GATEWAY_PACKAGE} `));
    expect(deploy).toMatch(/ --prod /);
    expect(deploy.split(/\s+/).at(-1)).toBe('/out');
    // The deploy must work from the store the install filled: this test runs it with no network.
    expect(deploy).toMatch(/ --offline /);
    // The build stage must not run in production mode: pnpm would skip the devDependencies the build needs.
    expect(JSON.stringify(all(buildStage, 'ENV'))).not.toContain('NODE_ENV');
  });

  it('runtime stage: only the pruned /out tree, non-root user, NODE_ENV=production, port 11437', () => {
    const copies = all(finalStage, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies)
      expect(copy.args).toMatch(new RegExp(`^--from=${buildStage.name} /out(/\\S*)? \\S+$`));
    expect(all(finalStage, 'ADD')).toHaveLength(0);
    expect(all(finalStage, 'RUN')).toHaveLength(0);
    expect(last(finalStage, 'USER')).toBe('node');
    expect(last(finalStage, 'WORKDIR')).toBe('/app');
    expect(imageEnv().NODE_ENV).toBe('production');
    expect(all(finalStage, 'EXPOSE').map((expose) => expose.args)).toEqual(['11437']);
  });

  it('CMD and HEALTHCHECK are exec form (valid JSON, so Docker cannot fall back to a shell)', () => {
    expect(parseExecForm(last(finalStage, 'CMD') ?? '')).toEqual(['node', 'dist/main.js']);
    expect(all(finalStage, 'ENTRYPOINT')).toHaveLength(0);
    const { options, argv } = healthcheckArgv();
    expect(argv[0]).toBe('node');
    expect(argv[1]).toBe('-e');
    expect(argv[2]).toContain('/healthz');
    expect(argv[2]).toContain('AZURE_OPENAI_PROXY_ADDRESS');
    expect(options).toMatch(/--timeout=\d+s/);
  });
});

describe('docker/compose.yaml', () => {
  const text = readFileSync(join(REPO, 'docker/compose.yaml'), 'utf8');

  it('builds docker/Dockerfile from the repository root and publishes port 11437', () => {
    const compose = parseYaml(text) as {
      services: Record<
        string,
        { build: { context: string; dockerfile: string }; ports: string[]; restart: string }
      >;
    };
    const [service] = Object.values(compose.services);
    expect(resolve(REPO, 'docker', service?.build.context ?? '')).toBe(REPO);
    expect(service?.build.dockerfile).toBe('docker/Dockerfile');
    expect(service?.ports).toEqual(['11437:11437']);
    expect(service?.restart).toBeTruthy();
  });

  it('lists every documented variable (root and provider READMEs) as an environment entry, set or commented', () => {
    const readmes = [
      'README.md',
      ...readdirSync(join(REPO, 'packages'))
        .filter((name) => name.startsWith('provider-'))
        .map((name) => `packages/${name}/README.md`),
    ];
    const documented = new Set<string>();
    for (const readme of readmes) {
      for (const line of readFileSync(join(REPO, readme), 'utf8').split('\n')) {
        const firstCell = /^\|([^|]+)\|/.exec(line)?.[1] ?? '';
        for (const match of firstCell.matchAll(
          /`((?:AZURE|GOOGLE|VERTEX|OPENAI|MULTI_AI_PROXY)_[A-Z0-9_]*?)(_<[A-Z]+>)?`/g,
        )) {
          documented.add(match[2] ? `${match[1]}_` : (match[1] as string));
        }
      }
    }
    expect(documented.size).toBeGreaterThan(30);
    const listed = (name: string) =>
      new RegExp(`^\\s*(#\\s*)?- ${name}${name.endsWith('_') ? '[A-Z0-9]' : '='}`, 'm').test(text);
    expect([...documented].filter((name) => !listed(name))).toEqual([]);
    // Config file and plugin folder: a read-only mount example for each.
    expect(text).toMatch(/^\s*# - \S+:\/config\/gateway\.yaml:ro$/m);
    expect(text).toMatch(/^\s*# - \S+:\/plugins:ro$/m);
    expect(text).toMatch(/^\s*# - \S+:\/run\/secrets\/gcp-service-account\.json:ro$/m);
  });
});

describe('docker/Dockerfile steps performed in a temp folder', () => {
  let tmp: string;
  let outDir: string;
  let appDir: string;
  let upstream: MockUpstream;
  let gateway: ChildProcess | undefined;
  let gatewayUrl: string;
  let gatewayOutput = '';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'multi-ai-proxy-docker-'));
    outDir = join(tmp, 'out');
    appDir = join(tmp, 'app');

    // 1. The Dockerfile's pruned install, flags unchanged, only the target folder moved.
    const tokens = deployRun().split(/\s+/);
    expect(tokens[0]).toBe('pnpm');
    expect(deployRun()).not.toMatch(/["'$`;&|]/);
    // Bounded by the run's timeout, not by a duration assertion: a busy machine may be slow.
    await run(
      'pnpm',
      tokens.slice(1).map((token) => (token === '/out' ? outDir : token)),
      { cwd: REPO, timeout: 90_000 },
    );

    // 2. The runtime stage's COPY --from=build /out/<x> <dest> lines, relative to WORKDIR /app.
    for (const copy of all(finalStage, 'COPY')) {
      const [, source, destination] = copy.args.split(/\s+/) as [string, string, string];
      // Docker copies symlinks as symlinks (pnpm's node_modules layout relies on them).
      cpSync(join(outDir, source.replace(/^\/out\/?/, '')), resolve(appDir, destination), {
        recursive: true,
        verbatimSymlinks: true,
      });
    }

    // 3. Start the image's CMD with the image's ENV, as `docker run -e ...` would (exec form, no shell).
    upstream = await startMockUpstream([
      {
        method: 'POST',
        path: `/serverless/DeepSeek-V4-Pro/swedencentral/v1/chat/completions`,
        reply: {
          body: JSON.parse(
            readFileSync(
              fixturePath('azure', 'chat-completions.response.foundry-deepseek-v4-pro.json'),
              'utf8',
            ),
          ),
        },
      },
    ]);
    const [command, ...args] = parseExecForm(last(finalStage, 'CMD') ?? '');
    expect(command).toBe('node');
    gateway = spawn(process.execPath, args, {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '',
        ...imageEnv(),
        AZURE_OPENAI_PROXY_ADDRESS: '127.0.0.1:0',
        MULTI_AI_PROXY_WORKERS: '1',
        AZURE_AI_STUDIO_DEPLOYMENTS: `${SERVERLESS_MODEL}=DeepSeek-V4-Pro:swedencentral`,
        AZURE_AI_STUDIO_ENDPOINT_TEMPLATE: `${upstream.url}/serverless/{name}/{region}`,
        [DASHED_KEY_VARIABLE]: SERVERLESS_KEY,
        // Every first-party plugin loaded, so each workspace copy in the pruned tree is imported.
        GOOGLE_AI_STUDIO_API_KEY: 'docker-test-gemini-key',
        GOOGLE_AI_STUDIO_ENDPOINT: upstream.url,
        VERTEX_AI_API_KEY: 'docker-test-vertex-key',
        VERTEX_AI_ENDPOINT: upstream.url,
        OPENAI_API_ENDPOINT: upstream.url,
        ANTHROPIC_FOUNDRY_BASE_URL: `${upstream.url}/anthropic`,
        ANTHROPIC_FOUNDRY_API_KEY: 'docker-test-foundry-key',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gatewayUrl = await waitForListening(gateway, (text) => {
      gatewayOutput += text;
    });
  }, 90_000);

  afterAll(async () => {
    if (gateway && gateway.exitCode === null && gateway.signalCode === null) {
      const exited = new Promise((done) => gateway?.once('exit', done));
      gateway.kill('SIGTERM');
      // Bounded: a gateway that does not drain in time is killed.
      const killer = setTimeout(() => gateway?.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    await upstream?.close();
    // The deployed tree is large (every production dependency); removing it is slow on a busy machine.
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 120_000);

  it('pnpm deploy produced a self-contained tree: workspace packages are real copies with dist/', () => {
    expect(existsSync(join(appDir, 'dist/main.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')).name).toBe(
      GATEWAY_PACKAGE,
    );
    for (const name of WORKSPACE_PACKAGES) {
      const real = realpathSync(join(appDir, 'node_modules/@multi-ai-proxy', name));
      // Inside the tree, not a symlink back into the workspace (which does not exist in the image).
      expect(real.startsWith(`${realpathSync(appDir)}/`), `${name} resolves to ${real}`).toBe(true);
      expect(lstatSync(real).isDirectory()).toBe(true);
      expect(existsSync(join(real, 'dist/index.js')), `${name}/dist/index.js`).toBe(true);
      expect(existsSync(join(real, 'src')), `${name} ships no src/`).toBe(false);
    }
  });

  it('has no devDependencies (no vitest, no typescript) and no test files or sources', () => {
    const installed = installedPackages(join(appDir, 'node_modules/.pnpm'));
    const names = new Set(installed.keys());
    expect(names.has('vitest')).toBe(false);
    expect(names.has('typescript')).toBe(false);
    expect(names.has('vite')).toBe(false);
    // Any other devDependency of the gateway, the workspace packages or the root may only be there
    // because a production package depends on it (koa-body ships @types/koa, for example).
    const manifests = [
      'package.json',
      'apps/gateway/package.json',
      ...WORKSPACE_PACKAGES.map((name) => `packages/${name}/package.json`),
    ];
    const devOnly = new Set(
      manifests.flatMap((path) =>
        Object.keys(JSON.parse(readFileSync(join(REPO, path), 'utf8')).devDependencies ?? {}),
      ),
    );
    const requiredByInstalled = new Set(
      [...installed.values()].flatMap((manifest) =>
        Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }),
      ),
    );
    const unexplained = [...devOnly].filter(
      (name) =>
        !name.startsWith('@multi-ai-proxy/') && names.has(name) && !requiredByInstalled.has(name),
    );
    expect(unexplained).toEqual([]);

    for (const extra of ['src', 'test', 'vitest.config.ts', 'tsconfig.json', '.env'])
      expect(existsSync(join(appDir, extra)), extra).toBe(false);
    const ownFiles = [
      ...listFiles(join(appDir, 'dist')),
      ...WORKSPACE_PACKAGES.flatMap((name) =>
        listFiles(realpathSync(join(appDir, 'node_modules/@multi-ai-proxy', name))),
      ),
    ];
    expect(ownFiles.length).toBeGreaterThan(50);
    expect(ownFiles.filter((file) => /\.test\.|__fixtures__/.test(file))).toEqual([]);
  });

  it('the gateway starts from the pruned tree with every first-party plugin and answers /healthz and /readyz', async () => {
    const listening =
      gatewayOutput.split('\n').find((line) => line.includes('"msg":"gateway listening"')) ?? '';
    expect(JSON.parse(listening).providers).toEqual([
      'azure',
      'google',
      'vertex',
      'openai',
      'anthropic',
    ]);
    const health = await fetch(`${gatewayUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'healthy' });
    expect((await fetch(`${gatewayUrl}/readyz`)).status).toBe(200);
  });

  it('a dashed variable (AZURE_OPENAI_KEY_DEEPSEEK-V4-PRO) reaches the gateway: its key goes upstream', async () => {
    const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: SERVERLESS_MODEL,
        messages: [{ role: 'user', content: 'Invent a holiday.' }],
      }),
    });
    const body = (await response.json()) as { model?: string; choices?: unknown[] };
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(body.model).toBe('deepseek-v4-pro');
    expect(body.choices).toHaveLength(1);
    expect(upstream.requests).toHaveLength(1);
    // No client key was sent, so this bearer can only come from the dashed variable.
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${SERVERLESS_KEY}`);
    expect(gatewayOutput).not.toContain(SERVERLESS_KEY);
  });

  it('the HEALTHCHECK command passes against the running gateway and follows AZURE_OPENAI_PROXY_ADDRESS', async () => {
    const port = new URL(gatewayUrl).port;
    const { argv } = healthcheckArgv();
    const probe = (env: Record<string, string>) =>
      runNode(argv.slice(1), {
        cwd: appDir,
        env: { PATH: process.env.PATH ?? '', ...imageEnv(), ...env },
      });
    expect(await probe({ AZURE_OPENAI_PROXY_ADDRESS: `127.0.0.1:${port}` })).toBe(0);
    // Wildcard listen addresses are probed on loopback.
    expect(await probe({ AZURE_OPENAI_PROXY_ADDRESS: `0.0.0.0:${port}` })).toBe(0);
    expect(await probe({ AZURE_OPENAI_PROXY_ADDRESS: `:${port}` })).toBe(0);
    // Nothing listening there: the probe must fail, not hang or pass.
    expect(await probe({ AZURE_OPENAI_PROXY_ADDRESS: `127.0.0.1:${await closedPort()}` })).toBe(1);
  });

  it('the HEALTHCHECK reads the address from /app/.env like the gateway, real variables winning', async () => {
    const port = new URL(gatewayUrl).port;
    const { argv } = healthcheckArgv();
    const script = argv[2] as string;
    expect(script.split("'/app/.env'")).toHaveLength(2);
    // The image's /app is appDir here.
    const localScript = script.replace("'/app/.env'", `'${join(appDir, '.env')}'`);
    const probe = (env: Record<string, string>) =>
      runNode(['-e', localScript], { cwd: tmp, env: { PATH: process.env.PATH ?? '', ...env } });
    writeFileSync(join(appDir, '.env'), `AZURE_OPENAI_PROXY_ADDRESS=127.0.0.1:${port}\n`);
    try {
      expect(await probe({})).toBe(0);
      expect(await probe({ AZURE_OPENAI_PROXY_ADDRESS: `127.0.0.1:${await closedPort()}` })).toBe(
        1,
      );
    } finally {
      rmSync(join(appDir, '.env'));
    }
  });
});

function run(
  command: string,
  args: string[],
  options: { cwd: string; timeout: number },
): Promise<void> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      { ...options, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          fail(
            new Error(
              `${command} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`,
            ),
          );
        else done();
      },
    );
  });
}

/** Runs `node <args>` and resolves with its exit code (killed after 10 s: a probe must not hang). */
function runNode(
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { ...options, stdio: 'ignore', timeout: 10_000 });
    child.once('exit', (code) => done(code));
  });
}

function waitForListening(child: ChildProcess, onOutput: (text: string) => void): Promise<string> {
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`gateway did not start within 15 s:\n${output}`)),
      15_000,
    );
    const collect = (data: Buffer) => {
      const text = data.toString();
      output += text;
      onOutput(text);
      // Complete lines only: a chunk may end in the middle of the JSON line.
      for (const line of output.split('\n').slice(0, -1)) {
        if (!line.includes('"msg":"gateway listening"')) continue;
        clearTimeout(timer);
        done((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`gateway exited with ${code} before listening:\n${output}`));
    });
  });
}

/** A loopback port nothing listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

interface InstalledManifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Every package in pnpm's virtual store (`.pnpm/<id>/node_modules/<name>` real folders), by name. */
function installedPackages(virtualStore: string): Map<string, InstalledManifest> {
  const packages = new Map<string, InstalledManifest>();
  for (const entry of readdirSync(virtualStore)) {
    const modules = join(virtualStore, entry, 'node_modules');
    if (entry === 'node_modules' || !existsSync(modules)) continue;
    for (const child of readdirSync(modules)) {
      const names = child.startsWith('@')
        ? readdirSync(join(modules, child)).map((name) => `${child}/${name}`)
        : [child];
      for (const name of names) {
        const folder = join(modules, name);
        if (lstatSync(folder).isSymbolicLink()) continue; // a dependency link, not the package itself
        packages.set(
          name,
          JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as InstalledManifest,
        );
      }
    }
  }
  return packages;
}

function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name));
}
