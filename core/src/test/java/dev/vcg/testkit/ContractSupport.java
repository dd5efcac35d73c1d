package dev.vcg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vcg.provider.AuthenticationException;
import dev.vcg.provider.InvalidRequestException;
import dev.vcg.provider.NotFoundException;
import dev.vcg.provider.OutcomeUnknownException;
import dev.vcg.provider.PermissionDeniedException;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.QuotaExceededException;
import dev.vcg.provider.RateLimitedException;
import dev.vcg.provider.ServerException;
import dev.vcg.provider.UnsupportedCapabilityException;
import java.util.function.LongSupplier;
import org.assertj.core.api.ThrowableAssert;

/** Checks shared by the contract classes. */
final class ContractSupport {
  private ContractSupport() {
  }

  /** The exception type the layer's status table gives, for a paid submission or not. */
  static Class<? extends ProviderException> expectedError(int status, boolean paidSubmission) {
    switch (status) {
      case 400:
      case 422:
        return InvalidRequestException.class;
      case 401:
        return AuthenticationException.class;
      case 402:
        return QuotaExceededException.class;
      case 403:
        return PermissionDeniedException.class;
      case 404:
        return NotFoundException.class;
      case 429:
        return RateLimitedException.class;
      default:
        if (status >= 500) {
          return paidSubmission ? OutcomeUnknownException.class : ServerException.class;
        }
        return ProviderException.class;
    }
  }

  static void assertTypedError(String providerId, int status, Class<? extends ProviderException> expected,
                               ThrowableAssert.ThrowingCallable call) {
    Throwable t = catchThrowable(call);
    assertThat(t).as("a call answered with HTTP %d", status).isInstanceOf(expected);
    ProviderException e = (ProviderException) t;
    assertThat(e.providerId()).as("provider id of the exception").isEqualTo(providerId);
    assertThat(e.statusCode()).as("HTTP status carried by the exception").isEqualTo(status);
    assertThat(e.getMessage()).as("exception message").isNotBlank();
  }

  static void assertRefusedBeforeAnyCall(String providerId, String what, LongSupplier requestCount,
                                         ThrowableAssert.ThrowingCallable call) {
    long before = requestCount.getAsLong();
    Throwable t = catchThrowable(call);
    assertThat(t).as("%s must be refused with UnsupportedCapabilityException", what)
        .isInstanceOf(UnsupportedCapabilityException.class);
    assertThat(((ProviderException) t).providerId()).isEqualTo(providerId);
    assertThat(requestCount.getAsLong()).as("requests made for %s, which should be refused before any call", what)
        .isEqualTo(before);
  }

  static void assertCapturingLogs() {
    assertThat(CapturedLogs.active())
        .as("the vcg-core test-jar's SLF4J backend must be the only SLF4J provider on the test class path "
            + "(remove slf4j-simple, logback etc. from test scope), so logs can be searched for secrets")
        .isTrue();
  }
}
