package dev.vcg.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vcg.examples.gateway.Mp4Oracle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job as a real process: {@code java -jar examples/target/vcg.jar create ...}
 * on a machine without keys. Runs in the integration-test phase (after {@code package}, through
 * the failsafe plugin); skipped when the jar has not been built.
 */
class VcgJarTest {
  private static final Path JAR = Path.of(System.getProperty("vcg.jar", "target/vcg.jar"));

  @TempDir
  Path dir;

  @BeforeEach
  void needsTheJar() {
    Assumptions.assumeTrue(Files.isRegularFile(JAR), "the jar " + JAR.toAbsolutePath() + " is not built");
  }

  record Result(int code, String out, String err, double seconds) {
  }

  Result vcg(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    // A fresh machine: no provider keys or provider settings.
    env.keySet().removeIf(k -> k.startsWith("VCG_") || k.equals("OPENROUTER_API_KEY") || k.equals("OPENAI_API_KEY")
        || k.equals("FAL_KEY") || k.equals("RUNWAYML_API_SECRET"));
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("vcg did not finish: " + cmd);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Result r = new Result(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8), seconds);
    Files.delete(stdout);
    Files.delete(stderr);
    return r;
  }

  @Test
  void theMainJobMakesAFifteenSecondVideoWithoutKeys() throws Exception {
    Result r = vcg("create", "a lighthouse at dawn, waves crashing", "--seconds", "15", "-o", "lighthouse.mp4");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    System.out.printf(Locale.ROOT, "vcg create --seconds 15 took %.1f s (wall, this machine)%n", r.seconds());
    Path video = dir.resolve("lighthouse.mp4");
    assertThat(video).isRegularFile();
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("lighthouse.mp4");
    }
    assertThat(r.err()).contains("running on the offline local providers").contains("creating: 100%");
    assertThat(r.out()).contains("lighthouse.mp4: ").contains("cost: estimated $0.0000, spent $0.0000");
    Mp4Oracle.assertPlayable(video, 15, 1.5);
  }

  @Test
  void usageErrorsAndUnknownCommandsExitWith2() throws Exception {
    Result r = vcg("create", "a cat");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("missing -o OUT.mp4").contains("usage: vcg create");
    assertThat(vcg("teleport").code()).isEqualTo(2);
    Result help = vcg("--help");
    assertThat(help.code()).isEqualTo(0);
    assertThat(help.out()).contains("create").contains("providers");
  }
}
