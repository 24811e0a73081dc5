package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Which events of fabric8's opening replay a watch from a resource version leaves out. */
class WatchFromVersionTest {
  private static String event(String type, String version) {
    return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"" + version + "\"}}}";
  }

  @Test
  void theVersionIsReadFromTheQueryAndNoneOrZeroMeansEverything() {
    assertEquals(OptionalLong.of(42), WatchFromVersion.since("/api/v1/configmaps?watch=true&resourceVersion=42"));
    assertEquals(OptionalLong.of(42), WatchFromVersion.since("/api/v1/configmaps?resourceVersion=42&allowWatchBookmarks=true&watch=true"));
    assertEquals(OptionalLong.empty(), WatchFromVersion.since("/api/v1/configmaps?watch=true"));
    assertEquals(OptionalLong.empty(), WatchFromVersion.since("/api/v1/configmaps?watch=true&resourceVersion=0"), "0: any version, all of it");
    assertEquals(OptionalLong.empty(), WatchFromVersion.since("/api/v1/configmaps?watch=true&resourceVersion="));
    assertEquals(OptionalLong.empty(), WatchFromVersion.since("/api/v1/configmaps?watch=true&oldResourceVersion=42"));
  }

  @Test
  void onlyAnAddedObjectNoNewerThanTheVersionIsLeftOut() {
    assertTrue(WatchFromVersion.listedAlready(event("ADDED", "40"), 42), "listed before: the client has it");
    assertTrue(WatchFromVersion.listedAlready(event("ADDED", "42"), 42), "the listed version itself");
    assertFalse(WatchFromVersion.listedAlready(event("ADDED", "43"), 42), "created or changed since: news");
    assertFalse(WatchFromVersion.listedAlready(event("DELETED", "40"), 42), "a deletion carries the object's last version: always sent");
    assertFalse(WatchFromVersion.listedAlready(event("MODIFIED", "40"), 42));
    assertFalse(WatchFromVersion.listedAlready(event("ADDED", "x1"), 42), "a version it cannot compare: sent");
    assertFalse(WatchFromVersion.listedAlready("{\"type\":\"ADDED\",", 42), "what it cannot read: sent");
  }
}
