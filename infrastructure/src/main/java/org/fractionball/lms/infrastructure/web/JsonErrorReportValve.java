package org.fractionball.lms.infrastructure.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Tomcat answers some malformed requests itself (an encoded slash or NUL in the path, invalid
 * UTF-8) before any filter runs; this valve makes those answers the contract's JSON instead of
 * Tomcat's HTML page.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(status >= 500 ? "{\"detail\":\"A server error occurred.\"}"
                        : status == 404 ? "{\"detail\":\"Not found.\"}" : "{\"detail\":\"Bad request.\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the response is already committed: nothing more to say
        }
    }
}
