import type { ResponseStore, StoredResponse } from './response-store.js';

export interface MemoryResponseStoreOptions {
  ttlMs: number;
  maxEntries: number;
  maxBytes: number;
  maxResponseBytes: number;
  now?: () => number;
}

interface Entry {
  json: string;
  bytes: number;
  expiresAt: number;
}

/**
 * The response store of one process: records kept as JSON strings (so a caller's later mutation
 * cannot reach them, and their size is known), least recently used dropped first once
 * `maxEntries` or `maxBytes` is passed; an expired record is never returned.
 */
export class MemoryResponseStore implements ResponseStore {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly now: () => number;

  constructor(private readonly options: MemoryResponseStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Records and bytes held now (tests, and the bound it proves). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  async save(owner: string, record: StoredResponse): Promise<boolean> {
    return this.saveNow(owner, record);
  }

  async get(owner: string, responseId: string): Promise<StoredResponse | undefined> {
    return this.getNow(owner, responseId);
  }

  async delete(owner: string, responseId: string): Promise<boolean> {
    return this.deleteNow(owner, responseId);
  }

  /** The synchronous operations, for the Redis store's fallback while Redis is unreachable. */
  saveNow(owner: string, record: StoredResponse): boolean {
    const json = JSON.stringify(record);
    const bytes = Buffer.byteLength(json);
    if (bytes > this.options.maxResponseBytes || bytes > this.options.maxBytes) return false;
    const key = keyOf(owner, record.response.id);
    this.remove(key);
    this.entries.set(key, { json, bytes, expiresAt: this.now() + this.options.ttlMs });
    this.bytes += bytes;
    this.evict();
    return true;
  }

  getNow(owner: string, responseId: string): StoredResponse | undefined {
    const key = keyOf(owner, responseId);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    // Most recently used last: eviction takes from the front.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return JSON.parse(entry.json) as StoredResponse;
  }

  deleteNow(owner: string, responseId: string): boolean {
    const key = keyOf(owner, responseId);
    const entry = this.entries.get(key);
    const live = entry !== undefined && entry.expiresAt > this.now();
    this.remove(key);
    return live;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      const over =
        this.entries.size > this.options.maxEntries || this.bytes > this.options.maxBytes;
      if (!over && entry.expiresAt > now) break;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

function keyOf(owner: string, responseId: string): string {
  return `${owner}\u0000${responseId}`;
}
