import { PluginContractError } from '../errors/plugin-contract-error.js';
import { PROVIDER_CONTRACT_VERSION } from './provider-contract-version.js';
import type { ProviderPluginV1 } from './provider-plugin-v1.js';

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Runtime check of a plugin module's default export. Throws PluginContractError naming the
 * package, the problem and the fix; returns the manifest typed on success.
 */
export function assertProviderPlugin(candidate: unknown, packageName: string): ProviderPluginV1 {
  const manifest = unwrapDefault(candidate);
  if (typeof manifest !== 'object' || manifest === null) {
    throw new PluginContractError(
      packageName,
      'has no default export',
      'Export the manifest built with defineProviderPlugin({...}) as the default export.',
    );
  }
  const record = manifest as Record<string, unknown>;
  if (record.contractVersion !== PROVIDER_CONTRACT_VERSION) {
    throw new PluginContractError(
      packageName,
      `declares contractVersion ${JSON.stringify(record.contractVersion)}, this gateway speaks ${PROVIDER_CONTRACT_VERSION}`,
      'Install a plugin version written for @multi-ai-proxy/core with contract version 1, or upgrade the gateway.',
    );
  }
  for (const field of ['name', 'packageName', 'version'] as const) {
    if (typeof record[field] !== 'string' || (record[field] as string).length === 0) {
      throw new PluginContractError(
        packageName,
        `has no string "${field}" in its manifest`,
        'Build the manifest with defineProviderPlugin({...}).',
      );
    }
  }
  if (!NAME_PATTERN.test(record.name as string)) {
    throw new PluginContractError(
      packageName,
      `has an invalid name ${JSON.stringify(record.name)}`,
      'Use lower-case letters, digits, ".", "_" or "-".',
    );
  }
  for (const field of ['parseOptions', 'createProvider'] as const) {
    if (typeof record[field] !== 'function') {
      throw new PluginContractError(
        packageName,
        `has no function "${field}" in its manifest`,
        'Build the manifest with defineProviderPlugin({...}).',
      );
    }
  }
  if (record.detectFromEnv !== undefined && typeof record.detectFromEnv !== 'function') {
    throw new PluginContractError(
      packageName,
      'has a "detectFromEnv" that is not a function',
      'Remove it or make it a function of the environment.',
    );
  }
  const headers = record.clientCredentialHeaders;
  if (
    headers !== undefined &&
    (!Array.isArray(headers) ||
      headers.some((name) => typeof name !== 'string' || !HEADER_NAME.test(name)))
  ) {
    throw new PluginContractError(
      packageName,
      'has a "clientCredentialHeaders" that is not a list of lower-case header names',
      'List the header names in lower case, e.g. ["x-goog-api-key"].',
    );
  }
  return manifest as ProviderPluginV1;
}

// A CommonJS plugin imported from ESM arrives as { default: manifest } or { default: { default: manifest } }.
function unwrapDefault(candidate: unknown): unknown {
  let current = candidate;
  for (let depth = 0; depth < 2; depth++) {
    if (
      typeof current === 'object' &&
      current !== null &&
      'default' in current &&
      !('contractVersion' in current)
    ) {
      current = (current as { default: unknown }).default;
    }
  }
  return current;
}
