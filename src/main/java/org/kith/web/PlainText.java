package org.kith.web;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text people type: any letters, emoji, tabs and line breaks, but no invisible control characters (NUL and its
 * kind), which usually arrive by copy and paste and break letters, exports and other systems downstream.
 */
@Documented
@Constraint(validatedBy = PlainText.Check.class)
@Target({METHOD, FIELD, ANNOTATION_TYPE, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String MESSAGE = "Remove the invisible control characters from this text; they often come with copying and "
            + "pasting.";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<PlainText, String> {

        /** True when the text has no control character but tab, line feed and carriage return. */
        public static boolean isPlain(String text) {
            return text == null || text.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                    && c != '\t' && c != '\n' && c != '\r');
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return isPlain(value);
        }
    }
}
