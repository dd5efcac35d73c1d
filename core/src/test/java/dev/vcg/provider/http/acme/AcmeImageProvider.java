package dev.vcg.provider.http.acme;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vcg.media.MediaRef;
import dev.vcg.provider.GeneratedImage;
import dev.vcg.provider.ImageCapabilities;
import dev.vcg.provider.ImageProvider;
import dev.vcg.provider.ImageRequest;
import dev.vcg.provider.ImageResult;
import dev.vcg.provider.ProviderException;
import dev.vcg.provider.ProviderKind;
import dev.vcg.provider.http.CallOptions;
import dev.vcg.provider.http.JsonResponse;
import dev.vcg.provider.http.ProviderHttpClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Acme's synchronous image generation. */
final class AcmeImageProvider implements ImageProvider {
  private final ProviderHttpClient http;
  private final String model;
  private final ImageCapabilities capabilities;

  AcmeImageProvider(ProviderHttpClient http, String model) {
    this.http = http;
    this.model = model;
    this.capabilities = AcmeProviderFactory.modelInfo(ProviderKind.IMAGE, model).imageCapabilities().orElseThrow();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Generate(String model, String prompt, String size, List<String> references, Long seed) {
  }

  record Images(List<Image> data) {
  }

  record Image(String url, int width, int height) {
  }

  @Override
  public String id() {
    return AcmeProviderFactory.ID;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public ImageCapabilities capabilities() {
    return capabilities;
  }

  @Override
  public ImageResult doGenerate(ImageRequest request) {
    List<String> refs = new ArrayList<>();
    for (MediaRef r : request.referenceImages()) {
      refs.add(AcmeVideoProvider.image(r));
    }
    String m = request.model().orElse(model);
    JsonResponse<Images> response = http.send("POST", "/images", new Generate(m, request.prompt(),
        request.size().toString(), refs.isEmpty() ? null : refs, request.seed().orElse(null)), Images.class,
        CallOptions.paidSubmission());
    if (response.body().data() == null || response.body().data().isEmpty()) {
      throw new ProviderException(id(), "Acme returned no image; try another prompt");
    }
    List<GeneratedImage> images = new ArrayList<>();
    for (Image i : response.body().data()) {
      images.add(new GeneratedImage(MediaRef.url(URI.create(i.url())), i.width(), i.height()));
    }
    return new ImageResult(images, m, request.seed().orElse(null), null, response.requestId().orElse(null));
  }

  @Override
  public String toString() {
    return "AcmeImageProvider[model=" + model + "]";
  }
}
