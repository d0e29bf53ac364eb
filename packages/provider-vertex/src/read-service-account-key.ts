import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InvalidPluginOptionsError } from '@multi-ai-proxy/core';
import { withHiddenSecret } from './with-hidden-secret.js';

/** The fields of a Google Cloud credentials file this provider reads. */
export interface GoogleCredentialsFile {
  type: string | undefined;
  /** Present on service-account keys; also the default Vertex project. */
  project_id?: string;
  client_email?: string;
  private_key?: string;
  private_key_id?: string;
  token_uri?: string;
  universe_domain?: string;
}

export const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Reads and checks a credentials file at startup, so a broken key fails the gateway's start instead of
 * the first request. Messages name the setting and the path, never a key value.
 */
export function readCredentialsFile(
  provider: string,
  setting: string,
  path: string,
): GoogleCredentialsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const problem =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable (permission denied)'
          : `cannot be read (${code ?? 'error'})`;
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", which ${problem}. Point it at a service-account key file (JSON).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", which is not valid JSON. Download the service-account key again (JSON format).`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", which is not a JSON object.`,
    );
  }
  const file = parsed as Record<string, unknown>;
  return {
    type: stringField(file, 'type'),
    project_id: stringField(file, 'project_id'),
    client_email: stringField(file, 'client_email'),
    private_key: stringField(file, 'private_key'),
    private_key_id: stringField(file, 'private_key_id'),
    token_uri: stringField(file, 'token_uri'),
    universe_domain: stringField(file, 'universe_domain'),
  };
}

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | undefined;
  projectId: string | undefined;
  tokenUri: string;
}

/** Checks a `type: "service_account"` file: email, a parseable private key, a safe token endpoint. */
export function toServiceAccountKey(
  provider: string,
  setting: string,
  path: string,
  file: GoogleCredentialsFile,
): ServiceAccountKey {
  if (!file.private_key) {
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", a service-account key without "private_key". Create a new JSON key for the service account.`,
    );
  }
  if (!file.client_email) {
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", a service-account key without "client_email". Create a new JSON key for the service account.`,
    );
  }
  try {
    createPrivateKey(file.private_key);
  } catch {
    // The parser's own message is not passed on: it may quote part of the key.
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", whose "private_key" is not a valid PEM private key.`,
    );
  }
  const key = {
    clientEmail: file.client_email,
    privateKeyId: file.private_key_id,
    projectId: file.project_id,
    tokenUri: checkTokenUri(provider, setting, path, file.token_uri ?? DEFAULT_TOKEN_URI),
  };
  return withHiddenSecret(key, 'privateKey', file.private_key);
}

// The assertion sent to token_uri is a credential for an hour: only https, or http on loopback (tests, sidecars).
function checkTokenUri(provider: string, setting: string, path: string, tokenUri: string): string {
  let url: URL;
  try {
    url = new URL(tokenUri);
  } catch {
    throw new InvalidPluginOptionsError(
      provider,
      setting,
      `points at "${path}", whose "token_uri" is not a URL.`,
    );
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return url.href;
  throw new InvalidPluginOptionsError(
    provider,
    setting,
    `points at "${path}", whose "token_uri" must use https (http is allowed for loopback hosts only).`,
  );
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
