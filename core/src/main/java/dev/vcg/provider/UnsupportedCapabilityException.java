package dev.vcg.provider;

/**
 * The request asks for something the provider or model does not declare (an end frame, a
 * duration, an aspect ratio, too many reference images). Raised before any call is made, so
 * nothing is paid. Choose another model or adapt the request.
 */
public class UnsupportedCapabilityException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param providerId the provider
   * @param message what is unsupported and what is allowed
   */
  public UnsupportedCapabilityException(String providerId, String message) {
    super(ProviderError.of(providerId, message), false, null);
  }
}
