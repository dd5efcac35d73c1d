package dev.vcg.direction;

import java.util.Optional;

/** Maps free-form camera and transition words the enums do not know to the closest one. */
final class Guesses {
  private Guesses() {
  }

  static Optional<CameraMove> cameraMove(String text) {
    String n = "_" + Vocabulary.normalise(text) + "_";
    boolean left = n.contains("left");
    boolean right = n.contains("right");
    boolean up = n.contains("_up_") || n.contains("ascend") || n.contains("rise") || n.contains("rising")
        || n.contains("upward");
    boolean down = n.contains("down") || n.contains("descend") || n.contains("lower");
    if (n.contains("orbit") || n.contains("arc") || n.contains("circl") || n.contains("rotat")) {
      return Optional.of(left ? CameraMove.DOLLY_LEFT : CameraMove.DOLLY_RIGHT);
    }
    if (n.contains("crane") || n.contains("boom") || n.contains("jib") || n.contains("aerial")
        || n.contains("drone") || n.contains("pedestal")) {
      return Optional.of(down ? CameraMove.CRANE_DOWN : CameraMove.CRANE_UP);
    }
    if (n.contains("tilt")) {
      return Optional.of(down ? CameraMove.TILT_DOWN : CameraMove.TILT_UP);
    }
    if (n.contains("pan") || n.contains("sweep") || n.contains("whip")) {
      return Optional.of(left ? CameraMove.PAN_LEFT : CameraMove.PAN_RIGHT);
    }
    if (n.contains("track") || n.contains("truck") || n.contains("slide") || n.contains("follow")
        || n.contains("lateral") || n.contains("strafe") || n.contains("dolly") && (left || right)) {
      return Optional.of(left ? CameraMove.DOLLY_LEFT : CameraMove.DOLLY_RIGHT);
    }
    if (n.contains("pull") || n.contains("_out_") || n.contains("back") || n.contains("reveal")
        || n.contains("away") || n.contains("wide")) {
      return Optional.of(CameraMove.PULL_OUT);
    }
    if (n.contains("push") || n.contains("zoom") || n.contains("_in_") || n.contains("close")
        || n.contains("approach") || n.contains("toward") || n.contains("dolly")) {
      return Optional.of(CameraMove.PUSH_IN);
    }
    if (up) {
      return Optional.of(CameraMove.CRANE_UP);
    }
    if (down) {
      return Optional.of(CameraMove.CRANE_DOWN);
    }
    if (n.contains("handheld") || n.contains("steady") || n.contains("hold") || n.contains("lock")
        || n.contains("still") || n.contains("tripod")) {
      return Optional.of(CameraMove.STATIC);
    }
    return Optional.empty();
  }

  static Optional<TransitionType> transition(String text) {
    String n = Vocabulary.normalise(text);
    if (n.contains("black") || n.contains("dark")) {
      return Optional.of(TransitionType.FADE_BLACK);
    }
    if (n.contains("white") || n.contains("flash") || n.contains("bright") || n.contains("light")) {
      return Optional.of(TransitionType.FADE_WHITE);
    }
    if (n.contains("wipe") || n.contains("slide") || n.contains("push") || n.contains("swipe")) {
      return Optional.of(n.contains("right") ? TransitionType.WIPE_RIGHT : TransitionType.WIPE_LEFT);
    }
    if (n.contains("fade") || n.contains("dissolve") || n.contains("blend") || n.contains("morph")
        || n.contains("overlap") || n.contains("mix")) {
      return Optional.of(TransitionType.CROSSFADE);
    }
    if (n.contains("cut") || n.contains("jump") || n.contains("straight") || n.contains("match")) {
      return Optional.of(TransitionType.CUT);
    }
    return Optional.empty();
  }
}
