package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What the embedded server stores for a write over a stored object ({@link WriteAnswers#settled}). */
class WriteAnswersTest {
  private static final String STORED =
      "{\"kind\":\"Cluster\",\"metadata\":{\"name\":\"a\",\"generation\":3,\"resourceVersion\":\"10\",\"labels\":{\"fleet\":\"x\"}},"
          + "\"spec\":{\"region\":\"eu\"},\"status\":{\"health\":\"Healthy\"}}";

  @Test
  void aWriteThatChangesNothingButItsVersionAndGenerationStoresNothing() {
    // fabric8 moved the generation and the version for a patch whose unknown field was then pruned.
    String written = STORED.replace("\"generation\":3", "\"generation\":4").replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"11\"");
    assertSame(STORED, WriteAnswers.settled(STORED, written));
  }

  @Test
  void metadataOrStatusAloneKeepsTheGeneration() {
    String labelled = STORED.replace("\"generation\":3", "\"generation\":4").replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"11\"")
        .replace("{\"fleet\":\"x\"}", "{\"fleet\":\"x\",\"team\":\"sre\"}");
    String settled = WriteAnswers.settled(STORED, labelled);
    assertEquals(labelled.replace("\"generation\":4", "\"generation\":3"), settled);
    String status = STORED.replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"11\"").replace("Healthy", "Outage");
    assertSame(status, WriteAnswers.settled(STORED, status), "a status write is stored as written");
  }

  @Test
  void aChangeOfTheSpecIsStoredAsWritten() {
    String changed = STORED.replace("\"generation\":3", "\"generation\":4").replace("\"resourceVersion\":\"10\"", "\"resourceVersion\":\"11\"")
        .replace("\"region\":\"eu\"", "\"region\":\"us\"");
    assertSame(changed, WriteAnswers.settled(STORED, changed));
    String added = changed.replace("\"region\":\"us\"", "\"region\":\"eu\",\"admission\":{\"devicesPerSecond\":5}");
    assertSame(added, WriteAnswers.settled(STORED, added), "a field added to the spec is a change");
  }

  @Test
  void aCreateOrADeleteIsStoredAsWritten() {
    assertSame(STORED, WriteAnswers.settled(null, STORED));
    assertEquals(null, WriteAnswers.settled(STORED, null));
  }
}
