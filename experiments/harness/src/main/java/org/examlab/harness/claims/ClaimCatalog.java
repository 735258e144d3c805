package org.examlab.harness.claims;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.examlab.harness.config.ConfigException;
import org.examlab.harness.config.ConfigLoader;
import org.examlab.harness.config.InvalidSettingException;
import org.examlab.harness.config.Require;

/**
 * {@code configs/claims/catalog.yaml}: every claim of the exams, and the config that decides it
 * (quick: 2-core CPU; full: GPU), or why nothing can.
 *
 * @param exams exam number ("000") to a one-line description of the document
 */
public record ClaimCatalog(Map<String, String> exams, List<Entry> claims) {
  public static final String DEFAULT_LOCATION = "configs/claims/catalog.yaml";

  public ClaimCatalog {
    exams = exams == null ? Map.of() : Map.copyOf(exams);
    if (claims == null || claims.isEmpty()) {
      throw new InvalidSettingException("claims", "must list at least one claim");
    }
    claims = List.copyOf(claims);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < claims.size(); i++) {
      if (!seen.add(claims.get(i).id())) {
        throw new InvalidSettingException("claims[" + i + "].id", "'" + claims.get(i).id() + "' is listed twice");
      }
    }
  }

  /**
   * One claim.
   *
   * @param id the exam claim ID: the exam's number, a dash, the claim's number ("003-6a")
   * @param topic what is claimed, in a line
   * @param quick the config (relative to configs/) that decides it on a 2-core CPU
   * @param full the config for a GPU box; the same rules on larger models and data
   * @param untestable why no measurement can decide it (then no configs)
   */
  public record Entry(String id, String topic, String quick, String full, String untestable) {
    public Entry {
      Require.nonBlank("id", id);
      if (!id.matches("\\d{3}-[A-Za-z0-9/.-]+")) {
        throw new InvalidSettingException("id", "must look like 000-7 or 003-6a, got '" + id + "'");
      }
      Require.nonBlank("topic", topic);
      if (untestable == null) {
        Require.nonBlank("quick", quick);
        Require.nonBlank("full", full);
      } else if (quick != null || full != null) {
        throw new InvalidSettingException("untestable", "an untestable claim names no configs");
      }
    }

    /** The exam document the claim comes from: the ID's first three digits. */
    public String exam() {
      return id.substring(0, 3);
    }

    public boolean testable() {
      return untestable == null;
    }

    public String config(boolean fullSize) {
      return fullSize ? full : quick;
    }

    /** A verdict decides this claim if it carries its ID or a part of it ("000-7/k-fold"). */
    public boolean decidedBy(String verdictId) {
      return verdictId.equals(id) || verdictId.startsWith(id + "/");
    }

    /** Selected by {@code --only}: the claim's ID, one of its parts' IDs, or its exam's number. */
    public boolean selectedBy(String only) {
      return id.equals(only) || exam().equals(only) || only.startsWith(id + "/") || id.startsWith(only + "/");
    }
  }

  public static ClaimCatalog load(Path file) throws ConfigException {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("", file.toString(), "no claim catalog here");
    }
    try {
      return ConfigLoader.strictYamlMapper().readValue(file.toFile(), ClaimCatalog.class);
    } catch (JsonMappingException e) {
      String where = e.getLocation() == null ? file.toString() : file + ":" + e.getLocation().getLineNr();
      String key = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
          .reduce("", String::concat).replaceFirst("^\\.", "");
      if (e.getCause() instanceof InvalidSettingException s) {
        throw new ConfigException(key.isEmpty() ? s.field() : key + "." + s.field(), where, s.getMessage());
      }
      throw new ConfigException(key, where, e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("", file.toString(), "cannot read the claim catalog: " + e.getMessage());
    }
  }
}
