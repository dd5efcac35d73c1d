/**
 * Implementation of the Runway provider: task API, uploads, wire types, model catalogue and error
 * mapping. Not API: may change in any release.
 */
package dev.vcg.provider.runway.internal;
