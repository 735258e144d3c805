package org.examlab.harness.backend;

import java.util.Map;

/**
 * What actually ran, as recorded in environment.json.
 *
 * @param backend "CPU" or "CUDA", as ND4J reports it
 * @param nativeBuild the libnd4j build chosen ("onednn-avx512", "generic", "cuda-11.6")
 * @param nativeLibrary the path of the native library the process loaded
 * @param oneDnn whether libnd4j reports oneDNN in use
 * @param convolutionHelper the DL4J helper class that a convolution layer gets
 *     ("MKLDNNConvHelper"), or "none": the proof that the fast path is really on
 */
public record BackendInfo(
    String backend,
    String nativeBuild,
    String nativeLibrary,
    boolean oneDnn,
    String convolutionHelper,
    Map<String, String> nd4jEnvironment) {}
