/**
 * Asset generation: images that fill a plan's gaps, made by the image provider within the run's
 * budget, kept in the asset store and cached. See {@link dev.vcg.services.generate.AssetGenerator}.
 */
package dev.vcg.services.generate;
