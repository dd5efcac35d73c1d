package dev.vcg.media;

/**
 * Joins MP4 clips into one MP4, with cuts or transitions between them. The pure-Java
 * implementation is {@code dev.vcg.stitch.jcodec.JCodecStitcher} in {@code vcg-stitch-jcodec};
 * {@link MediaServices#stitcher()} finds it on the class path.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>every input is checked before any output is written; an unsupported or broken clip fails
 *       with a {@link StitchException} naming the clip and the reason;</li>
 *   <li>the output appears at {@link StitchRequest#output()} only when complete (written
 *       elsewhere, then moved); on failure nothing is left there;</li>
 *   <li>what is done differently from the request (a transition replaced by a cut, audio left out)
 *       is reported to {@link StitchRequest#listener()} and in {@link StitchResult#warnings()};</li>
 *   <li>implementations are thread-safe; one instance may run several stitches at once.</li>
 * </ul>
 *
 * <pre>{@code
 * VideoStitcher stitcher = MediaServices.stitcher();
 * StitchResult result = stitcher.stitch(StitchRequest.builder()
 *     .clips(List.of(clip1, clip2))
 *     .output(Path.of("out.mp4"))
 *     .build());
 * }</pre>
 */
public interface VideoStitcher {
  /**
   * Stitches the clips. Blocks until the output is written; interruptible between frames.
   *
   * @param request clips, output and transitions
   * @return what was written
   * @throws StitchException if a clip is missing, broken or unsupported (its
   *     {@link MediaException#reason()} is an input problem), or the output cannot be written
   *     or the thread is interrupted ({@link MediaException.Reason#CANCELLED}; nothing is written)
   */
  StitchResult stitch(StitchRequest request);
}
