/**
 * OpenRouter: language models of many vendors behind one key, the default director.
 * {@link dev.vcg.provider.openrouter.OpenRouterProviderFactory} is found by
 * {@link java.util.ServiceLoader}; {@link dev.vcg.provider.openrouter.OpenRouterLlmProvider} can
 * also be built directly. The {@code internal} package is not API.
 */
package dev.vcg.provider.openrouter;
