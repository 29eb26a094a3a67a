package org.fractionball.lms.query.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.fractionball.lms.query.web.QueryRejected;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Contract §5.18 template: the header line and one example row that imports cleanly, CRLF line ends. */
@RestController
@Tag(name = "Bulk import")
public class BulkTemplateController {
    static final String VIDEO = "title,description,grade,topic,tags,duration,storage_uri,owner_email\r\n"
            + "Introduction to Fractions,Learn the basics of fractions with Fraction Ball,K,fractions_basics,"
            + "\"fractions,basics,introduction\",300,"
            + "https://firebasestorage.googleapis.com/v0/b/your-bucket/o/videos%2Fintro-to-fractions.mp4?alt=media,"
            + "teacher@school.edu\r\n";
    static final String RESOURCE = "title,description,file_uri,file_type,grade,topic,tags,owner_email\r\n"
            + "Fraction Basics Worksheet,Practice worksheet for fraction basics,"
            + "https://firebasestorage.googleapis.com/v0/b/your-bucket/o/resources%2Ffraction-worksheet.pdf?alt=media,"
            + "pdf,1,fractions_basics,\"worksheet,practice\",teacher@school.edu\r\n";

    @Operation(summary = "A CSV template for bulk uploads (type=video, the default, or resource)")
    @GetMapping("/api/bulk/template/")
    public ResponseEntity<String> template(@RequestParam(value = "type", required = false) String type) {
        String kind = type == null ? "video" : type;
        if (!kind.equals("video") && !kind.equals("resource")) {
            throw new QueryRejected(400, Map.of("error", "Invalid type. Must be \"video\" or \"resource\""));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"bulk_upload_template_" + kind + ".csv\"")
                .body(kind.equals("video") ? VIDEO : RESOURCE);
    }
}
