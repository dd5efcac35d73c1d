/**
 * Implementation of the fal provider: queue protocol, wire types, model profiles and error
 * mapping. Not API: may change in any release.
 */
package dev.vcg.provider.fal.internal;
