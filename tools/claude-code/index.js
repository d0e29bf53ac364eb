import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Claude Code release the end-to-end test drives (every platform package is pinned to it). */
export const CLAUDE_CODE_VERSION = '2.1.328';

/** The platform package Claude Code ships for this machine: `@anthropic-ai/claude-code-linux-x64`, `…-linux-x64-musl`, `…-darwin-arm64`. */
export function claudeCodePlatformPackage(
  platform = process.platform,
  arch = process.arch,
  musl = platform === 'linux' && isMusl(),
) {
  return `@anthropic-ai/claude-code-${platform}-${arch}${musl ? '-musl' : ''}`;
}

/**
 * The path of this machine's `claude` binary. Throws, naming the package, when pnpm installed none
 * (a platform Claude Code has no binary for): the e2e then fails rather than being skipped.
 */
export function claudeCodeBinary() {
  const name = claudeCodePlatformPackage();
  let manifestPath;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    throw new Error(
      `${name}@${CLAUDE_CODE_VERSION} is not installed: run pnpm install (Claude Code ships binaries for darwin, linux and win32 on x64 and arm64).`,
    );
  }
  // The package's only file besides README.md and LICENSE.md is the binary (`claude`, `claude.exe`).
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const binary = (manifest.files ?? []).find((file) => /^claude(\.exe)?$/.test(file)) ?? 'claude';
  return join(dirname(manifestPath), binary);
}

// Node's diagnostic report names the glibc it runs on; musl systems (Alpine) have none.
function isMusl() {
  const header = process.report?.getReport()?.header;
  return header !== undefined && header.glibcVersionRuntime === undefined;
}
