package io.failwise.operator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names and label values the API server accepts, made from names that may be longer: an object's name is
 * at most 253 characters, a label value at most 63, and both start and end alphanumeric. A longer one
 * keeps its start and ends with a hash of the whole, so two long names stay distinct and the same name
 * always gives the same result (a selector finds what a label was written with).
 */
public final class KubernetesNames {
  public static final int NAME_MAX = 253;
  public static final int LABEL_MAX = 63;

  private KubernetesNames() {}

  /** A label value for {@code value}: itself when it fits. */
  public static String labelValue(String value) {
    return shortened(value, LABEL_MAX, 8);
  }

  /** An object name for {@code name}: itself when it fits. */
  public static String objectName(String name) {
    return shortened(name, NAME_MAX, 10);
  }

  private static String shortened(String value, int max, int hashLength) {
    if (value.length() <= max) {
      return value;
    }
    String hash = sha256(value).substring(0, hashLength);
    return value.substring(0, max - hash.length() - 1).replaceAll("[^A-Za-z0-9]+$", "") + "-" + hash;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
