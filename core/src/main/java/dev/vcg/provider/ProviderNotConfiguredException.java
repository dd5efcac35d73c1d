package dev.vcg.provider;

/**
 * A provider is missing, ambiguous or lacks a key. The message names the artifact to add, the
 * candidates to choose from, or the variable to set.
 */
public class ProviderNotConfiguredException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param providerId the provider id concerned, or a kind such as "video"
   * @param message what is missing and how to fix it
   */
  public ProviderNotConfiguredException(String providerId, String message) {
    super(ProviderError.of(providerId, message), false, null);
  }
}
