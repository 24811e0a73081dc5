package io.failwise.testing;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands for parsing and help only: collaborators are null, nothing is executed. */
public final class ParseOnlyFactory implements CommandLine.IFactory {
  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      return CommandLine.defaultFactory().create(cls);
    } catch (Exception e) {
      Constructor<?> c = cls.getDeclaredConstructors()[0];
      c.setAccessible(true);
      return cls.cast(c.newInstance(new Object[c.getParameterCount()]));
    }
  }
}
