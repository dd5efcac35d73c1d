/**
 * Analysis of image assets: safe inspection, dominant colours, transparency, brightness and an
 * optional vision-model description. See {@link dev.vcg.services.assets.AssetAnalyzer}.
 */
package dev.vcg.services.assets;
