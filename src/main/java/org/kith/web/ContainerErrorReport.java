package org.kith.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What Tomcat itself answers when a request never reaches Kith: a path it cannot decode ({@code %00}), headers
 * larger than it accepts. Tomcat's own page names its version; this one says only what went wrong: problem JSON
 * under {@code /api/}, a plain page elsewhere. Every error that does reach Kith goes to {@link ErrorPages}.
 */
public class ContainerErrorReport extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
        }
        String uri = request.getRequestURI();
        boolean api = uri != null && uri.startsWith("/api/");
        try {
            response.setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(api ? problem(status) : page(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone or the response is already under way: nothing more to say
        }
    }

    static String problem(HttpStatus status) {
        return "{\"type\":\"about:blank\",\"title\":\"" + ErrorPages.title(status) + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + ErrorPages.detail(status) + "\"}";
    }

    static String page(HttpStatus status) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + ErrorPages.title(status)
                + " - Kith</title><link rel=\"stylesheet\" href=\"/css/kith.css\"></head>\n<body><main><h1>"
                + ErrorPages.title(status) + "</h1><p>" + ErrorPages.detail(status)
                + "</p><p><a href=\"/\">Go to the Kith home page</a></p></main></body></html>\n";
    }
}
