/** One entry of `GET /v1/models`. Extra provider fields are allowed (Azure's `capabilities`, say). */
export interface OpenAIModel {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  [extra: string]: unknown;
}

export interface OpenAIModelList {
  object: 'list';
  data: OpenAIModel[];
}
