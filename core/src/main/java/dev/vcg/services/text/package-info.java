/**
 * Text analysis: the intent, tone, keywords, audience and goal of a request, by a language model
 * with rules as the fallback. See {@link dev.vcg.services.text.TextAnalyzer}.
 */
package dev.vcg.services.text;
