/** `/v1/messages` and its sub-routes: answered in Anthropic's error envelope. */
export function isMessagesPath(path: string): boolean {
  return path === '/v1/messages' || path.startsWith('/v1/messages/');
}
