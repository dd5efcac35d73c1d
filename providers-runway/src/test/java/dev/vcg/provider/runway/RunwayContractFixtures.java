package dev.vcg.provider.runway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Runway's documented error answers, per status, for the contract kit's error tests. */
final class RunwayContractFixtures {
  private RunwayContractFixtures() {
  }

  static ResponseDefinitionBuilder error(int status) {
    String body;
    switch (status) {
      case 400:
        body = RunwayStubs.raw("error-400-validation.json");
        break;
      case 401:
        body = RunwayStubs.raw("error-401-unauthorized.json");
        break;
      case 404:
        body = RunwayStubs.raw("error-404-task-not-found.json");
        break;
      case 429:
        body = RunwayStubs.raw("error-429-rate-limited.json");
        break;
      case 502:
        body = RunwayStubs.raw("error-502-overloaded.json");
        break;
      default:
        body = "{\"error\":\"HTTP " + status + "\"}";
    }
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("x-request-id", "req-" + status).withBody(body);
  }
}
