/**
 * The fal.ai provider: {@link dev.vcg.provider.fal.FalProviderFactory} (id {@code fal}, key
 * {@code FAL_KEY}), {@link dev.vcg.provider.fal.FalImageProvider} (FLUX, SDXL, any fal image model)
 * and {@link dev.vcg.provider.fal.FalVideoProvider} (Kling image-to-video with start and end frame,
 * any fal video model), all through fal's queue. Wire types live in the unexported
 * {@code dev.vcg.provider.fal.internal} package.
 */
package dev.vcg.provider.fal;
