/** What `ProviderV1.countTokens` answers: the upstream's own count of a request's input tokens. */
export interface TokenCountV1 {
  /** Input tokens of the request as the upstream would bill them (prompt, system text, tool declarations). */
  inputTokens: number;
}
