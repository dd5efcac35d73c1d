package dev.vcg.direction;

import dev.vcg.internal.Json;
import java.util.ArrayList;
import java.util.List;

/** Builds plans for tests: one array of shot durations per scene. */
final class TestPlans {
  private TestPlans() {
  }

  static VideoDirection plan(double[]... scenes) {
    List<DirectedScene> out = new ArrayList<>();
    int shotId = 1;
    for (int i = 0; i < scenes.length; i++) {
      List<DirectedShot> shots = new ArrayList<>();
      for (double d : scenes[i]) {
        shots.add(DirectedShot.builder().id(shotId).duration(d)
            .startPrompt("scene " + (i + 1) + " shot " + shotId + " start, a lighthouse on a cliff")
            .endPrompt("scene " + (i + 1) + " shot " + shotId + " end, waves below the lighthouse")
            .motionPrompt("waves roll in").cameraMove(CameraMove.PUSH_IN).lighting("dawn light").build());
        shotId++;
      }
      out.add(new DirectedScene(i + 1, "S" + (i + 1), "scene " + (i + 1), "calm", shots));
    }
    return new VideoDirection("Lighthouse", "A lighthouse at dawn.", 0, out, null);
  }

  static String json(VideoDirection d) {
    try {
      return Json.mapper().writeValueAsString(d);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double[] shots(double... durations) {
    return durations;
  }
}
