/**
 * OpenAI: chat with vision and structured output, and images (generations and edits).
 * {@link dev.vcg.provider.openai.OpenAiProviderFactory} is found by {@link java.util.ServiceLoader};
 * {@link dev.vcg.provider.openai.OpenAiLlmProvider} and {@link dev.vcg.provider.openai.OpenAiImageProvider}
 * can also be built directly. The {@code internal} package is not API.
 */
package dev.vcg.provider.openai;
