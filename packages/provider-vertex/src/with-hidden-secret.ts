/**
 * Attaches a secret as a non-enumerable property: readable by the code that needs it, skipped by
 * JSON.stringify, util.inspect and loggers that serialise the options object (a parsed options
 * object is the kind of thing a host logs at debug level).
 */
export function withHiddenSecret<T extends object, K extends string>(
  target: T,
  name: K,
  value: string,
): T & Record<K, string> {
  Object.defineProperty(target, name, {
    value,
    enumerable: false,
    writable: false,
    configurable: false,
  });
  return target as T & Record<K, string>;
}
