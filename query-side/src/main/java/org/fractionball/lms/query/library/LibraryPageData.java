package org.fractionball.lms.query.library;

import org.fractionball.lms.query.web.PreparedJson;

import java.util.List;

/**
 * What a library page holds whatever the request URL: the size of the filtered set, the page served,
 * the set's grades and topics (videos), and the page's items as their JSON answers, written once.
 */
public record LibraryPageData(long count, int page, List<String> grades, List<String> topics, PreparedJson results) {
}
