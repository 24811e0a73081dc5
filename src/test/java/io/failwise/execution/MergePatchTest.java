package io.failwise.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  @Test
  void appliesRfc7386IncludingRemovalByNull() throws Exception {
    JsonNode target = json("{'data': {'a': '1', 'b': '2'}, 'keep': [1, 2]}");
    JsonNode patch = json("{'data': {'b': null, 'c': '3'}, 'keep': [3]}");
    assertEquals(json("{'data': {'a': '1', 'c': '3'}, 'keep': [3]}"), MergePatch.apply(target, patch));
    assertEquals(json("{'data': {'a': '1', 'b': '2'}, 'keep': [1, 2]}"), target, "the target is not changed");
  }

  @Test
  void theRfcsOwnExamples() throws Exception {
    // RFC 7386, appendix A: target, patch, result. The embedded API server applies merge patches with this.
    String[][] examples = {
      {"{'a':'b'}", "{'a':'c'}", "{'a':'c'}"},
      {"{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"},
      {"{'a':'b'}", "{'a':null}", "{}"},
      {"{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"},
      {"{'a':['b']}", "{'a':'c'}", "{'a':'c'}"},
      {"{'a':'c'}", "{'a':['b']}", "{'a':['b']}"},
      {"{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"},
      {"{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"},
      {"['a','b']", "['c','d']", "['c','d']"},
      {"{'a':'b'}", "['c']", "['c']"},
      {"{'a':'foo'}", "null", "null"},
      {"{'a':'foo'}", "'bar'", "'bar'"},
      {"{'e':null}", "{'a':1}", "{'e':null,'a':1}"},
      {"[1,2]", "{'a':'b','c':null}", "{'a':'b'}"},
      {"{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"}
    };
    for (String[] e : examples) {
      assertEquals(json(e[2]), MergePatch.apply(json(e[0]), json(e[1])), e[0] + " + " + e[1]);
    }
  }

  @Test
  void theInverseOfARoutingPatchRestoresTheConfigMapExactly() throws Exception {
    JsonNode before = json("{'data': {'go-eu-west-1.target': 'go-eu-west-1', 'other': 'x'}}");
    JsonNode patch = json("{'data': {'go-eu-west-1.target': 'go-eu-north-1', 'go-eu-west-1.percent': '10'}}");
    List<SavedField> saved = MergePatch.save(patch, before);
    assertEquals(
        List.of("/data/go-eu-west-1.target=\"go-eu-west-1\"", "/data/go-eu-west-1.percent=absent"),
        saved.stream().map(f -> f.pointer() + "=" + (f.value() == null ? "absent" : f.value().toString())).toList());
    assertEquals(before, MergePatch.restore(MergePatch.apply(before, patch), saved));
  }

  @Test
  void wavesMergedOlderFirstRestoreTheStateBeforeTheFirstWave() throws Exception {
    JsonNode original = json("{'data': {'route': 'west'}}");
    JsonNode wave1 = json("{'data': {'route': 'north', 'percent': '1'}}");
    JsonNode wave2 = json("{'data': {'percent': '10', 'drain': 'on'}}");
    JsonNode after1 = MergePatch.apply(original, wave1);
    List<SavedField> saved = MergePatch.save(wave1, original);
    saved = MergePatch.mergeOlder(saved, MergePatch.save(wave2, after1));
    JsonNode after2 = MergePatch.apply(after1, wave2);
    assertEquals(3, saved.size(), "route and percent from wave 1, drain from wave 2: " + saved);
    assertEquals(original, MergePatch.restore(after2, saved));
  }

  @Test
  void undoingAPatchThatReplacedAnObjectPutsTheWholeObjectBack() throws Exception {
    JsonNode original = json("{'spec': {'selector': {'app': 'gw', 'zone': 'west'}}}");
    JsonNode removeSelector = json("{'spec': {'selector': null}}");
    JsonNode newSelector = json("{'spec': {'selector': {'app': 'gw-north'}}}");
    List<SavedField> saved = MergePatch.save(removeSelector, original);
    JsonNode after1 = MergePatch.apply(original, removeSelector);
    saved = MergePatch.mergeOlder(saved, MergePatch.save(newSelector, after1));
    JsonNode after2 = MergePatch.apply(after1, newSelector);
    assertEquals(original, MergePatch.restore(after2, saved), "a merge patch could not express this: it would keep app: gw-north");
  }

  @Test
  void pointersEscapeSlashesAndTildes() {
    SavedField f = new SavedField(List.of("metadata", "annotations", "failwise.io/run~x"), null);
    assertEquals("/metadata/annotations/failwise.io~1run~0x", f.pointer());
    assertEquals(f.path(), SavedField.parsePointer(f.pointer()));
  }

  @Test
  void anySequenceOfPatchesIsUndoneExactlyByTheMergedInverse() {
    Random random = new Random(7);
    for (int trial = 0; trial < 5_000; trial++) {
      JsonNode original = randomObject(random, 3);
      JsonNode current = original;
      List<SavedField> saved = null;
      int patches = 1 + random.nextInt(4);
      for (int i = 0; i < patches; i++) {
        JsonNode patch = randomPatch(random, 3);
        List<SavedField> fields = MergePatch.save(patch, current);
        saved = saved == null ? fields : MergePatch.mergeOlder(saved, fields);
        current = MergePatch.apply(current, patch);
      }
      assertEquals(original, MergePatch.restore(current, saved), "trial " + trial);
    }
  }

  private static final String[] KEYS = {"a", "b", "c", "d"};

  private static ObjectNode randomObject(Random r, int depth) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (String k : KEYS) {
      if (r.nextInt(3) == 0) {
        continue;
      }
      o.set(k, randomValue(r, depth - 1));
    }
    return o;
  }

  private static JsonNode randomValue(Random r, int depth) {
    return switch (depth <= 0 ? r.nextInt(3) : r.nextInt(5)) {
      case 0 -> JsonNodeFactory.instance.textNode("s" + r.nextInt(3));
      case 1 -> JsonNodeFactory.instance.numberNode(r.nextInt(3));
      case 2 -> JsonNodeFactory.instance.arrayNode().add(r.nextInt(2));
      default -> randomObject(r, depth);
    };
  }

  private static ObjectNode randomPatch(Random r, int depth) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (String k : KEYS) {
      int choice = r.nextInt(4);
      if (choice == 0) {
        o.putNull(k);
      } else if (choice == 1 && depth > 1) {
        o.set(k, randomPatch(r, depth - 1));
      } else if (choice == 2) {
        o.set(k, randomValue(r, depth - 1));
      }
    }
    return o;
  }
}
