package io.failwise.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The protobuf bodies of kubectl 1.33's create subcommands, as kubectl -v=8 printed them. */
class ProtobufBodiesTest {
  /** kubectl create configmap x -n default --from-literal=a=b --from-literal=mode=drill */
  static final String CONFIG_MAP =
      "6b3873000a0f0a0276311209436f6e6669674d61701231"
          + "0a180a01781200 1a0764656661756c74 22002a0032003800 4200"
          + "1206 0a0161 120162 120d 0a046d6f6465 1205 6472696c6c 1a002200";
  /** kubectl create configmap failwise-halt -n failwise: no data at all */
  static final String EMPTY_CONFIG_MAP =
      "6b3873000a0f0a0276311209436f6e6669674d617012270a250a0d6661696c776973652d68616c7412001a08"
          + "6661696c77697365 22002a00320038004200 1a002200";
  /** kubectl create secret generic s1 -n default --from-literal=a=b --type=Opaque */
  static final String SECRET =
      "6b3873000a0c0a0276311206536563726574122b0a190a02733112001a0764656661756c7422002a00320038004200"
          + "12060a0161120162 1a064f7061717565 1a002200";
  /** kubectl create namespace nsx */
  static final String NAMESPACE = "6b3873000a0f0a0276311209 4e616d657370616365121b0a130a036e737812001a0022002a00320038004200 12001a020a00 1a002200";
  /** kubectl create serviceaccount sa1 -n default */
  static final String SERVICE_ACCOUNT =
      "6b3873000a140a027631120e536572766963654163636f756e74121c0a1a0a0373613112001a0764656661756c7422002a00320038004200 1a002200";

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  @Test
  void aConfigMapOfKubectlCreateIsTheSameObjectInJson() throws Exception {
    assertEquals(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\",\"namespace\":\"default\"},\"data\":{\"a\":\"b\",\"mode\":\"drill\"}}",
        ProtobufBodies.toJson(bytes(CONFIG_MAP)).toString());
    assertEquals(
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"failwise-halt\",\"namespace\":\"failwise\"}}",
        ProtobufBodies.toJson(bytes(EMPTY_CONFIG_MAP)).toString());
  }

  @Test
  void aSecretKeepsItsTypeAndItsDataBase64AsInJson() throws Exception {
    assertEquals(
        "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s1\",\"namespace\":\"default\"},\"data\":{\"a\":\"Yg==\"},\"type\":\"Opaque\"}",
        ProtobufBodies.toJson(bytes(SECRET)).toString());
  }

  @Test
  void aNamespace() throws Exception {
    assertEquals("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"nsx\"}}", ProtobufBodies.toJson(bytes(NAMESPACE)).toString());
  }

  @Test
  void anotherKindIsRefusedByName() {
    var e = assertThrows(ProtobufBodies.Undecodable.class, () -> ProtobufBodies.toJson(bytes(SERVICE_ACCOUNT)));
    assertTrue(e.getMessage().contains("not of ServiceAccount (v1)"), e.getMessage());
  }

  @Test
  void aFieldItDoesNotKnowIsRefusedRatherThanDropped() {
    // the ConfigMap with a field 9 (varint 1) appended to the object: a later Kubernetes might add one
    String withField9 = CONFIG_MAP.replace(" ", "").replace("12310a18", "12330a18").replace("1a002200", "48011a002200");
    var e = assertThrows(ProtobufBodies.Undecodable.class, () -> ProtobufBodies.toJson(bytes(withField9)));
    assertTrue(e.getMessage().contains("the ConfigMap has field 9"), e.getMessage());
  }

  @Test
  void notProtobufAtAllIsRefused() {
    assertThrows(ProtobufBodies.Undecodable.class, () -> ProtobufBodies.toJson("{\"kind\":\"ConfigMap\"}".getBytes()));
    assertThrows(ProtobufBodies.Undecodable.class, () -> ProtobufBodies.toJson(bytes("6b38730012ff")));
  }
}
