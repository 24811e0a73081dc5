package io.failwise.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body a channel posts: Slack's incoming-webhook {@code text}, or a generic JSON object. */
final class NoticeBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private NoticeBody() {}

  static String of(NotifyChannel.Format format, Notice n) {
    ObjectNode body = JSON.createObjectNode();
    if (format == NotifyChannel.Format.slack) {
      // mrkdwn: the title bold, then the sentence, then the command to copy.
      body.put("text", "*" + slack(n.title()) + "*\n" + slack(n.text()) + (n.command() == null ? "" : "\n`" + slack(n.command()) + "`"));
    } else {
      body.put("kind", n.kind().setting());
      body.put("resource", n.resource());
      body.put("title", n.title());
      body.put("message", n.text());
      if (n.command() != null) {
        body.put("command", n.command());
      }
      body.put("time", n.at().toString());
    }
    return body.toString();
  }

  /** Slack treats &, < and > as markup: escaped as its docs ask. */
  private static String slack(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
