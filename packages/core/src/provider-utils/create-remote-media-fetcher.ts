import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { InvalidRequestError } from '../errors/invalid-request-error.js';
import { createHttpClient } from './create-http-client.js';
import { guessMimeType } from './guess-mime-type.js';
import { isPrivateAddress } from './is-private-address.js';
import { readBodyBounded } from './read-body-bounded.js';

/** Downloads a remote image (or other media) for inlining: base64 data and its MIME type. */
export type FetchMedia = (
  url: string,
  signal?: AbortSignal,
) => Promise<{ mimeType: string; data: string }>;

export interface RemoteMediaFetcherOptions {
  /** Largest download accepted, bytes. Default 20 MiB (Gemini's inline request limit). */
  maxBytes?: number;
  /** Whole download time limit, ms. Default 10 s. */
  timeoutMs?: number;
  /** Allow loopback/private/link-local targets (tests, trusted intranets). Default false. */
  allowPrivateNetwork?: boolean;
  /** Redirects followed (each target checked again). Default 3. */
  maxRedirects?: number;
}

const MEDIA_TYPE = /^(image|audio|video)\/|^application\/pdf$|^text\/plain$/;

/**
 * The fetcher for http(s) media URLs in chat messages (providers whose upstream cannot fetch them): downloads with a size and time limit and
 * inlines the bytes. Private and loopback addresses are refused unless allowed, checked on the
 * resolved addresses (DNS lookup hook) and on literal IPs, for every redirect hop. Failures answer
 * 400, as OpenAI does for an image it cannot download.
 */
export function createRemoteMediaFetcher(options: RemoteMediaFetcherOptions = {}): FetchMedia {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const allowPrivate = options.allowPrivateNetwork ?? false;
  const maxRedirects = options.maxRedirects ?? 3;
  const client = createHttpClient();

  const guardedLookup = (
    hostname: string,
    lookupOptions: object,
    callback: (...args: unknown[]) => void,
  ) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      const allowed = allowPrivate
        ? addresses
        : addresses.filter((entry) => !isPrivateAddress(entry.address));
      if (allowed.length === 0)
        return callback(
          Object.assign(new Error('private address refused'), { code: 'EPRIVATEADDRESS' }),
        );
      if ((lookupOptions as { all?: boolean }).all) return callback(null, allowed);
      const first = allowed[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };

  return async (url, signal) => {
    let current = url;
    for (let hop = 0; hop <= maxRedirects; hop++) {
      const parsed = safeUrl(current);
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
        throw refused(url, 'it is not an http(s) URL');
      const host = parsed.hostname.replace(/^\[|\]$/g, '');
      if (!allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host))))
        throw refused(url, 'it points at a private or loopback address');

      let stream: Readable & { once: Readable['once'] };
      let response: { statusCode: number; headers: Record<string, string | string[] | undefined> };
      try {
        stream = client.stream(current, {
          method: 'GET',
          timeout: { request: timeoutMs },
          dnsLookup: guardedLookup as never,
          signal,
          headers: { accept: 'image/*,audio/*,video/*,application/pdf;q=0.9,*/*;q=0.1' },
        });
        response = await new Promise((resolve, reject) => {
          stream.once('error', reject);
          stream.once('response', resolve);
        });
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'EPRIVATEADDRESS')
          throw refused(url, 'it points at a private or loopback address');
        if (code === 'ETIMEDOUT' || (error as { name?: string }).name === 'TimeoutError')
          throw refused(url, `the download took longer than ${timeoutMs} ms`);
        throw refused(url, 'the server could not be reached');
      }
      const status = response.statusCode;
      if (status >= 300 && status < 400 && typeof response.headers.location === 'string') {
        stream.destroy();
        current = new URL(response.headers.location, current).toString();
        continue;
      }
      if (status !== 200) {
        stream.destroy();
        throw refused(url, `the server answered HTTP ${status}`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        stream.destroy();
        throw refused(url, `it is larger than ${maxBytes} bytes`);
      }
      const contentType =
        String(response.headers['content-type'] ?? '')
          .split(';', 1)[0]
          ?.trim()
          .toLowerCase() ?? '';
      const mimeType = MEDIA_TYPE.test(contentType) ? contentType : guessMimeType(parsed.pathname);
      if (!mimeType) {
        stream.destroy();
        throw refused(
          url,
          `its content type "${contentType || 'unknown'}" is not an image, audio, video or PDF`,
        );
      }
      let bytes: Buffer;
      try {
        // One byte more than allowed tells "too large" from "exactly the limit".
        bytes = await readBodyBounded(stream, maxBytes + 1);
      } catch {
        throw refused(url, 'the download failed');
      }
      if (bytes.length > maxBytes) throw refused(url, `it is larger than ${maxBytes} bytes`);
      return { mimeType, data: bytes.toString('base64') };
    }
    throw refused(url, `it redirects more than ${maxRedirects} times`);
  };
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function refused(url: string, why: string): InvalidRequestError {
  // Only scheme + host + path: a signed URL's query string can be a credential.
  const shown = safeUrl(url);
  const label = shown ? `${shown.protocol}//${shown.host}${shown.pathname}` : 'the URL';
  return new InvalidRequestError(`Could not use the image URL ${label}: ${why}.`, {
    param: 'messages',
    code: 'invalid_image_url',
  });
}
