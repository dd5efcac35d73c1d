package dev.vcg.stitch.jcodec.internal.stitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcg.media.MediaException;
import dev.vcg.media.MediaException.Reason;
import dev.vcg.stitch.jcodec.internal.clip.Yuv;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FramePipeTest {
  private static Thread start(FramePipe pipe, FramePipe.Producer producer) {
    Thread t = new Thread(() -> pipe.produce(producer), "test-producer");
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void framesArriveInOrderThenTheEnd() throws Exception {
    FramePipe pipe = new FramePipe(32, 32, 2);
    Thread t = start(pipe, () -> {
      for (int i = 0; i < 10; i++) {
        Yuv f = pipe.acquire();
        f.fill(16 + i, 128, 128);
        pipe.put(f, i + 1);
      }
    });
    for (int i = 0; i < 10; i++) {
      FramePipe.Item item = pipe.take();
      assertThat(item.duration()).isEqualTo(i + 1);
      assertThat(item.frame().y[0] + 128).isEqualTo(16 + i);
      pipe.recycle(item.frame());
    }
    assertThat(pipe.take()).isNull();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void theProducersFailureReachesTheConsumerAfterItsFrames() throws Exception {
    FramePipe pipe = new FramePipe(32, 32, 2);
    Path clip = Path.of("clip.mp4");
    start(pipe, () -> {
      pipe.put(pipe.acquire(), 1);
      throw new MediaException(clip, Reason.DECODE_FAILED, "cannot decode frame 2 of clip.mp4", null);
    });
    FramePipe.Item first = pipe.take();
    assertThat(first).isNotNull();
    pipe.recycle(first.frame());
    assertThatThrownBy(pipe::take).isInstanceOf(MediaException.class)
        .satisfies(e -> assertThat(((MediaException) e).reason()).isEqualTo(Reason.DECODE_FAILED))
        .hasMessageContaining("frame 2");
  }

  @Test
  void anIoFailureKeepsItsType() {
    FramePipe pipe = new FramePipe(32, 32, 1);
    start(pipe, () -> {
      throw new IOException("disk full");
    });
    assertThatThrownBy(pipe::take).isInstanceOf(IOException.class).hasMessage("disk full");
  }

  @Test
  void aProducerWaitingForRoomStopsWhenInterrupted() throws Exception {
    FramePipe pipe = new FramePipe(32, 32, 1);
    Thread t = start(pipe, () -> {
      while (true) {
        pipe.put(pipe.acquire(), 1);
      }
    });
    assertThat(pipe.take()).isNotNull(); // not recycled: the producer now waits for a picture
    t.interrupt();
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void aConsumerInterruptedWhileWaitingGetsInterruptedIo() {
    FramePipe pipe = new FramePipe(32, 32, 1);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(pipe::take).isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
