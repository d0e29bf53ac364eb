import { randomBytes } from 'node:crypto';

/** Ids in OpenAI's style (`resp_…`, `msg_…`, `fc_…`, `rs_…`): a prefix and 24 random hex bytes. */
export function createResponseId(prefix: 'resp' | 'msg' | 'fc' | 'ctc' | 'rs'): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}
