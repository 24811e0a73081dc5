package io.failwise.notify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One place notifications go, from {@code failwise.notifications.channels}: {@code FORMAT
 * NAMESPACE/SECRET[:KEY] [EVENT...]}. The URL itself is in the Secret (an incoming-webhook URL is a
 * credential: whoever has it can post), never in the settings, and never logged.
 *
 * @param format {@code slack} (a Slack-compatible incoming webhook: {@code {"text": ...}}) or {@code json}
 * @param key the Secret's key holding the URL (default {@code url})
 * @param kinds what it receives (default: everything)
 */
public record NotifyChannel(Format format, String secretNamespace, String secretName, String key, Set<Notice.Kind> kinds) {
  public static final String SETTING = "failwise.notifications.channels";
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

  /** How the body is written. */
  public enum Format {
    slack,
    json
  }

  /** Where the URL is: {@code NAMESPACE/NAME}, to name in messages instead of the URL. */
  public String secret() {
    return secretNamespace + "/" + secretName;
  }

  public boolean wants(Notice.Kind kind) {
    return kinds.contains(kind);
  }

  /**
   * Parses the setting's entries.
   *
   * @throws IllegalArgumentException naming the setting, the entry and what is valid
   */
  public static List<NotifyChannel> parse(List<String> entries) {
    List<NotifyChannel> channels = new ArrayList<>();
    for (String raw : entries) {
      String e = raw.trim();
      if (e.isEmpty()) {
        continue;
      }
      String[] words = e.split("\\s+");
      String valid = "; each channel is FORMAT NAMESPACE/SECRET[:KEY] [EVENT...], FORMAT slack or json, EVENT one of "
          + Arrays.stream(Notice.Kind.values()).map(Notice.Kind::setting).collect(Collectors.joining(", "))
          + ", e.g. slack failwise-system/oncall-webhook decisions approvals";
      Format format;
      try {
        format = Format.valueOf(words[0]);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException(SETTING + ": '" + e + "' has format '" + words[0] + "'" + valid);
      }
      if (words.length < 2) {
        throw new IllegalArgumentException(SETTING + ": '" + e + "' names no Secret" + valid);
      }
      String ref = words[1];
      String key = "url";
      int colon = ref.indexOf(':');
      if (colon >= 0) {
        key = ref.substring(colon + 1);
        ref = ref.substring(0, colon);
      }
      String[] parts = ref.split("/", -1);
      if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches() || !KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(SETTING + ": '" + e + "' names Secret '" + words[1] + "', not NAMESPACE/NAME[:KEY]" + valid);
      }
      Set<Notice.Kind> kinds = EnumSet.noneOf(Notice.Kind.class);
      for (int i = 2; i < words.length; i++) {
        String w = words[i];
        kinds.add(Arrays.stream(Notice.Kind.values()).filter(k -> k.setting().equals(w)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException(SETTING + ": '" + e + "' has event '" + w + "'" + valid)));
      }
      channels.add(new NotifyChannel(format, parts[0], parts[1], key, kinds.isEmpty() ? EnumSet.allOf(Notice.Kind.class) : kinds));
    }
    return List.copyOf(channels);
  }
}
