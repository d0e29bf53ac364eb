import type { GeminiEngine } from './create-gemini-engine.js';
import type { GeminiEngineSettings } from './gemini-engine-settings.js';

/** What the image, speech and transcription operations use of one provider's Gemini engine. */
export interface GeminiMediaContext {
  settings: GeminiEngineSettings;
  engine: Pick<GeminiEngine, 'modelUrl' | 'upstreamModel'>;
  /** Seconds since the epoch, for `created` (a seam for tests). */
  now?: () => number;
}
