/**
 * Brand synthesis: a website's and a logo's signals merged into one {@link
 * dev.vcg.services.brand.BrandProfile} (a palette with roles, fonts, tone, call to action,
 * confidence). See {@link dev.vcg.services.brand.BrandSynthesizer}.
 */
package dev.vcg.services.brand;
