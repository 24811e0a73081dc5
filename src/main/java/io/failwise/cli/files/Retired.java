package io.failwise.cli.files;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field a file may still carry from an earlier version, read only to refuse it with what replaced it.
 * It is not offered among the fields "valid here" when another field is misspelt: the hint named
 * {@code intermittent}, which the next run then refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Retired {}
