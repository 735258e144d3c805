package org.examlab.experiments.convolution;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.examlab.harness.validation.InvalidSettingException;
import org.examlab.harness.validation.Require;

/**
 * The convolution experiment's own config keys: the exam questions' numbers and the networks whose
 * summaries are measured.
 *
 * @param outputSize one convolution layer applied to an input volume (003-4b)
 * @param weightTensor a convolution layer whose weight tensor shape is read from DL4J (003-4c)
 * @param equivariance a single convolution on random images: translation, scale, rotation (003-1d)
 * @param fullyConnected a dense layer against a convolution computing the same map (004-CNN,
 *     003-4e)
 * @param residual the residual block whose Jacobian autodiff computes (003-4g)
 * @param algebra the images and kernels whose convolutions and correlations are associated
 *     (004-CNN/associativity)
 * @param transposed the transposed convolution rebuilt from zero insertion (004-CNN/transposed)
 * @param squeezeExcitation the SE block whose spatial reach is measured (002-4a)
 * @param filterEffects the test images seed 003's filters C1 and C2 are applied to (003-4a)
 * @param explanation the CNN whose occlusion and gradient explanations are counted (002-8)
 * @param networks network descriptions whose summaries are measured (003-1a, 003-1i, 001-3, 001-5,
 *     000-11)
 * @param probes receptive fields measured by perturbing input pixels, to compare with the
 *     summaries'
 */
public record ConvolutionSettings(
    OutputSize outputSize,
    WeightTensor weightTensor,
    Equivariance equivariance,
    FullyConnected fullyConnected,
    Residual residual,
    Algebra algebra,
    Transposed transposed,
    SeBlock squeezeExcitation,
    FilterImages filterEffects,
    Explanation explanation,
    List<Network> networks,
    List<Probe> probes) {

  public ConvolutionSettings {
    Require.present("outputSize", outputSize);
    Require.present("weightTensor", weightTensor);
    Require.present("equivariance", equivariance);
    Require.present("fullyConnected", fullyConnected);
    Require.present("residual", residual);
    Require.present("algebra", algebra);
    Require.present("transposed", transposed);
    Require.present("squeezeExcitation", squeezeExcitation);
    Require.present("filterEffects", filterEffects);
    Require.present("explanation", explanation);
    networks = Require.distinctlyNamed("networks", networks, Network::name);
    probes = probes == null ? List.of() : List.copyOf(probes);
    Set<String> names = networks.stream().map(Network::name).collect(Collectors.toSet());
    for (int i = 0; i < probes.size(); i++) {
      if (!names.contains(probes.get(i).network())) {
        throw new InvalidSettingException(
            "probes[" + i + "].network",
            "'" + probes.get(i).network() + "' is not one of the networks " + names);
      }
    }
  }

  /**
   * A convolution of {@code filters} k x k filters, stride, padding, on a size x size x channels
   * input.
   */
  public record OutputSize(
      int size, int channels, int filters, int kernel, int stride, int padding) {
    public OutputSize {
      Require.inRange("size", size, 1, 1024);
      Require.inRange("channels", channels, 1, 1024);
      Require.inRange("filters", filters, 1, 1024);
      Require.inRange("kernel", kernel, 1, size + 2 * padding);
      Require.inRange("stride", stride, 1, 64);
      Require.inRange("padding", padding, 0, 64);
    }
  }

  /** {@code filters} k x k filters on an input of {@code channels} channels (RGB: 3). */
  public record WeightTensor(int filters, int kernel, int channels) {
    public WeightTensor {
      Require.inRange("filters", filters, 1, 1024);
      Require.inRange("kernel", kernel, 1, 64);
      Require.inRange("channels", channels, 1, 1024);
    }
  }

  /**
   * Random size x size images with {@code channels} channels, {@code filters} random k x k filters,
   * shifted by {@code shift} pixels.
   */
  public record Equivariance(int imageSize, int channels, int filters, int kernel, int shift) {
    public Equivariance {
      Require.inRange("imageSize", imageSize, 8, 512);
      Require.inRange("channels", channels, 1, 64);
      Require.inRange("filters", filters, 1, 64);
      Require.inRange("kernel", kernel, 2, imageSize / 2);
      Require.inRange("shift", shift, 1, (imageSize - kernel) / 2);
    }
  }

  /**
   * A dense layer of {@code outputs} units on {@code inputs} features, and on an inputs x mapSize x
   * mapSize map.
   */
  public record FullyConnected(int inputs, int outputs, int mapSize, int batch) {
    public FullyConnected {
      Require.inRange("inputs", inputs, 1, 4096);
      Require.inRange("outputs", outputs, 1, 4096);
      Require.inRange("mapSize", mapSize, 1, 64);
      Require.inRange("batch", batch, 1, 1024);
    }
  }

  /** H(x) = x + l2(tanh(l1(x))) with x of {@code width} features. */
  public record Residual(int width) {
    public Residual {
      Require.inRange("width", width, 1, 256);
    }
  }

  /** A random imageSize x imageSize image and two random kernel x kernel kernels. */
  public record Algebra(int imageSize, int kernel) {
    public Algebra {
      Require.inRange("imageSize", imageSize, 1, 256);
      Require.inRange("kernel", kernel, 2, 32);
    }
  }

  /**
   * A transposed convolution of kernel x kernel filters with stride, inputChannels to
   * outputChannels, on an imageSize x imageSize map.
   */
  public record Transposed(
      int imageSize, int inputChannels, int outputChannels, int kernel, int stride) {
    public Transposed {
      Require.inRange("imageSize", imageSize, 1, 256);
      Require.inRange("inputChannels", inputChannels, 1, 64);
      Require.inRange("outputChannels", outputChannels, 1, 64);
      Require.inRange("kernel", kernel, 1, 32);
      Require.inRange("stride", stride, 2, 8);
      if (inputChannels == outputChannels) {
        throw new InvalidSettingException(
            "outputChannels",
            "must differ from inputChannels, so the weight layout [in, out, k, k] is unambiguous");
      }
    }
  }

  /**
   * A Squeeze-and-Excitation block on a size x size map of {@code channels} channels, its hidden
   * layer channels / reduction wide.
   */
  /** Test images of imageSize x imageSize pixels (constant, checkerboard, random, step edges). */
  public record FilterImages(int imageSize) {
    public FilterImages {
      Require.inRange("imageSize", imageSize, 4, 1024);
    }
  }

  /**
   * A CNN (3x3 conv of {@code filters}, softmax over {@code classes}) on imageSize^2 images,
   * occluded patch x patch at a time.
   */
  public record Explanation(int imageSize, int filters, int classes, int patch) {
    public Explanation {
      Require.inRange("imageSize", imageSize, 4, 256);
      Require.inRange("filters", filters, 1, 64);
      Require.inRange("classes", classes, 2, 100);
      Require.inRange("patch", patch, 1, imageSize);
      if (imageSize % patch != 0) {
        throw new InvalidSettingException(
            "patch", "must divide imageSize (" + imageSize + "), got " + patch);
      }
    }
  }

  public record SeBlock(int size, int channels, int reduction) {
    public SeBlock {
      Require.inRange("size", size, 3, 256);
      Require.inRange("channels", channels, 2, 512);
      Require.inRange("reduction", reduction, 1, channels);
    }
  }

  /**
   * A network description to summarise.
   *
   * @param file path of its YAML, relative to the project folder (e.g.
   *     configs/architectures/vgg16.yaml)
   * @param layers layers whose own counts and receptive field are measured too
   */
  public record Network(String name, String file, List<String> layers) {
    public Network {
      Require.measurementName("name", name);
      Require.nonBlank("file", file);
      layers = layers == null ? List.of() : List.copyOf(layers);
      Require.requireDistinct("layers", layers);
    }
  }

  /**
   * Measures which input pixels change the centre output of {@code layer} of {@code network}, on an
   * imageSize x imageSize input (the receptive field does not depend on the image size).
   */
  public record Probe(String network, String layer, int imageSize) {
    public Probe {
      Require.nonBlank("network", network);
      Require.nonBlank("layer", layer);
      Require.inRange("imageSize", imageSize, 4, 256);
    }
  }
}
