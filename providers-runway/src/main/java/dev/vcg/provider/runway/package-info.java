/**
 * The Runway provider: {@link dev.vcg.provider.runway.RunwayProviderFactory} (id {@code runway}, key
 * {@code RUNWAYML_API_SECRET}), {@link dev.vcg.provider.runway.RunwayVideoProvider} (image-to-video
 * with first and last frames, task polling, cancel) and
 * {@link dev.vcg.provider.runway.RunwayImageProvider} (text-to-image). Wire types live in the
 * unexported {@code dev.vcg.provider.runway.internal} package.
 */
package dev.vcg.provider.runway;
