package io.failwise.cli;

/** Input a person must fix: the message names the file or resource, the field and what is valid. */
public class UserInputException extends RuntimeException {
  public UserInputException(String message) {
    super(message);
  }
}
