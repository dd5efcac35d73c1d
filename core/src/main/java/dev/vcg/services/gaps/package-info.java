/**
 * Gap detection: what a plan lacks (a logo, product shots, backgrounds, a call-to-action visual)
 * given the brand and the user's files. See {@link dev.vcg.services.gaps.GapDetector}.
 */
package dev.vcg.services.gaps;
