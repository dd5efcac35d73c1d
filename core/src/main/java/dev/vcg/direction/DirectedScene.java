package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;

/**
 * One scene of a plan: a group of shots with one place and mood.
 *
 * @param id the scene number, 1-based
 * @param name a short name
 * @param description what happens
 * @param mood the emotional tone
 * @param shots the shots, in order (at least one)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectedScene(int id, String name, String description, String mood, List<DirectedShot> shots) {
  /** Validates and copies. */
  public DirectedScene {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    mood = mood == null ? "" : mood;
    shots = List.copyOf(Objects.requireNonNull(shots, "shots"));
    if (shots.isEmpty()) {
      throw new IllegalArgumentException("scene " + id + " has no shots");
    }
  }

  /** @return the sum of the shot durations, in seconds */
  public double duration() {
    return shots.stream().mapToDouble(DirectedShot::duration).sum();
  }
}
