package dev.vcg;

import dev.vcg.provider.ProviderKind;
import java.util.Objects;

/**
 * Which provider a gateway uses for one kind of work, and why it was chosen.
 *
 * @param kind what it does
 * @param providerId the provider's id, e.g. {@code fal}; {@code local} for the offline ones
 * @param model the model it uses
 * @param source why this provider was chosen
 */
public record ProviderChoice(ProviderKind kind, String providerId, String model, Source source) {
  /** Why a provider was chosen, in the order the selection rules are tried. */
  public enum Source {
    /** An instance given to the builder. */
    INSTANCE,
    /** An id given to the builder. */
    ID,
    /** A discovered provider that is configured (it has a key). */
    CONFIGURED,
    /** A built-in offline provider, because nothing else is configured. */
    OFFLINE
  }

  /** Validates. */
  public ProviderChoice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(providerId, "providerId");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(source, "source");
  }

  /** @return whether this is an offline built-in provider (no network, no cost) */
  public boolean isOffline() {
    return source == Source.OFFLINE;
  }

  /** @return e.g. {@code video: fal/fal-ai/kling-video (configured)} */
  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + providerId + "/" + model + " ("
        + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
