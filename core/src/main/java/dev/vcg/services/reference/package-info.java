/**
 * Reference analysis: the structure of a video to imitate (shot lengths, colours, pacing), from a
 * video file through the media {@link dev.vcg.media.VideoAnalyzer} or from an earlier plan used
 * directly as template. See {@link dev.vcg.services.reference.ReferenceAnalyzer}.
 */
package dev.vcg.services.reference;
