package dev.vcg.media;

import dev.vcg.direction.TransitionType;
import dev.vcg.provider.ImageSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What to stitch: the clips in order, the output file, the transitions between clips and an
 * optional output size and frame rate. Immutable and thread-safe.
 *
 * <p>With only cuts and clips of one size and frame rate, a stitch copies the clips' compressed
 * frames without re-encoding (lossless and fast). Transitions, and clips of another size or
 * frame rate, make the stitcher re-encode only the frames that need it.
 *
 * <pre>{@code
 * StitchRequest request = StitchRequest.builder()
 *     .clips(List.of(Path.of("shot1.mp4"), Path.of("shot2.mp4"), Path.of("shot3.mp4")))
 *     .output(Path.of("video.mp4"))
 *     .transition(TransitionType.CROSSFADE, Duration.ofMillis(500))
 *     .transition(1, Transition.CUT)           // but a hard cut between shot 2 and shot 3
 *     .build();
 * }</pre>
 */
public final class StitchRequest {
  /** The transition length used when none is given. */
  public static final Duration DEFAULT_TRANSITION_DURATION = Duration.ofMillis(500);

  private final List<Path> clips;
  private final Path output;
  private final List<Transition> transitions;
  private final ImageSize outputSize;
  private final Double frameRate;
  private final boolean includeAudio;
  private final StitchListener listener;

  private StitchRequest(Builder b) {
    this.clips = List.copyOf(b.clips);
    this.output = b.output;
    List<Transition> list = new ArrayList<>();
    for (int i = 0; i + 1 < clips.size(); i++) {
      list.add(b.perBoundary.getOrDefault(i, b.defaultTransition));
    }
    this.transitions = Collections.unmodifiableList(list);
    this.outputSize = b.outputSize;
    this.frameRate = b.frameRate;
    this.includeAudio = b.includeAudio;
    this.listener = b.listener;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the input clips, in order (at least one) */
  public List<Path> clips() {
    return clips;
  }

  /** @return the file to write; replaced atomically when the stitch succeeds */
  public Path output() {
    return output;
  }

  /**
   * The transition at each boundary: element {@code i} is between clip {@code i} and clip
   * {@code i + 1}.
   *
   * @return one transition per boundary ({@code clips().size() - 1} of them)
   */
  public List<Transition> transitions() {
    return transitions;
  }

  /**
   * @return the output frame size, if requested; otherwise the first clip's size, and clips of
   *     another size are scaled and letterboxed to it
   */
  public Optional<ImageSize> outputSize() {
    return Optional.ofNullable(outputSize);
  }

  /**
   * @return the output frame rate, if requested; otherwise the first clip's. Clips at another
   *     rate are converted (re-encoded, frames picked by presentation time)
   */
  public OptionalDouble frameRate() {
    return frameRate == null ? OptionalDouble.empty() : OptionalDouble.of(frameRate);
  }

  /** @return whether the clips' audio is carried into the output (default true) */
  public boolean includeAudio() {
    return includeAudio;
  }

  /** @return who hears about warnings and progress ({@link StitchListener#NONE} by default) */
  public StitchListener listener() {
    return listener;
  }

  /** @return a builder holding this request's values */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.clips.addAll(clips);
    b.output = output;
    for (int i = 0; i < transitions.size(); i++) {
      b.perBoundary.put(i, transitions.get(i));
    }
    b.outputSize = outputSize;
    b.frameRate = frameRate;
    b.includeAudio = includeAudio;
    b.listener = listener;
    return b;
  }

  @Override
  public String toString() {
    return "StitchRequest[clips=" + clips.size() + ", output=" + output + ", transitions=" + transitions
        + (outputSize == null ? "" : ", size=" + outputSize) + (frameRate == null ? "" : ", fps=" + frameRate) + "]";
  }

  /** Builds a {@link StitchRequest}. Not thread-safe. */
  public static final class Builder {
    private final List<Path> clips = new ArrayList<>();
    private Path output;
    private Transition defaultTransition = Transition.CUT;
    private final Map<Integer, Transition> perBoundary = new TreeMap<>();
    private ImageSize outputSize;
    private Double frameRate;
    private boolean includeAudio = true;
    private StitchListener listener = StitchListener.NONE;

    private Builder() {
    }

    /**
     * Replaces the clips.
     *
     * @param clips the input MP4 files, in order
     * @return this builder
     */
    public Builder clips(List<Path> clips) {
      Objects.requireNonNull(clips, "clips");
      List<Path> copy = new ArrayList<>(clips.size());
      for (Path p : clips) {
        copy.add(Objects.requireNonNull(p, "clips contains null"));
      }
      this.clips.clear();
      this.clips.addAll(copy);
      return this;
    }

    /**
     * @param clip one more input MP4 file
     * @return this builder
     */
    public Builder addClip(Path clip) {
      clips.add(Objects.requireNonNull(clip, "clip"));
      return this;
    }

    /**
     * @param output the MP4 file to write (required); its directory must exist
     * @return this builder
     */
    public Builder output(Path output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * Sets the transition used at every boundary not set with {@link #transition(int, Transition)}.
     *
     * @param transition the transition
     * @return this builder
     */
    public Builder transition(Transition transition) {
      this.defaultTransition = Objects.requireNonNull(transition, "transition");
      return this;
    }

    /**
     * Sets the transition used at every boundary not set individually.
     *
     * @param type the kind
     * @param duration its length (ignored for a cut)
     * @return this builder
     * @throws IllegalArgumentException if the duration is not positive or is too long
     */
    public Builder transition(TransitionType type, Duration duration) {
      return transition(Transition.of(Objects.requireNonNull(type, "type"), Objects.requireNonNull(duration, "duration")));
    }

    /**
     * Sets the transition used at every boundary, lasting {@link #DEFAULT_TRANSITION_DURATION}.
     *
     * @param type the kind
     * @return this builder
     */
    public Builder transition(TransitionType type) {
      return transition(type, DEFAULT_TRANSITION_DURATION);
    }

    /**
     * Sets the transition at one boundary.
     *
     * @param boundary 0 for the boundary between the first and second clip
     * @param transition the transition
     * @return this builder
     * @throws IllegalArgumentException if {@code boundary} is negative
     */
    public Builder transition(int boundary, Transition transition) {
      if (boundary < 0) {
        throw new IllegalArgumentException("boundary must be >= 0: " + boundary);
      }
      perBoundary.put(boundary, Objects.requireNonNull(transition, "transition"));
      return this;
    }

    /**
     * @param size the output frame size, or null for the first clip's; both sides even, 16 to 8192
     * @return this builder
     * @throws IllegalArgumentException if a side is odd or out of range
     */
    public Builder outputSize(ImageSize size) {
      if (size != null) {
        checkSide("width", size.width());
        checkSide("height", size.height());
      }
      this.outputSize = size;
      return this;
    }

    private static void checkSide(String name, int v) {
      if (v < 16 || v > 8192 || v % 2 != 0) {
        throw new IllegalArgumentException("outputSize " + name + " must be even and within 16..8192: " + v);
      }
    }

    /**
     * @param fps the output frame rate, 1 to 120, or null for the first clip's
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder frameRate(Double fps) {
      if (fps != null && !(fps >= 1 && fps <= 120)) {
        throw new IllegalArgumentException("frameRate must be within 1..120: " + fps);
      }
      this.frameRate = fps;
      return this;
    }

    /**
     * @param include whether to carry the clips' audio into the output (default true)
     * @return this builder
     */
    public Builder includeAudio(boolean include) {
      this.includeAudio = include;
      return this;
    }

    /**
     * @param listener who hears about warnings and progress
     * @return this builder
     */
    public Builder listener(StitchListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @return the request
     * @throws IllegalStateException if no clip or no output is given, a boundary index is beyond
     *     the last boundary, or the output is one of the clips
     */
    public StitchRequest build() {
      if (clips.isEmpty()) {
        throw new IllegalStateException("clips: give at least one clip");
      }
      if (output == null) {
        throw new IllegalStateException("output is required");
      }
      for (int boundary : perBoundary.keySet()) {
        if (boundary >= clips.size() - 1) {
          throw new IllegalStateException("transition boundary " + boundary + " does not exist: "
              + clips.size() + " clips have " + (clips.size() - 1) + " boundaries");
        }
      }
      Path out = output.toAbsolutePath().normalize();
      for (Path clip : clips) {
        if (clip.toAbsolutePath().normalize().equals(out)) {
          throw new IllegalStateException("output must not be one of the clips: " + output);
        }
      }
      return new StitchRequest(this);
    }
  }
}
