package dev.vcg.direction;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The versions of one video's plan, oldest first: the first plan and every refinement, each with
 * its version number and the feedback that led to it. {@link #with} returns a new history; this
 * one never changes.
 *
 * <p>Immutable and thread-safe; reads and writes JSON ({@code {"versions": [...]}}).
 *
 * <pre>{@code
 * DirectionHistory h = DirectionHistory.of(director.direct(input));
 * h = director.refine(h, "make the fire scene longer");
 * VideoDirection current = h.latest().direction();   // version 2
 * }</pre>
 */
public final class DirectionHistory {
  private final List<DirectionResult> versions;

  private DirectionHistory(List<DirectionResult> versions) {
    this.versions = List.copyOf(versions);
  }

  /**
   * A history holding one plan.
   *
   * @param first the first version
   * @return the history
   */
  public static DirectionHistory of(DirectionResult first) {
    return new DirectionHistory(List.of(Objects.requireNonNull(first, "first")));
  }

  /**
   * Reads a history, checking that version numbers follow each other.
   *
   * @param versions the versions, oldest first, at least one
   * @return the history
   * @throws IllegalArgumentException if empty or the numbers do not follow each other
   */
  @JsonCreator
  public static DirectionHistory of(@JsonProperty("versions") List<DirectionResult> versions) {
    Objects.requireNonNull(versions, "versions");
    if (versions.isEmpty()) {
      throw new IllegalArgumentException("a history holds at least one version");
    }
    for (int i = 1; i < versions.size(); i++) {
      if (versions.get(i).version() != versions.get(i - 1).version() + 1) {
        throw new IllegalArgumentException("version " + versions.get(i).version() + " cannot follow version "
            + versions.get(i - 1).version());
      }
    }
    return new DirectionHistory(versions);
  }

  /**
   * @param next the next version (its number must be one more than the latest)
   * @return a new history with it
   * @throws IllegalArgumentException if its number does not follow the latest
   */
  public DirectionHistory with(DirectionResult next) {
    Objects.requireNonNull(next, "next");
    if (next.version() != latest().version() + 1) {
      throw new IllegalArgumentException("version " + next.version() + " cannot follow version " + latest().version()
          + "; refine the latest version");
    }
    List<DirectionResult> list = new ArrayList<>(versions);
    list.add(next);
    return new DirectionHistory(list);
  }

  /** @return every version, oldest first */
  @JsonProperty("versions")
  public List<DirectionResult> versions() {
    return versions;
  }

  /** @return the newest version */
  public DirectionResult latest() {
    return versions.get(versions.size() - 1);
  }

  /**
   * @param number a version number
   * @return that version, if held
   */
  public Optional<DirectionResult> version(int number) {
    return versions.stream().filter(v -> v.version() == number).findFirst();
  }

  /** @return how many versions there are */
  public int size() {
    return versions.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DirectionHistory h && versions.equals(h.versions);
  }

  @Override
  public int hashCode() {
    return versions.hashCode();
  }

  @Override
  public String toString() {
    return "DirectionHistory[versions=" + versions.size() + ", latest=" + latest().version() + "]";
  }
}
