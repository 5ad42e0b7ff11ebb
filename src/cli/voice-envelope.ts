// DESIGN's envelope contract lists "voice" as a provider: the calls omnilink reads are Twilio voice
// webhooks (CallSid form fields), which the Twilio adapter normalizes into voice-channel messages.
// The library has no adapter registered under "voice", so the CLI hands such envelopes to Twilio's.

/**
 * The envelope to normalize: one whose `provider` is `"voice"` as the same envelope with provider
 * `"twilio"`; any other value as it is.
 */
export function routeVoiceEnvelope(envelope: unknown): unknown {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) return envelope;
  if (!Object.hasOwn(envelope, 'provider') || (envelope as { provider?: unknown }).provider !== 'voice') return envelope;
  return { ...(envelope as Record<string, unknown>), provider: 'twilio' };
}
