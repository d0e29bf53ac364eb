import cluster from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

// The gateway's own IPC messages; prom-client's (`prom-client:getMetrics*`) gather the workers' registries.
const ASK = 'multi-ai-proxy:cluster-metrics?';
const ANSWER = 'multi-ai-proxy:cluster-metrics';
// prom-client's primary gives up on a silent worker after 5 s; a scrape waits that plus a margin.
const ANSWER_TIMEOUT_MS = 6_000;

interface Ask {
  type: typeof ASK;
  id: number;
}
interface Answer {
  type: typeof ANSWER;
  id: number;
  text?: string;
  error?: string;
}

/**
 * Primary of a worker group (MULTI_AI_PROXY_WORKERS > 1): answers a worker that was scraped with the
 * metrics of every worker, aggregated by prom-client's AggregatorRegistry (counters and histograms
 * summed, gauges by their aggregator). Whichever worker the scrape's connection reached, the answer
 * covers the whole process group.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: Ask) => {
    if (message?.type !== ASK) return;
    const reply = (answer: Omit<Answer, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: ANSWER, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/**
 * A worker's side: hands its registry to prom-client's collection (it answers the primary's
 * `getMetricsReq`) and fetches the group's aggregate for a scrape.
 */
export class ClusterMetricsClient {
  private next = 0;
  private readonly pending = new Map<number, (answer: Answer) => void>();

  constructor(registry: Registry) {
    AggregatorRegistry.setRegistries([registry]);
    // Constructing one registers prom-client's worker listener (its constructor does that).
    new AggregatorRegistry();
    process.on('message', (message: Answer) => {
      if (message?.type !== ANSWER) return;
      this.pending.get(message.id)?.(message);
    });
  }

  text(): Promise<string> {
    const id = this.next++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the primary did not answer with the cluster metrics'));
      }, ANSWER_TIMEOUT_MS);
      this.pending.set(id, (answer) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (answer.text !== undefined) resolve(answer.text);
        else reject(new Error(answer.error ?? 'cluster metrics failed'));
      });
      process.send?.({ type: ASK, id } satisfies Ask);
    });
  }
}
