package io.failwise.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KnownNamesTest {
  @Test
  void noNamesSaySo() {
    assertEquals("(none)", KnownNames.of(Stream.empty()));
  }

  @Test
  void upToTenAreAllListedInOrder() {
    assertEquals("a, b, c", KnownNames.of(Stream.of("c", "a", "b")));
    List<String> ten = IntStream.range(0, 10).mapToObj(i -> "n" + i).toList();
    assertEquals(String.join(", ", ten), KnownNames.of(ten.stream()));
  }

  @Test
  void moreThanTenAreTheFirstTenInOrderAndACountWhateverTheOrderTheyCameIn() {
    List<String> names = new ArrayList<>(IntStream.range(0, 1_234).mapToObj(i -> String.format("n%04d", i)).toList());
    String expected = String.join(", ", names.subList(0, 10)) + " and 1,224 more";
    for (long seed = 0; seed < 5; seed++) {
      Collections.shuffle(names, new Random(seed));
      assertEquals(expected, KnownNames.of(names.stream()), "seed " + seed);
    }
  }
}
