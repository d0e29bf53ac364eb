import type { Got } from 'got';
import type { VertexEndpoint } from './build-vertex-model-url.js';
import type { VertexAuth } from './vertex-auth.js';

/** What every Vertex call needs, created once per provider instance. */
export interface VertexUpstream {
  /** Instance name, used in error messages. */
  provider: string;
  client: Got;
  endpoint: VertexEndpoint;
  auth: VertexAuth;
  timeoutMs: number;
}
