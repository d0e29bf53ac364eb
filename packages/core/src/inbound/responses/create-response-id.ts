import { randomBytes } from 'node:crypto';

/** Ids in OpenAI's style (`resp_…`, `msg_…`, `fc_…`, `rs_…`, `fco_…` for tool outputs): a prefix and 24 random hex bytes. */
export function createResponseId(
  prefix: 'resp' | 'msg' | 'fc' | 'ctc' | 'rs' | 'fco' | 'ctco',
): string {
  return `${prefix}_${randomBytes(24).toString('hex')}`;
}
