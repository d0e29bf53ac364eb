// The package's version (package.json's `version`; `version.test.ts` fails when they differ). Sent in the
// upstream `user-agent` and shown in the gateway's startup log.
export const VERSION = '0.3.0';
