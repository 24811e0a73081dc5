package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Kubernetes protobuf bodies kubectl sends, as the JSON the CRUD dispatcher reads. kubectl's
 * {@code create} subcommands (since kubectl 1.32) write with typed clients, which encode the object as
 * protobuf; {@code kubectl create configmap failwise-halt} is how docs/policies.md halts policies. Only the
 * kinds those commands create that Failwise users need are decoded: ConfigMap, Secret and Namespace. A body
 * of any other kind, or with a field this decoder does not know, is refused (415, {@link RequestBodies})
 * rather than stored without that field.
 *
 * <p>The wire format (k8s.io/apimachinery runtime.Unknown and k8s.io/api core/v1 generated.proto): the
 * bytes {@code k8s\0}, then an Unknown message: 1 typeMeta {1 apiVersion, 2 kind}, 2 raw (the object's own
 * message), 3 contentEncoding, 4 contentType.
 */
final class ProtobufBodies {
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Why a body was not decoded: the 415's reason. */
  static final class Undecodable extends Exception {
    Undecodable(String message) {
      super(message);
    }
  }

  private ProtobufBodies() {}

  /** The object a protobuf request body holds, as JSON. */
  static JsonNode toJson(byte[] body) throws Undecodable {
    if (body == null || body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw new Undecodable("the body does not start with the Kubernetes protobuf prefix");
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(body, MAGIC.length, body.length - MAGIC.length);
      String apiVersion = "";
      String kind = "";
      byte[] raw = null;
      for (int tag; (tag = in.readTag()) != 0; ) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1 -> {
            CodedInputStream typeMeta = in.readBytes().newCodedInput();
            for (int t; (t = typeMeta.readTag()) != 0; ) {
              switch (WireFormat.getTagFieldNumber(t)) {
                case 1 -> apiVersion = typeMeta.readString();
                case 2 -> kind = typeMeta.readString();
                default -> typeMeta.skipField(t);
              }
            }
          }
          case 2 -> raw = in.readByteArray();
          case 3, 4 -> {
            String encoding = in.readString();
            if (!encoding.isEmpty()) {
              throw new Undecodable("the object is wrapped in " + encoding);
            }
          }
          default -> in.skipField(tag);
        }
      }
      if (raw == null) {
        throw new Undecodable("the body holds no object");
      }
      ObjectNode object = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
      String type = apiVersion + "/" + kind;
      switch (type) {
        case "v1/ConfigMap" -> configMap(CodedInputStream.newInstance(raw), object);
        case "v1/Secret" -> secret(CodedInputStream.newInstance(raw), object);
        case "v1/Namespace" -> namespace(CodedInputStream.newInstance(raw), object);
        default -> throw new Undecodable("it decodes protobuf of a v1 ConfigMap, Secret or Namespace only, not of " + kind + " (" + apiVersion + ")");
      }
      return object;
    } catch (IOException e) {
      throw new Undecodable("the protobuf is malformed: " + e.getMessage());
    }
  }

  private static void configMap(CodedInputStream in, ObjectNode object) throws IOException, Undecodable {
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> object.set("metadata", metadata(in.readBytes().newCodedInput()));
        case 2 -> stringEntry(in, child(object, "data"));
        case 3 -> bytesEntry(in, child(object, "binaryData"));
        case 4 -> object.put("immutable", in.readBool());
        default -> throw unknown("ConfigMap", tag);
      }
    }
  }

  private static void secret(CodedInputStream in, ObjectNode object) throws IOException, Undecodable {
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> object.set("metadata", metadata(in.readBytes().newCodedInput()));
        case 2 -> bytesEntry(in, child(object, "data"));
        case 3 -> putUnlessEmpty(object, "type", in.readString());
        case 4 -> stringEntry(in, child(object, "stringData"));
        case 5 -> object.put("immutable", in.readBool());
        default -> throw unknown("Secret", tag);
      }
    }
  }

  private static void namespace(CodedInputStream in, ObjectNode object) throws IOException, Undecodable {
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> object.set("metadata", metadata(in.readBytes().newCodedInput()));
        case 2 -> {
          CodedInputStream spec = in.readBytes().newCodedInput();
          for (int t; (t = spec.readTag()) != 0; ) {
            if (WireFormat.getTagFieldNumber(t) != 1) {
              throw unknown("Namespace spec", t);
            }
            child(object, "spec").withArray("finalizers").add(spec.readString());
          }
        }
        case 3 -> {
          // status: the server's to set; kubectl sends it empty
          in.readBytes();
        }
        default -> throw unknown("Namespace", tag);
      }
    }
  }

  /**
   * ObjectMeta as a client writes it on create. What the server sets (selfLink, uid, generation,
   * creationTimestamp) is dropped, as kube-apiserver drops it; fields a create from kubectl never sends
   * (deletion, owner references, managed fields) are refused.
   */
  private static ObjectNode metadata(CodedInputStream in) throws IOException, Undecodable {
    ObjectNode metadata = JSON.objectNode();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> putUnlessEmpty(metadata, "name", in.readString());
        case 2 -> putUnlessEmpty(metadata, "generateName", in.readString());
        case 3 -> putUnlessEmpty(metadata, "namespace", in.readString());
        case 6 -> putUnlessEmpty(metadata, "resourceVersion", in.readString());
        case 4, 5, 7, 8 -> in.skipField(tag);
        case 11 -> stringEntry(in, child(metadata, "labels"));
        case 12 -> stringEntry(in, child(metadata, "annotations"));
        case 14 -> metadata.withArray("finalizers").add(in.readString());
        default -> throw unknown("metadata", tag);
      }
    }
    return metadata;
  }

  private static ObjectNode child(ObjectNode node, String field) {
    return node.get(field) instanceof ObjectNode child ? child : node.putObject(field);
  }

  private static void putUnlessEmpty(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
  }

  /** One entry of a map<string, string>: 1 key, 2 value. */
  private static void stringEntry(CodedInputStream in, ObjectNode map) throws IOException, Undecodable {
    CodedInputStream entry = in.readBytes().newCodedInput();
    String key = "";
    String value = "";
    for (int tag; (tag = entry.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = entry.readString();
        case 2 -> value = entry.readString();
        default -> throw unknown("map entry", tag);
      }
    }
    map.put(key, value);
  }

  /** One entry of a map<string, bytes>, its value base64 in JSON as in kube-apiserver's. */
  private static void bytesEntry(CodedInputStream in, ObjectNode map) throws IOException, Undecodable {
    CodedInputStream entry = in.readBytes().newCodedInput();
    String key = "";
    byte[] value = new byte[0];
    for (int tag; (tag = entry.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = entry.readString();
        case 2 -> value = entry.readByteArray();
        default -> throw unknown("map entry", tag);
      }
    }
    map.put(key, java.util.Base64.getEncoder().encodeToString(value));
  }

  private static Undecodable unknown(String where, int tag) {
    return new Undecodable("the " + where + " has field " + WireFormat.getTagFieldNumber(tag) + ", which this server does not decode");
  }

  /** {@link #toJson} as the bytes of a JSON request body. */
  static byte[] toJsonBytes(byte[] body) throws Undecodable {
    return toJson(body).toString().getBytes(StandardCharsets.UTF_8);
  }
}
