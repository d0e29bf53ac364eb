import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Google service-account key file with a freshly generated RSA key whose token_uri points at a
 * local mock token endpoint, so the real JWT-bearer flow of google-auth-library runs end to end.
 */
export function createServiceAccountKey(
  tokenUri: string,
  projectId = 'e2e-project',
): { path: string; clientEmail: string; remove(): void } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const dir = mkdtempSync(join(tmpdir(), 'map-sa-'));
  const clientEmail = `gateway-e2e@${projectId}.iam.gserviceaccount.com`;
  const key = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: 'e2e-key-1',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: clientEmail,
    client_id: '100000000000000000001',
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: tokenUri,
  };
  const path = join(dir, 'service-account.json');
  writeFileSync(path, JSON.stringify(key), { mode: 0o600 });
  return { path, clientEmail, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
