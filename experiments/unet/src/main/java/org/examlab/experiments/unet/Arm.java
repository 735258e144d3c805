package org.examlab.experiments.unet;

import java.util.ArrayList;
import java.util.List;
import org.examlab.datasets.scenes.SceneType;

/**
 * One trained segmenter: a scene type and the network's head. The softmax arm is named by the type
 * ({@code road}), the sigmoid one by the type and its head ({@code road-sigmoid}): the training
 * task's name and the prefix of its measurements.
 */
record Arm(SceneType type, ExamUNet.Head head) {
  String key() {
    return head == ExamUNet.Head.SOFTMAX ? type.key() : type.key() + "-sigmoid";
  }

  /** Every arm a run trains: each scene type with the softmax head, the sigmoid ones after. */
  static List<Arm> of(UNetSettings.Scenes scenes) {
    List<Arm> arms = new ArrayList<>();
    scenes.types().forEach(t -> arms.add(new Arm(t, ExamUNet.Head.SOFTMAX)));
    scenes.sigmoid().forEach(t -> arms.add(new Arm(t, ExamUNet.Head.SIGMOID)));
    return arms;
  }
}
