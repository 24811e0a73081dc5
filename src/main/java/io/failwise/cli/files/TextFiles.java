package io.failwise.cli.files;

import io.failwise.cli.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a text file the CLI takes as UTF-8. A file that is not (a binary, a file saved in Latin-1) is
 * input to fix, and the error says where its first byte that is not UTF-8 is, where the JDK would say
 * only "Input length = 1".
 */
public final class TextFiles {
  private TextFiles() {}

  /**
   * The file's text.
   *
   * @param what how the error names the file, e.g. the file itself or "--settings FILE"
   * @throws UserInputException if it does not exist, cannot be read or is not UTF-8
   */
  public static String readUtf8(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(what + ": no such file");
    } catch (IOException e) {
      throw new UserInputException(what + ": cannot read it (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }
    return decode(bytes, what);
  }

  /** The bytes as UTF-8 text; an error names the offset and value of the first byte that is not. */
  static String decode(byte[] bytes, String what) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isUnderflow()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      throw new UserInputException(
          what + ": not UTF-8 text (byte 0x" + String.format(Locale.ROOT, "%02X", bytes[at] & 0xff) + " at offset " + at
              + "; is it a binary file, or saved in another encoding?)");
    }
    out.flip();
    String text = out.toString();
    // A byte order mark is not part of the text.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
