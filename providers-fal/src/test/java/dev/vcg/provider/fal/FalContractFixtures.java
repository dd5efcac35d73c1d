package dev.vcg.provider.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** fal's documented error answers, per status, for the contract kit's error tests. */
final class FalContractFixtures {
  private FalContractFixtures() {
  }

  static ResponseDefinitionBuilder error(int status) {
    String body;
    switch (status) {
      case 400:
        body = "{\"detail\":\"Invalid request\",\"error_type\":\"bad_request\"}";
        break;
      case 401:
        body = FalStubs.raw("error-401-unauthorized.json");
        break;
      case 403:
        body = FalStubs.raw("error-403-exhausted-balance.json");
        break;
      case 404:
        body = FalStubs.raw("error-404-request-not-found.json");
        break;
      case 422:
        body = FalStubs.raw("error-422-validation.json");
        break;
      case 500:
        body = FalStubs.raw("error-500-internal.json");
        break;
      case 502:
        body = "{\"detail\":\"Runner returned an incomplete response\",\"error_type\":\"runner_incomplete_response\"}";
        break;
      case 503:
        body = FalStubs.raw("error-503-runner-scheduling-failure.json");
        break;
      case 504:
        body = FalStubs.raw("error-504-request-timeout.json");
        break;
      default:
        body = "{\"detail\":\"HTTP " + status + "\"}";
    }
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-fal-request-id", "req-" + status).withBody(body);
  }
}
