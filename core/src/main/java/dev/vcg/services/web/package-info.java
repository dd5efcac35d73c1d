/**
 * Fetching and scraping untrusted web pages safely.
 *
 * <p>{@link dev.vcg.services.web.GuardedFetcher} fetches user-supplied and provider-supplied URLs
 * under a {@link dev.vcg.services.web.FetchPolicy}: only public addresses (checked after DNS, on
 * every redirect hop, and pinned for the connection), capped sizes and a deadline that covers the
 * body. {@link dev.vcg.services.web.WebScraper} uses it to read a website's brand: title, text,
 * calls to action, colours, fonts, logos and images.
 */
package dev.vcg.services.web;
