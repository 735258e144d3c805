package org.examlab.harness.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The builds of libnd4j's CPU library that ship for linux-x86_64. The oneDNN builds run
 * convolutions, pooling, batch norm and LSTMs through Intel's oneDNN kernels; the AVX-512 one is
 * the fastest where the CPU has those instructions. JavaCPP loads the build named by the system
 * property {@code org.bytedeco.javacpp.platform.extension}, which must be set before ND4J first
 * loads.
 */
public enum NativeBuild {
  ONEDNN_AVX512(
      "-onednn-avx512", Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")),
  ONEDNN_AVX2("-onednn-avx2", Set.of("avx2", "fma", "bmi2", "f16c")),
  GENERIC("", Set.of());

  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

  /** Set to generic, onednn-avx2 or onednn-avx512 to override the automatic choice. */
  public static final String OVERRIDE_PROPERTY = "examlab.native";

  private final String extension;
  private final Set<String> requiredCpuFlags;

  NativeBuild(String extension, Set<String> requiredCpuFlags) {
    this.extension = extension;
    this.requiredCpuFlags = requiredCpuFlags;
  }

  public String extension() {
    return extension;
  }

  /** The name used on the command line and in environment.json: "onednn-avx512", "generic". */
  public String label() {
    return this == GENERIC ? "generic" : extension.substring(1);
  }

  /** The fastest build whose instructions the CPU supports (flags as in /proc/cpuinfo). */
  public static NativeBuild fastestFor(Set<String> cpuFlags) {
    for (NativeBuild b : values()) {
      if (cpuFlags.containsAll(b.requiredCpuFlags)) {
        return b;
      }
    }
    return GENERIC;
  }

  public static NativeBuild parse(String label) {
    for (NativeBuild b : values()) {
      if (b.label().equalsIgnoreCase(label.trim())) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown native build '"
            + label
            + "'; choose one of "
            + Arrays.stream(values()).map(NativeBuild::label).toList());
  }

  /** The user's override if given, else the fastest build this CPU supports. */
  public static NativeBuild choose() {
    String requested = System.getProperty(OVERRIDE_PROPERTY, System.getenv("EXAMLAB_NATIVE"));
    if (requested != null && !requested.isBlank() && !requested.equalsIgnoreCase("auto")) {
      return parse(requested);
    }
    return fastestFor(cpuFlags());
  }

  /** The CPU's feature flags from /proc/cpuinfo; empty where that file does not exist. */
  public static Set<String> cpuFlags() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("flags"))
          .findFirst()
          .map(
              l ->
                  Arrays.stream(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
                      .map(s -> s.toLowerCase(Locale.ROOT))
                      .collect(Collectors.toSet()))
          .orElse(Set.of());
    } catch (IOException e) {
      return Set.of();
    }
  }
}
