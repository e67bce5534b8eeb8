package org.kith.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Page text from {@code messages.properties} in the request's language, for controllers. */
@Component
public class Messages {

    private final MessageSource source;

    Messages(MessageSource source) {
        this.source = source;
    }

    public String text(String key, Object... args) {
        return source.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
