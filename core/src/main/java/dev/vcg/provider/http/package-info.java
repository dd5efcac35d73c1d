/**
 * The one HTTP layer every HTTP provider module uses: {@link dev.vcg.provider.http.ProviderHttpClient}
 * (JSON, multipart and downloads with retries, timeouts, bulkhead, circuit breaker, typed errors
 * and secret-safe logging), {@link dev.vcg.provider.http.CallOptions} per call,
 * {@link dev.vcg.provider.http.Auth} for the key header, and the
 * {@link dev.vcg.provider.http.ProviderErrorHandler} hook through which a provider teaches the
 * layer its error bodies.
 *
 * <pre>{@code
 * ProviderHttpClient http = ProviderHttpClient.builder("fal")
 *     .config(config)
 *     .defaultBaseUrl(URI.create("https://queue.fal.run"))
 *     .apiKeyVariable("FAL_KEY")
 *     .auth(Auth.header("Authorization", "Key "))
 *     .requestIdHeader("x-fal-request-id")
 *     .errorHandler(new FalErrors())
 *     .build();
 * Submitted s = http.postJson("/" + model, input, Submitted.class, CallOptions.paidSubmission());
 * }</pre>
 */
package dev.vcg.provider.http;
