package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What kubectl's strategic merge patches do to a stored built-in object, as kube-apiserver applies them. */
class StrategicMergePatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static JsonNode patched(String stored, String patch) throws Exception {
    return StrategicMergePatch.apply(json(stored), json(patch));
  }

  @Test
  void aConfigMapsDataMergesAndNullRemovesAKey() throws Exception {
    // What `kubectl apply` sends when a key was dropped from the file and another changed.
    assertEquals(
        json("{'metadata':{'name':'routing'},'data':{'a':'c','z':'1'}}"),
        patched("{'metadata':{'name':'routing'},'data':{'a':'b','k':'v','z':'1'}}", "{'data':{'a':'c','k':null}}"));
  }

  @Test
  void containersMergeByNameSoANewImageKeepsTheContainersOtherFields() throws Exception {
    String stored =
        "{'spec':{'template':{'spec':{'containers':["
            + "{'name':'gateway','image':'gw:1','ports':[{'containerPort':8883,'protocol':'TCP'}]},"
            + "{'name':'sidecar','image':'sc:1'}]}}}}";
    String patch =
        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'gateway'},{'name':'sidecar'}],"
            + "'containers':[{'name':'gateway','image':'gw:2'}]}}}}";
    assertEquals(
        json("{'spec':{'template':{'spec':{'containers':["
            + "{'name':'gateway','image':'gw:2','ports':[{'containerPort':8883,'protocol':'TCP'}]},"
            + "{'name':'sidecar','image':'sc:1'}]}}}}"),
        patched(stored, patch),
        "merged by name, the order directive obeyed and not stored");
  }

  @Test
  void aListElementMarkedDeleteIsRemovedAndANewOneAppended() throws Exception {
    String stored = "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}";
    assertEquals(
        json("{'env':[{'name':'A','value':'1'},{'name':'C','value':'3'}]}"),
        patched(stored, "{'env':[{'name':'B','$patch':'delete'},{'name':'C','value':'3'}]}"));
  }

  @Test
  void aListWithoutAMergeKeyIsReplacedAndFinalizersAreAddedTo() throws Exception {
    assertEquals(
        json("{'args':['--b'],'metadata':{'finalizers':['x','y']}}"),
        patched("{'args':['--a','--c'],'metadata':{'finalizers':['x']}}", "{'args':['--b'],'metadata':{'finalizers':['y','x']}}"));
    assertEquals(
        json("{'metadata':{'finalizers':['y']}}"),
        patched("{'metadata':{'finalizers':['x','y']}}", "{'metadata':{'$deleteFromPrimitiveList/finalizers':['x']}}"));
  }

  @Test
  void servicePortsMergeByPortAndRetainKeysDropsTheRest() throws Exception {
    assertEquals(
        json("{'ports':[{'port':80,'targetPort':8080,'name':'http'},{'port':443,'targetPort':8443}]}"),
        patched("{'ports':[{'port':80,'targetPort':80,'name':'http'},{'port':443,'targetPort':8443}]}", "{'ports':[{'port':80,'targetPort':8080}]}"));
    // A Deployment's strategy switched from RollingUpdate to Recreate: kubectl sends $retainKeys.
    assertEquals(
        json("{'strategy':{'type':'Recreate'}}"),
        patched(
            "{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}",
            "{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}"));
  }

  @Test
  void theMergePatchItAmountsToRemovesWhatIsGoneAndSetsWhatChanged() throws Exception {
    JsonNode before = json("{'data':{'a':'b','k':'v'},'metadata':{'name':'x','labels':{'l':'1'}}}");
    JsonNode after = json("{'data':{'a':'c'},'metadata':{'name':'x','labels':{'l':'1'}},'binaryData':{'b':'AA=='}}");
    assertEquals(json("{'data':{'a':'c','k':null},'binaryData':{'b':'AA=='}}"), StrategicMergePatch.diff(before, after));
    assertEquals(after, io.failwise.execution.MergePatch.apply(before, StrategicMergePatch.diff(before, after)), "it gives the merged object back");
  }
}
