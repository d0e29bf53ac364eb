/** OpenAI's `/v1/images/*` answer, as far as Google's models fill it. */
export interface OpenAIImageResponse {
  created: number;
  data: Array<{ b64_json: string; revised_prompt?: string }>;
  output_format?: string;
  usage?: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    input_tokens_details: { text_tokens: number; image_tokens: number };
  };
}
