import { describe, expect, it } from 'vitest';
import { resolveVertexBaseUrl } from './resolve-vertex-base-url.js';

describe('resolveVertexBaseUrl', () => {
  it.each([
    ['us-central1', 'https://us-central1-aiplatform.googleapis.com'],
    ['europe-west4', 'https://europe-west4-aiplatform.googleapis.com'],
    ['asia-northeast1', 'https://asia-northeast1-aiplatform.googleapis.com'],
    ['global', 'https://aiplatform.googleapis.com'],
    ['us', 'https://aiplatform.us.rep.googleapis.com'],
    ['eu', 'https://aiplatform.eu.rep.googleapis.com'],
  ])('%s → %s', (location, expected) => {
    expect(resolveVertexBaseUrl(location)).toBe(expected);
  });
});
