package org.examlab.harness.training;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * A listener that needs DL4J's per-iteration callbacks (the forward pass, the gradient before the
 * update): it is attached to the network for the length of one training and detached afterwards, so
 * the network carries no listener from one training into the next.
 */
public abstract class NetworkListener extends BaseTrainingListener implements TrainingListener {

  @Override
  public void onTrainingBegin(Training training) {
    training.network().addListeners(this);
  }

  @Override
  public void onTrainingEnd(Training training) {
    detach(training.network(), this);
  }

  /** Removes {@code listener} from {@code network}'s DL4J listeners, keeping the others. */
  public static void detach(
      Model network, org.deeplearning4j.optimize.api.TrainingListener listener) {
    Collection<org.deeplearning4j.optimize.api.TrainingListener> current =
        network instanceof MultiLayerNetwork net
            ? net.getListeners()
            : network instanceof ComputationGraph graph ? graph.getListeners() : null;
    if (current != null) {
      List<org.deeplearning4j.optimize.api.TrainingListener> kept = new ArrayList<>(current);
      kept.remove(listener);
      network.setListeners(kept);
    }
  }
}
