package org.examlab.experiments.rnngradients;

/**
 * The two arms of the clipping comparison; their labels name measurements and training tasks. The
 * exploding grid's trainings are unclipped.
 */
enum ClippingVariant {
  UNCLIPPED("unclipped"),
  CLIPPED("clipped");

  private final String label;

  ClippingVariant(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
