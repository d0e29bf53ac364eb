/** The Claude Code release the end-to-end test drives (every platform package is pinned to it). */
export declare const CLAUDE_CODE_VERSION: string;
/** The platform package Claude Code ships for this machine: `@anthropic-ai/claude-code-linux-x64`, `…-linux-x64-musl`, `…-darwin-arm64`. */
export declare function claudeCodePlatformPackage(
  platform?: string,
  arch?: string,
  musl?: boolean,
): string;
/** The path of this machine's `claude` binary; throws, naming the package, when none is installed. */
export declare function claudeCodeBinary(): string;
