/** OpenAI wire types and mapping. Not API: may change in any release. */
package dev.vcg.provider.openai.internal;
