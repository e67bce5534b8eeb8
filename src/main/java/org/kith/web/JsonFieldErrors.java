package org.kith.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns a JSON value that does not fit its field into the field's name and what to send instead. */
public final class JsonFieldErrors {

    /** The field at fault, as a dotted path, and what to do; null when no field can be named. */
    public static InvalidInputException.FieldError of(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return null;
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        Class<?> target = e instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String message;
        if (target != null && target.isEnum()) {
            message = useOneOf(target);
        } else if (e instanceof InvalidFormatException) {
            message = "This value is not in the expected form.";
        } else {
            message = "This value has the wrong type.";
        }
        return new InvalidInputException.FieldError(field, message);
    }

    /** "Use one of: A, B, C." for an enum's values. */
    public static String useOneOf(Class<?> enumType) {
        return "Use one of: " + Arrays.stream(enumType.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", ")) + ".";
    }

    private JsonFieldErrors() {
    }
}
