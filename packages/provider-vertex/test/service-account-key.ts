import { generateKeyPairSync, type KeyObject, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServiceAccount {
  /** Path of the key file written to a temp directory. */
  path: string;
  clientEmail: string;
  privateKeyPem: string;
  publicKey: KeyObject;
}

let keyPair: { privateKeyPem: string; publicKey: KeyObject } | undefined;

/** A throwaway RSA key (generated once per test file) in a service-account key file. */
export function writeServiceAccountKey(
  fields: { tokenUri?: string; projectId?: string | null; omit?: readonly string[] } = {},
): TestServiceAccount {
  if (keyPair === undefined) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keyPair = {
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey,
    };
  }
  const clientEmail = 'gateway@test-project.iam.gserviceaccount.com';
  const key: Record<string, unknown> = {
    type: 'service_account',
    project_id: fields.projectId === null ? undefined : (fields.projectId ?? 'test-project'),
    private_key_id: 'key-id-1',
    private_key: keyPair.privateKeyPem,
    client_email: clientEmail,
    client_id: '1234567890',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: fields.tokenUri ?? 'https://oauth2.googleapis.com/token',
  };
  for (const name of fields.omit ?? []) delete key[name];
  const dir = mkdtempSync(join(tmpdir(), 'vertex-sa-'));
  const path = join(dir, 'key.json');
  writeFileSync(path, JSON.stringify(key));
  return { path, clientEmail, privateKeyPem: keyPair.privateKeyPem, publicKey: keyPair.publicKey };
}

export interface VerifiedAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signatureValid: boolean;
}

/** Decodes a JWT assertion and checks its RS256 signature with the public key. */
export function verifyAssertion(assertion: string, publicKey: KeyObject): VerifiedAssertion {
  const [header, payload, signature] = assertion.split('.');
  if (header === undefined || payload === undefined || signature === undefined)
    throw new Error('not a JWT');
  const decode = (part: string) =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  const signatureValid = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  return { header: decode(header), claims: decode(payload), signatureValid };
}
