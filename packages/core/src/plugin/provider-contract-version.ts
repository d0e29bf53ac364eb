/** The contract version this core speaks. Plugins declare the version they were written against. */
export const PROVIDER_CONTRACT_VERSION = 1 as const;
