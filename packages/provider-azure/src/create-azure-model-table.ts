import { DEFAULT_AZURE_MODEL_MAPPING } from './default-azure-model-mapping.js';

/** The built-in default table with the operator's mapper entries laid on top (they win). */
export function createAzureModelTable(
  mapper: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  const table = new Map(Object.entries(DEFAULT_AZURE_MODEL_MAPPING));
  for (const [model, deployment] of mapper) table.set(model, deployment);
  return table;
}
