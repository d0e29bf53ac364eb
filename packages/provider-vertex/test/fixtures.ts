// Paths of the recorded upstream fixtures copied (unchanged) from shared/fixtures/upstream/vertex.
export function fixture(name: string): URL {
  return new URL(`../src/__fixtures__/${name}`, import.meta.url);
}
