package org.fractionball.lms.events.content;

/** Resource file types (contract §2.5). */
public enum ResourceFileType {
    PDF("pdf", "PDF Document"),
    DOC("doc", "Word Document"),
    DOCX("docx", "Word Document (DOCX)"),
    PPT("ppt", "PowerPoint"),
    PPTX("pptx", "PowerPoint (PPTX)"),
    XLS("xls", "Excel Spreadsheet"),
    XLSX("xlsx", "Excel Spreadsheet (XLSX)"),
    TXT("txt", "Text File"),
    IMAGE("image", "Image File"),
    OTHER("other", "Other");

    private final String value;
    private final String display;

    ResourceFileType(String value, String display) {
        this.value = value;
        this.display = display;
    }

    public String value() {
        return value;
    }

    public String display() {
        return display;
    }

    /** The type named by a client ({@code pdf} …), or null. */
    public static ResourceFileType parse(String value) {
        for (ResourceFileType type : values()) {
            if (type.value.equals(value)) {
                return type;
            }
        }
        return null;
    }

    /** The type of a stored object by its content type, first matching rule of contract §5.11 wins. */
    public static ResourceFileType ofContentType(String contentType) {
        String type = contentType == null ? "" : contentType;
        if (type.contains("pdf")) {
            return PDF;
        }
        if (type.contains("word")) {
            return type.contains("msword") ? DOC : DOCX;
        }
        if (type.contains("powerpoint") || type.contains("presentation")) {
            return type.contains("powerpoint") ? PPT : PPTX;
        }
        if (type.contains("excel") || type.contains("spreadsheet")) {
            return type.contains("excel") ? XLS : XLSX;
        }
        if (type.contains("text")) {
            return TXT;
        }
        if (type.contains("image")) {
            return IMAGE;
        }
        return OTHER;
    }
}
