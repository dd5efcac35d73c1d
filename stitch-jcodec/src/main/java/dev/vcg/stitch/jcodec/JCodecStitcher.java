package dev.vcg.stitch.jcodec;

import dev.vcg.media.StitchException;
import dev.vcg.media.StitchRequest;
import dev.vcg.media.StitchResult;
import dev.vcg.media.VideoStitcher;
import dev.vcg.stitch.jcodec.internal.stitch.EncoderSettings;
import dev.vcg.stitch.jcodec.internal.stitch.StitchJob;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The pure-Java {@link VideoStitcher}.
 *
 * <p>Every clip is probed first (container and codec headers); an unsupported or broken clip
 * fails with a {@link StitchException} naming it before anything is written.
 *
 * <p><b>Lossless path.</b> Cuts between clips of the output's size and frame rate copy the
 * compressed frames: timestamps rescaled to one timescale, reorder delays aligned, one sample
 * entry, and each later clip's parameter sets re-sent in band. Decoded frames are identical to
 * the inputs'.
 *
 * <p><b>Re-encoding, only where needed.</b> Clips of another size are scaled and letterboxed to
 * the first clip's (or the requested) size, and clips of another frame rate converted by
 * presentation time; transitions ({@code crossfade}, {@code fade_black}, {@code fade_white},
 * {@code wipe_left}, {@code wipe_right}) re-encode only the frames they change, widened to the
 * nearest points where the stream can be cut: a fade-out re-encodes only the tail of the clip
 * before it, while a fade-in or crossfade into a clip re-encodes it up to its next key frame
 * (all of it for typical single-key-frame provider clips). Re-encoded pieces are coded by
 * JCodec (H.264 Baseline, constant quantiser, limited-range colour), rendered in parallel, and
 * joined losslessly with the copied ones. A transition that would need to decode a clip using
 * features the decoder cannot reproduce exactly becomes a cut, with a warning.
 *
 * <p><b>Audio.</b> AAC audio is copied when all clips agree, placed to within half an audio
 * frame of its video at every boundary, with silence for clips that have none.
 *
 * <p>The output is written next to its destination with the index first (faststart) and moved
 * into place when complete. Memory stays flat whatever the length: frames stream through.
 *
 * <p>Thread-safe: one instance may run several stitches at once.
 *
 * <pre>{@code
 * VideoStitcher stitcher = JCodecStitcher.builder().quantizer(22).build();
 * StitchResult r = stitcher.stitch(StitchRequest.builder()
 *     .clips(List.of(shot1, shot2))
 *     .output(Path.of("out.mp4"))
 *     .transition(TransitionType.CROSSFADE, Duration.ofMillis(500))
 *     .build());
 * }</pre>
 */
public final class JCodecStitcher implements VideoStitcher {
  private final Executor executor;
  private final EncoderSettings encoder;

  /** A stitcher with default settings (for {@link java.util.ServiceLoader}). */
  public JCodecStitcher() {
    this(builder());
  }

  private JCodecStitcher(Builder b) {
    this.executor = b.executor;
    this.encoder = new EncoderSettings(b.qp, EncoderSettings.DEFAULT.keyIntervalSeconds());
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public StitchResult stitch(StitchRequest request) {
    Objects.requireNonNull(request, "request");
    return new StitchJob(request, executor, encoder).run();
  }

  /** Builds a {@link JCodecStitcher}. Not thread-safe. */
  public static final class Builder {
    private Executor executor;
    private int qp = EncoderSettings.DEFAULT.qp();

    private Builder() {
    }

    /**
     * @param executor where independent re-encoded pieces run in parallel; by default each stitch
     *     uses a private pool of one thread per core, shut down when it ends
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * @param qp the constant quantiser for re-encoded frames, 10 (large, best) to 28 (smallest);
     *     default 24. Higher values are refused: the encoder codes chroma wrongly from 30 up
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder quantizer(int qp) {
      if (qp < 10 || qp > 28) {
        throw new IllegalArgumentException("quantizer must be within 10..28: " + qp);
      }
      this.qp = qp;
      return this;
    }

    /** @return the stitcher */
    public JCodecStitcher build() {
      return new JCodecStitcher(this);
    }
  }
}
