package dev.vcg.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowDagTest {
  private static Step<Object> s(String name, String... deps) {
    return Step.of(name, ctx -> null).dependsOn(deps);
  }

  static Stream<Arguments> invalidGraphs() {
    return Stream.of(
        Arguments.of("duplicate name", List.of(s("a"), s("b"), s("a")), List.of("step name 'a' is used twice")),
        Arguments.of("unknown dependency", List.of(s("a"), s("b", "a", "zz")),
            List.of("step 'b' depends on unknown step 'zz'")),
        Arguments.of("two unknown dependencies", List.of(s("a", "x"), s("b", "y")),
            List.of("step 'a' depends on unknown step 'x'", "step 'b' depends on unknown step 'y'")),
        Arguments.of("self cycle", List.of(s("a", "a")), List.of("cycle: a -> a")),
        Arguments.of("two-step cycle", List.of(s("a", "b"), s("b", "a")), List.of("cycle: a -> b -> a")),
        Arguments.of("three-step cycle behind a root", List.of(s("root"), s("x", "root", "z"), s("y", "x"), s("z", "y")),
            List.of("cycle: x -> z -> y -> x")),
        Arguments.of("duplicate and unknown together", List.of(s("a"), s("a"), s("c", "q")),
            List.of("step name 'a' is used twice", "step 'c' depends on unknown step 'q'")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidGraphs")
  void invalidGraphIsRefusedNamingTheSteps(String title, List<Step<?>> steps, List<String> expected) {
    Workflow.Builder b = Workflow.builder("wf").steps(steps);
    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workflow 'wf' is invalid")
        .satisfies(e -> expected.forEach(x -> assertThat(e.getMessage()).contains(x)));
  }

  @Test
  void outputMustNameAStep() {
    assertThatThrownBy(() -> Workflow.builder("wf").step(s("a")).output("nope").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output names unknown step 'nope'");
  }

  static Stream<String> badNames() {
    return Stream.of("", "  ", "a/b", "line\nbreak");
  }

  @ParameterizedTest
  @MethodSource("badNames")
  void stepNamesWithSlashesOrControlCharactersAreRefused(String name) {
    assertThatThrownBy(() -> Step.of(name, ctx -> null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void validDiamondBuildsAndKeepsOrder() {
    Workflow wf = Workflow.builder("diamond")
        .step(s("a")).step(s("b", "a")).step(s("c", "a")).step(s("d", "b", "c"))
        .output("d")
        .build();
    assertThat(wf.steps()).extracting(Step::name).containsExactly("a", "b", "c", "d");
    assertThat(wf.step("d")).get().extracting(Step::dependencies).isEqualTo(List.of("b", "c"));
    assertThat(wf.output()).contains("d");
  }

  @Test
  void stepsAreImmutableCopies() {
    Step<Object> base = s("a");
    Step<Object> changed = base.dependsOn("x").optional().weight(3);
    assertThat(base.dependencies()).isEmpty();
    assertThat(base.isOptional()).isFalse();
    assertThat(base.progressWeight()).isEqualTo(1);
    assertThat(changed.dependencies()).containsExactly("x");
    assertThat(changed.isOptional()).isTrue();
    assertThat(changed.progressWeight()).isEqualTo(3);
  }

  @Test
  void stepSettersCheckArguments() {
    Step<Object> a = s("a");
    assertThatThrownBy(() -> a.weight(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.timeout(java.time.Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().deadline(java.time.Duration.ofHours(3)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PollPolicy.builder().jitter(1)).isInstanceOf(IllegalArgumentException.class);
  }
}
