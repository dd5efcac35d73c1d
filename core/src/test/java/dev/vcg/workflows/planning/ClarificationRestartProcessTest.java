package dev.vcg.workflows.planning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.GatewayInput;
import dev.vcg.GatewayOptions;
import dev.vcg.GatewayRequest;
import dev.vcg.GatewayResponse;
import dev.vcg.VideoCreationGateway;
import dev.vcg.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interactive clarification across a real JVM restart: one process asks, exits, and a second
 * process, sharing only the file store, takes the answers and finishes the plan.
 */
class ClarificationRestartProcessTest {
  @TempDir
  Path store;

  @Test
  void aSecondJvmContinuesTheWorkflowTheFirstOneSuspended() throws Exception {
    String asked = runJvm("ask", store.toString());
    Matcher id = Pattern.compile("ID=(\\S+)").matcher(asked);
    assertThat(id.find()).as(asked).isTrue();
    assertThat(asked).contains("QUESTIONS=").contains("industry").contains("audience");

    String rejected = runJvm("answer", store.toString(), id.group(1), "industry=FinTech");
    assertThat(rejected).as(rejected).contains("RESPONSE=ClarificationNeeded");

    String answered = runJvm("answer", store.toString(), id.group(1), "industry=FinTech", "audience=Investors",
        "duration=30s");
    assertThat(answered).as(answered).contains("RESPONSE=Completed").contains("ROUTED=SIMPLE_TEXT");
    Matcher seconds = Pattern.compile("SECONDS=([0-9.]+)").matcher(answered);
    assertThat(seconds.find()).isTrue();
    assertThat(Double.parseDouble(seconds.group(1))).isBetween(25.0, 35.0);
  }

  private static String runJvm(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    return text;
  }

  /** One side of the restart: {@code ask STORE} or {@code answer STORE ID key=value...}. */
  public static final class Main {
    private Main() {
    }

    /**
     * @param args the mode, the store directory, then for {@code answer} the workflow id and answers
     */
    public static void main(String[] args) {
      try (VideoCreationGateway g = VideoCreationGateway.builder()
          .providers(ProviderRegistry.discover().withEnvironment(k -> null, k -> null))
          .storeDirectory(Path.of(args[1])).assetDirectory(Path.of(args[1]).resolve("assets")).build()) {
        if (args[0].equals("ask")) {
          GatewayResponse r = g.process(GatewayRequest.builder()
              .input(GatewayInput.ofPrompt("Help me create a pitch video"))
              .options(GatewayOptions.builder().interactive(true).build()).build());
          GatewayResponse.ClarificationNeeded q = (GatewayResponse.ClarificationNeeded) r;
          System.out.println("ID=" + q.workflowId());
          System.out.println("QUESTIONS=" + q.questions().stream().map(x -> x.id()).toList());
          return;
        }
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
          String[] kv = args[i].split("=", 2);
          answers.put(kv[0], kv[1]);
        }
        GatewayResponse r = g.continueWorkflow(args[2], answers);
        System.out.println("RESPONSE=" + r.getClass().getSimpleName());
        if (r instanceof GatewayResponse.Completed c) {
          System.out.println("ROUTED=" + c.plan().orElseThrow().metadata().get("routedTo"));
          System.out.println("SECONDS=" + c.plan().orElseThrow().plan().totalDuration());
        }
      }
    }
  }
}
