/** OpenAI's error body: `{"error":{"message","type","param","code"}}`. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    type: string;
    param: string | null;
    code: string | null;
    /** An upstream's own further fields (Azure's `innererror`), passed on as it sent them. */
    [field: string]: unknown;
  };
}
