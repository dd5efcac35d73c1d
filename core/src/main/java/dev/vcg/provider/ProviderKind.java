package dev.vcg.provider;

/** What a provider does. A provider may do several of these. */
public enum ProviderKind {
  /** Chat with a language model ({@link LlmProvider}). */
  LLM,
  /** Image generation and editing ({@link ImageProvider}). */
  IMAGE,
  /** Image-to-video generation ({@link VideoProvider}). */
  VIDEO
}
