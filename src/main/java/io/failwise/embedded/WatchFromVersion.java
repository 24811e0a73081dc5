package io.failwise.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A watch from a resource version, as kube-apiserver serves it: only what changed since. fabric8 opens
 * every watch with an ADDED event for each stored object it matches, whatever version the client asked
 * to watch from: kubectl, which had just listed them, printed every row twice, and each informer took
 * every object again on each watch it re-opened. An ADDED event of an object no newer than that version
 * (the server's resource versions count every write, as kube-apiserver's do) is what the client has: it is
 * left out. The rest passes as it is: an object changed while no watch was open comes again with a newer
 * version (fabric8 keeps no history, and that replay is how a client learns of it), and a DELETED event
 * carries the object's last version, which may be older.
 */
final class WatchFromVersion extends WebSocketListener {
  private static final Pattern VERSION = Pattern.compile("[?&]resourceVersion=([0-9]+)(?:&|$)");

  private final WebSocketListener served;
  private final long since;
  private WebSocket socket;

  private WatchFromVersion(WebSocketListener served, long since) {
    this.served = served;
    this.since = since;
  }

  /** The watch fabric8 answered for {@code path}, from the version the path asks for (as it is when it asks for none, or "0"). */
  static MockResponse of(String path, MockResponse watch) {
    OptionalLong since = since(path);
    WebSocketListener served = watch.getWebSocketListener();
    if (served == null || since.isEmpty()) {
      return watch;
    }
    return watch.withWebSocketUpgrade(new WatchFromVersion(served, since.getAsLong()));
  }

  static OptionalLong since(String path) {
    Matcher m = VERSION.matcher(path == null ? "" : path);
    if (!m.find()) {
      return OptionalLong.empty();
    }
    try {
      long version = Long.parseLong(m.group(1));
      return version > 0 ? OptionalLong.of(version) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Whether {@code event} is an ADDED event of an object no newer than {@code since}: the client listed it. */
  static boolean listedAlready(String event, long since) {
    if (!event.contains("\"ADDED\"")) {
      return false;
    }
    try {
      JsonNode read = Serialization.jsonMapper().readTree(event);
      String version = read.path("object").path("metadata").path("resourceVersion").asText("");
      return "ADDED".equals(read.path("type").asText()) && !version.isEmpty() && Long.parseLong(version) <= since;
    } catch (java.io.IOException | NumberFormatException e) {
      return false; // not ours to judge: sent as it came
    }
  }

  /** The socket fabric8's listener writes to: one per watch, as the listener is. */
  private synchronized WebSocket socket(WebSocket ws) {
    if (socket == null) {
      socket = new Filtered(ws);
    }
    return socket;
  }

  @Override
  public void onBeforeAccept(WebSocket ws, Response response) {
    served.onBeforeAccept(socket(ws), response);
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    served.onOpen(socket(ws), response);
  }

  @Override
  public void onMessage(WebSocket ws, String text) {
    served.onMessage(socket(ws), text);
  }

  @Override
  public void onMessage(WebSocket ws, byte[] bytes) {
    served.onMessage(socket(ws), bytes);
  }

  @Override
  public void onMessage(WebSocket ws, io.fabric8.mockwebserver.http.ByteString bytes) {
    served.onMessage(socket(ws), bytes);
  }

  @Override
  public void onClosing(WebSocket ws, int code, String reason) {
    served.onClosing(socket(ws), code, reason);
  }

  @Override
  public void onClosed(WebSocket ws, int code, String reason) {
    served.onClosed(socket(ws), code, reason);
  }

  @Override
  public void onFailure(WebSocket ws, Throwable t, Response response) {
    served.onFailure(socket(ws), t, response);
  }

  private final class Filtered implements WebSocket {
    private final WebSocket ws;

    Filtered(WebSocket ws) {
      this.ws = ws;
    }

    @Override
    public RecordedRequest request() {
      return ws.request();
    }

    @Override
    public boolean send(String text) {
      return listedAlready(text, since) || ws.send(text);
    }

    @Override
    public boolean send(byte[] bytes) {
      return listedAlready(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), since) || ws.send(bytes);
    }

    @Override
    public boolean close(int code, String reason) {
      return ws.close(code, reason);
    }
  }
}
