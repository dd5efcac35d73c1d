package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * One shot of a plan: a clip generated from a start frame to an end frame.
 *
 * @param id the shot number, 1-based across the whole plan
 * @param duration seconds (usually 5 to 10)
 * @param startPrompt image prompt of the first frame
 * @param endPrompt image prompt of the last frame
 * @param motionPrompt what moves between the two frames
 * @param cameraMove how the camera moves
 * @param lighting lighting description
 * @param colorPalette colours, or null
 * @param transitionIn how this shot begins, or null for a cut
 * @param transitionOut how this shot gives way to the next, or null for a cut
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectedShot(int id, double duration, String startPrompt, String endPrompt, String motionPrompt,
                           CameraMove cameraMove, String lighting, String colorPalette,
                           TransitionType transitionIn, TransitionType transitionOut) {
  /** Validates. */
  public DirectedShot {
    Objects.requireNonNull(startPrompt, "startPrompt");
    Objects.requireNonNull(endPrompt, "endPrompt");
    Objects.requireNonNull(motionPrompt, "motionPrompt");
    Objects.requireNonNull(cameraMove, "cameraMove");
    lighting = lighting == null ? "" : lighting;
    if (!(duration > 0) || Double.isInfinite(duration)) {
      throw new IllegalArgumentException("shot " + id + ": duration must be positive, got " + duration);
    }
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the transition out, a cut when none is given */
  public TransitionType transitionOutOrCut() {
    return transitionOut == null ? TransitionType.CUT : transitionOut;
  }

  /** @return the colour palette, if given */
  public Optional<String> colorPaletteIfAny() {
    return Optional.ofNullable(colorPalette);
  }

  /** @return a builder with this shot's values */
  public Builder toBuilder() {
    return new Builder().id(id).duration(duration).startPrompt(startPrompt).endPrompt(endPrompt)
        .motionPrompt(motionPrompt).cameraMove(cameraMove).lighting(lighting).colorPalette(colorPalette)
        .transitionIn(transitionIn).transitionOut(transitionOut);
  }

  /** Builds a {@link DirectedShot}. */
  public static final class Builder {
    private int id = 1;
    private double duration = 5;
    private String startPrompt;
    private String endPrompt;
    private String motionPrompt;
    private CameraMove cameraMove = CameraMove.STATIC;
    private String lighting = "";
    private String colorPalette;
    private TransitionType transitionIn;
    private TransitionType transitionOut;

    private Builder() {
    }

    /**
     * @param id shot number
     * @return this builder
     */
    public Builder id(int id) {
      this.id = id;
      return this;
    }

    /**
     * @param seconds length
     * @return this builder
     */
    public Builder duration(double seconds) {
      this.duration = seconds;
      return this;
    }

    /**
     * @param prompt first-frame prompt
     * @return this builder
     */
    public Builder startPrompt(String prompt) {
      this.startPrompt = prompt;
      return this;
    }

    /**
     * @param prompt last-frame prompt
     * @return this builder
     */
    public Builder endPrompt(String prompt) {
      this.endPrompt = prompt;
      return this;
    }

    /**
     * @param prompt motion prompt
     * @return this builder
     */
    public Builder motionPrompt(String prompt) {
      this.motionPrompt = prompt;
      return this;
    }

    /**
     * @param move camera move
     * @return this builder
     */
    public Builder cameraMove(CameraMove move) {
      this.cameraMove = move;
      return this;
    }

    /**
     * @param lighting lighting description
     * @return this builder
     */
    public Builder lighting(String lighting) {
      this.lighting = lighting;
      return this;
    }

    /**
     * @param palette colours, or null
     * @return this builder
     */
    public Builder colorPalette(String palette) {
      this.colorPalette = palette;
      return this;
    }

    /**
     * @param t how the shot begins, or null
     * @return this builder
     */
    public Builder transitionIn(TransitionType t) {
      this.transitionIn = t;
      return this;
    }

    /**
     * @param t how the shot ends, or null
     * @return this builder
     */
    public Builder transitionOut(TransitionType t) {
      this.transitionOut = t;
      return this;
    }

    /**
     * @return the shot
     * @throws NullPointerException naming a missing prompt
     */
    public DirectedShot build() {
      return new DirectedShot(id, duration, startPrompt, endPrompt, motionPrompt, cameraMove, lighting,
          colorPalette, transitionIn, transitionOut);
    }
  }
}
