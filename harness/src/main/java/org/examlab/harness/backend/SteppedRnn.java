package org.examlab.harness.backend;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's vanilla RNN layer ({@link SimpleRnn}: h_t = tanh(x_t W + h_{t-1} RW + b)) computed by
 * {@link SteppedRnnLayer}: the whole sequence in one Java pass each way over the arrays' memory,
 * instead of DL4J's ~15 ND4J ops and array views per time step. Same parameters, parameter layout,
 * initialisation and updater as {@code SimpleRnn}; only the arithmetic moves. Use {@code new
 * SteppedRnn.Builder()} where {@code new SimpleRnn.Builder()} would be used.
 */
public class SteppedRnn extends SimpleRnn {
  protected SteppedRnn(Builder builder) {
    super(builder);
  }

  /** For DL4J's JSON configuration reader. */
  private SteppedRnn() {
    super(new Builder());
  }

  @Override
  public Layer instantiate(
      NeuralNetConfiguration conf,
      Collection<TrainingListener> listeners,
      int layerIndex,
      INDArray layerParamsView,
      boolean initializeParams,
      DataType networkDataType) {
    LayerValidation.assertNInNOutSet("SteppedRnn", getLayerName(), layerIndex, getNIn(), getNOut());
    SteppedRnnLayer layer = new SteppedRnnLayer(conf, networkDataType);
    layer.setListeners(listeners);
    layer.setIndex(layerIndex);
    layer.setParamsViewArray(layerParamsView);
    layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
    layer.setConf(conf);
    return layer;
  }

  /** {@link SimpleRnn.Builder} whose {@code build()} gives a {@link SteppedRnn}. */
  public static class Builder extends SimpleRnn.Builder {
    @Override
    public SteppedRnn build() {
      return new SteppedRnn(this);
    }
  }
}
