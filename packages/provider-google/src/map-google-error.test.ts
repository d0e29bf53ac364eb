import { describe, expect, it } from 'vitest';
import { readFixtureText, readRecording } from '../test/support/read-fixture.js';
import { mapGoogleError } from './map-google-error.js';

describe('mapGoogleError', () => {
  it('turns the recorded invalid-key 400 into a 401 without copying the DebugInfo (which echoes the key)', () => {
    const error = mapGoogleError(
      400,
      Buffer.from(readFixtureText('error.400-api-key-invalid.json')),
      'google',
    );
    expect(error).toMatchObject({
      status: 401,
      type: 'authentication_error',
      code: 'invalid_api_key',
      message: 'API key not valid. Please pass a valid API key.',
    });
    expect(error.message).not.toContain('key1234');
  });

  it('keeps the recorded 403 PERMISSION_DENIED and its message', () => {
    const error = mapGoogleError(403, readFixtureText('error.403-api-not-enabled.json'), 'google');
    expect(error.status).toBe(403);
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toMatch(/^Generative Language API has not been used in project 12345678/);
  });

  it('maps the recorded unknown model 404 to model_not_found', () => {
    const error = mapGoogleError(404, readFixtureText('error.404-model-not-found.json'), 'google');
    expect(error).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect(error.message).toMatch(/^models\/gemini-5\.0-flash is not found/);
  });

  it('turns RetryInfo of the recorded 429 into retry-after headers', () => {
    const error = mapGoogleError(
      429,
      readFixtureText('error.429-resource-exhausted-retryinfo.json'),
      'google',
      { 'x-ratelimit-remaining-requests': '0', server: 'x' },
    );
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: 'You exceeded your current quota, please check your plan.',
    });
    expect(error.headers).toEqual({
      'retry-after': '35',
      'retry-after-ms': '34400',
      'x-ratelimit-remaining-requests': '0',
    });
  });

  it('turns the recorded RESOURCE_EXHAUSTED body arriving inside a stream (HTTP 200) into a 429 with retry-after', () => {
    const error = mapGoogleError(
      200,
      readFixtureText('error.429-resource-exhausted-retryinfo.json'),
      'google',
    );
    expect(error).toMatchObject({
      status: 429,
      type: 'rate_limit_error',
      code: 'rate_limit_exceeded',
      message: 'You exceeded your current quota, please check your plan.',
    });
    expect(error.headers).toEqual({ 'retry-after': '35', 'retry-after-ms': '34400' });
  });

  it('maps the recorded 404 of a stream endpoint (error body on text/event-stream)', () => {
    const recording = readRecording('streamGenerateContent.error-404.recording.json');
    const error = mapGoogleError(recording.status, recording.response[0], 'google');
    expect(error.status).toBe(404);
    expect(error.message).toMatch(
      /^models\/custom-gemini-2\.0-flash is not found for API version v1beta/,
    );
  });

  it('derives the status from google.rpc when the HTTP status is 200 (mid-stream) and survives non-JSON bodies', () => {
    expect(
      mapGoogleError(
        200,
        { error: { code: 503, status: 'UNAVAILABLE', message: 'overloaded' } },
        'google',
      ),
    ).toMatchObject({ status: 503, message: 'overloaded' });
    const html = mapGoogleError(502, '<html>Bad Gateway</html>', 'google');
    expect(html).toMatchObject({ status: 502, type: 'api_error' });
    expect(html.message).toBe('The Google API answered HTTP 502: <html>Bad Gateway</html>.');
  });
});
