/**
 * How Responses tool names map to the chat tool names the provider saw: freeform (`custom`) tools keep
 * their name but take one `input` string; namespaced tools are flattened to `<namespace>__<name>`.
 */
export interface ResponsesToolNames {
  custom: Set<string>;
  /** chat name → the namespace and name the client declared. */
  namespaced: Map<string, { namespace: string; name: string }>;
}

/** The chat tool name for a Responses call's `name` (and `namespace`). */
export function toolNameOf(name: string, namespace: string | undefined): string {
  return namespace === undefined ? name : `${namespace}__${name}`;
}
