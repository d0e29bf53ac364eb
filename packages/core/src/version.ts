// Kept in sync with package.json by the release script; read by the gateway's startup log.
export const VERSION = '0.1.0';
