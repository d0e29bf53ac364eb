import { describeValue, isNonEmptyString, isRecord } from './value-guards.js';

/**
 * Problems with the models a provider lists (`listModels()` result, or the `data` of `/v1/models`):
 * unique ids as clients send them back, `object: "model"`, `created` in seconds, `owned_by`.
 */
export function checkModelList(models: unknown): string[] {
  const list = isRecord(models) && models.object === 'list' ? models.data : models;
  if (!Array.isArray(list))
    return [
      `a model list must be an array (or {object:"list", data}), got ${describeValue(models)}`,
    ];
  const problems: string[] = [];
  const ids = new Set<string>();
  list.forEach((model, position) => {
    const where = `models[${position}]`;
    if (!isRecord(model)) {
      problems.push(`${where} must be an object`);
      return;
    }
    if (!isNonEmptyString(model.id)) problems.push(`${where}.id must be a non-empty string`);
    else if (ids.has(model.id)) problems.push(`${where}.id "${model.id}" is listed twice`);
    else ids.add(model.id);
    if (typeof model.id === 'string' && model.id.startsWith('models/'))
      problems.push(
        `${where}.id "${model.id}" keeps the upstream's "models/" prefix; list ids as clients send them`,
      );
    if (model.object !== 'model')
      problems.push(`${where}.object must be "model", got ${describeValue(model.object)}`);
    if (
      typeof model.created !== 'number' ||
      !Number.isInteger(model.created) ||
      model.created < 0 ||
      model.created >= 100_000_000_000
    ) {
      problems.push(
        `${where}.created must be Unix seconds (0 when unknown), got ${describeValue(model.created)}`,
      );
    }
    if (!isNonEmptyString(model.owned_by))
      problems.push(`${where}.owned_by must be a non-empty string`);
  });
  return problems;
}
