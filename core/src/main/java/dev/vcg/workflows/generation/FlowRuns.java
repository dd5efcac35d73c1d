package dev.vcg.workflows.generation;

import dev.vcg.workflows.generation.Values.FlowInput;
import java.util.List;

/** Conversions between the public flow request and the run input. */
final class FlowRuns {
  private FlowRuns() {
  }

  static FlowInput input(FlowRequest r) {
    return new FlowInput(r.prompt(), r.style().orElse(null), r.segments(), r.segmentSeconds(), r.mode(),
        r.aspectRatio(), r.frameSize().orElse(null), r.seed().orElse(null),
        r.output().map(p -> p.toAbsolutePath().normalize()).orElse(null), r.negativePrompt().orElse(null),
        List.of(), -1, null, 0);
  }

  static FlowRequest toRequest(FlowInput in) {
    return FlowRequest.builder()
        .prompt(in.prompt())
        .style(in.style())
        .segments(in.segments())
        .segmentSeconds(in.segmentSeconds())
        .mode(in.mode())
        .aspectRatio(in.aspectRatio())
        .frameSize(in.frameSize())
        .seed(in.seed())
        .output(in.output())
        .negativePrompt(in.negativePrompt())
        .build();
  }
}
