import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway service-account key file whose token_uri is a local mock (for the Vertex tests). */
export function writeServiceAccountKey(tokenUri: string, projectId = 'test-project'): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(mkdtempSync(join(tmpdir(), 'anthropic-vertex-')), 'key.json');
  const key = {
    type: 'service_account',
    project_id: projectId,
    private_key_id: 'test-key-id',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: 'claude@test-project.iam.gserviceaccount.com',
    token_uri: tokenUri,
  };
  writeFileSync(path, JSON.stringify(key));
  return path;
}
