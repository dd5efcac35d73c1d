/**
 * A content-addressed cache of provider results: a result is found again by a hash of the
 * provider, the model and the normalised request, so the same request is paid for once. See
 * {@link dev.vcg.services.cache.ProviderCache}.
 *
 * <p>What is cached is decided by the services that call providers: only results a provider
 * actually produced; failures, fallbacks made by rules and placeholders never are. A hit costs
 * nothing and says so (the services record a zero cost entry labelled {@code (cache hit)}).
 */
package dev.vcg.services.cache;
