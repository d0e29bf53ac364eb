/**
 * The folder of the gateway's top-level modules, as a file URL ending in `/`: dist/ for the shipped
 * bundle, build/ for tsc's per-file output, src/ under vitest. Files found by path (the gateway's
 * package.json one level up, the loader hook in plugins/) are resolved from here, not from the
 * importing module's own URL: that one changes when the bundler inlines a module into dist/main.js
 * (or a chunk beside it). This file must stay at the root of src/ for the same reason.
 */
export const MODULE_ROOT_URL = new URL('./', import.meta.url);
